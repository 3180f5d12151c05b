package dev.sns.post.post;

import dev.sns.web.conditional.ETags;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.ETag;

/**
 * The entity tags of the post reads (conditional GET, docs/api.md). What a read shows of a post (title, body,
 * counters, timestamps) changes only together with the post's version ({@link PostRepository}); its author's name
 * and role never change in user-service, and an answer with an author user-service could not name carries no tag.
 * So a tag needs no body:
 * <ul>
 * <li>a post: its id and version;</li>
 * <li>a page of posts: whose posts (the feed, or one user's), the page's number, size and total, and the id and
 *     version of every post on it, in order: all the Page JSON is made of;</li>
 * <li>a page of a post's comments: the post and its version (a comment is only ever added, together with a new
 *     version of its post; comments are never edited or removed one by one) and the page asked for.</li>
 * </ul>
 */
public final class PostTags {

    /** Part of every tag: raise it when the JSON of these reads changes, so that no client keeps the old shape. */
    private static final int REPRESENTATION = 1;

    private PostTags() {
    }

    static ETag post(long id, long version) {
        return ETags.weak("post", REPRESENTATION, id, version);
    }

    /** @param owner whose posts: {@code "feed"} for everyone's, else the user id */
    static ETag page(Object owner, Page<PostVersion> page) {
        List<Object> values = new ArrayList<>(List.of("posts", REPRESENTATION, owner, page.getNumber(), page.getSize(),
                page.getTotalElements()));
        page.getContent().forEach(post -> {
            values.add(post.id());
            values.add(post.version());
        });
        return ETags.weak(values.toArray());
    }

    public static ETag comments(long postId, long postVersion, Pageable pageable) {
        return ETags.weak("comments", REPRESENTATION, postId, postVersion, pageable.getPageNumber(),
                pageable.getPageSize(), pageable.getSort());
    }
}
