package dev.sns.post.like;

import dev.sns.api.ErrorCode;
import dev.sns.post.outbox.PostEvents;
import dev.sns.post.post.Post;
import dev.sns.post.post.PostRepository;
import dev.sns.post.post.PostService;
import dev.sns.time.Timestamps;
import dev.sns.web.ApiException;
import dev.sns.web.security.AuthUser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class LikeService {

    private final PostService postService;
    private final PostRepository posts;
    private final LikeRepository likes;
    private final PostEvents events;
    private final Counter liked;
    private final Clock clock;

    LikeService(PostService postService, PostRepository posts, LikeRepository likes, PostEvents events,
                MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.postService = postService;
        this.posts = posts;
        this.likes = likes;
        this.events = events;
        this.liked = Counter.builder("sns.likes").description("Likes accepted").register(meters);
    }

    /**
     * The like row, the post's counter (+1 in SQL) and, for someone else's post, the outbox row commit together.
     * The unique key makes the second of two simultaneous likes by one user fail here, as ALREADY_LIKED.
     */
    @Transactional
    public void like(AuthUser caller, long postId) {
        Post post = postService.findActive(postId);
        Instant now = Timestamps.now(clock);
        long likeId = likes.insert(postId, caller.id(), now)
                .orElseThrow(() -> new ApiException(ErrorCode.ALREADY_LIKED));
        if (posts.addToLikeCount(postId, 1) == 0) {
            throw new ApiException(ErrorCode.POST_NOT_FOUND); // deleted meanwhile: roll back
        }
        events.likeAdded(post, caller, likeId, now);
        liked.increment();
    }

    /**
     * Idempotent: unliking a post you do not like (any more) answers success and changes nothing, so a client
     * retrying an unlike, or two tabs unliking at once, never sees an error and the counter never goes below the
     * real number of likes. A removed like of someone else's post raises LIKE_REMOVED_FROM_POST (the popular posts'
     * tally takes it back; alarm-service ignores it: the alarm of the like stays, as in the course).
     */
    @Transactional
    public void unlike(AuthUser caller, long postId) {
        Post post = postService.findActive(postId);
        likes.delete(postId, caller.id()).ifPresent(like -> {
            posts.addToLikeCount(postId, -1);
            events.likeRemoved(post, caller, like.id(), like.registeredAt());
        });
    }
}
