package dev.sns.post.popular;

import java.time.Instant;

/**
 * A like made or taken back, as the tally counts it: in the buckets of the like's own time ({@code likedAt}), for the
 * like identified by its row id, whatever the time the change is applied.
 */
record LikeChange(long likeId, long postId, Instant likedAt, boolean added) {
}
