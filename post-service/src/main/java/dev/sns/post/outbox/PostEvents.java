package dev.sns.post.outbox;

import dev.sns.outbox.Outbox;
import dev.sns.post.post.Post;
import dev.sns.time.Timestamps;
import dev.sns.web.security.AuthUser;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records post events in the outbox ({@link Outbox}), inside the caller's transaction: the event exists if and only
 * if the change does. Likes, unlikes and comments on your own post raise no event (nobody is to be told, and a like of
 * your own post does not make it popular); a post created or deleted always does (timelines need every post).
 */
@Component
public class PostEvents {

    private final Outbox outbox;
    private final Clock clock;

    PostEvents(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** @param likedAt the like row's own timestamp: the event's {@code occurredAt} is exactly that instant */
    @Transactional(propagation = Propagation.MANDATORY)
    public void likeAdded(Post post, AuthUser actor, long likeId, Instant likedAt) {
        onOthersPost(new PostEvent(UUID.randomUUID().toString(), PostEvent.Type.NEW_LIKE_ON_POST, post.getId(),
                post.getUserId(), actor.id(), actor.name(), likedAt, null, likeId, null), post, actor);
    }

    /** @param likedAt when the removed like was made: the popular posts' tally takes it back from that time */
    @Transactional(propagation = Propagation.MANDATORY)
    public void likeRemoved(Post post, AuthUser actor, long likeId, Instant likedAt) {
        onOthersPost(new PostEvent(UUID.randomUUID().toString(), PostEvent.Type.LIKE_REMOVED_FROM_POST, post.getId(),
                post.getUserId(), actor.id(), actor.name(), Timestamps.now(clock), null, likeId, likedAt), post, actor);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void commentAdded(Post post, long commentId, AuthUser actor) {
        onOthersPost(new PostEvent(UUID.randomUUID().toString(), PostEvent.Type.NEW_COMMENT_ON_POST, post.getId(),
                post.getUserId(), actor.id(), actor.name(), Timestamps.now(clock), commentId, null, null), post, actor);
    }

    /** @param registeredAt the post's own timestamp: the event's {@code occurredAt} */
    @Transactional(propagation = Propagation.MANDATORY)
    public void postCreated(Post post, AuthUser author, Instant registeredAt) {
        record(new PostEvent(UUID.randomUUID().toString(), PostEvent.Type.POST_CREATED, post.getId(), post.getUserId(),
                author.id(), author.name(), registeredAt, null, null, null));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void postDeleted(Post post, AuthUser author, Instant deletedAt) {
        record(new PostEvent(UUID.randomUUID().toString(), PostEvent.Type.POST_DELETED, post.getId(), post.getUserId(),
                author.id(), author.name(), deletedAt, null, null, null));
    }

    private void onOthersPost(PostEvent event, Post post, AuthUser actor) {
        if (!post.isOwnedBy(actor.id())) {
            record(event);
        }
    }

    private void record(PostEvent event) {
        // key = the post's owner: all events for one user land in one partition, in order
        outbox.append(event.eventId(), String.valueOf(event.postOwnerId()), event, event.occurredAt());
    }
}
