package dev.sns.post.post;

import dev.sns.post.author.Author;
import java.time.Instant;

/** The Post of the API. {@code user.name} duplicates {@code user.userName} for older clients. */
public record PostResponse(
        long id,
        String title,
        String body,
        PostUser user,
        int likeCount,
        int commentCount,
        Instant registeredAt,
        Instant updatedAt,
        Instant deletedAt) {

    public record PostUser(long id, String userName, String name, String role) {

        static PostUser of(Author author) {
            return new PostUser(author.id(), author.userName(), author.userName(), author.role());
        }
    }

    public static PostResponse of(Post post, Author author) {
        return new PostResponse(post.getId(), post.getTitle(), post.getBody(), PostUser.of(author), post.getLikeCount(),
                post.getCommentCount(), post.getRegisteredAt(), post.getUpdatedAt(), post.getDeletedAt());
    }
}
