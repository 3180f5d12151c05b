package dev.sns.post.post;

/** A post's id and version: all a page's entity tag needs (read without titles, bodies or authors). */
public record PostVersion(long id, long version) {

    static PostVersion of(Post post) {
        return new PostVersion(post.getId(), post.getVersion());
    }
}
