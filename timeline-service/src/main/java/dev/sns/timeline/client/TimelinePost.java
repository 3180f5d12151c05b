package dev.sns.timeline.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A post exactly in the feed's Post shape (docs/api.md), as post-service renders it. When post-service cannot be
 * asked, only the id and the author's id are known ({@link #idOnly}), as an author post-service cannot name.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TimelinePost(long id, String title, String body, User user, int likeCount, int commentCount,
                           Instant registeredAt, Instant updatedAt, Instant deletedAt) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(long id, String userName, String name, String role) {
    }

    public static TimelinePost idOnly(long id, long authorId) {
        return new TimelinePost(id, null, null, new User(authorId, null, null, null), 0, 0, null, null, null);
    }

    /** Whether this is the whole post with a named author: only such a post may be cached. */
    public boolean complete() {
        return title != null && user != null && user.userName() != null;
    }
}
