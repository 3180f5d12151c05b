package dev.sns.post.outbox;

import dev.sns.post.post.Post;
import dev.sns.web.security.AuthUser;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records the events of likes, unlikes and comments in the outbox, inside the caller's transaction: the event exists
 * if and only if the like/unlike/comment does. Acting on your own post raises no event (nobody is to be told, and a
 * like of your own post does not make it popular).
 */
@Component
public class PostEvents {

    private final OutboxRepository outbox;
    private final OutboxProperties properties;
    private final JsonMapper json;
    private final ApplicationEventPublisher publisher;
    private final OutboxTracing tracing;

    PostEvents(OutboxRepository outbox, OutboxProperties properties, JsonMapper json, ApplicationEventPublisher publisher,
               OutboxTracing tracing) {
        this.outbox = outbox;
        this.properties = properties;
        this.json = json;
        this.publisher = publisher;
        this.tracing = tracing;
    }

    /** @param likedAt the like row's own timestamp: the event's {@code occurredAt} is exactly that instant */
    @Transactional(propagation = Propagation.MANDATORY)
    public void likeAdded(Post post, AuthUser actor, long likeId, Instant likedAt) {
        record(new PostEvent(UUID.randomUUID().toString(), PostEvent.Type.NEW_LIKE_ON_POST, post.getId(),
                post.getUserId(), actor.id(), actor.name(), likedAt, null, likeId, null), post, actor);
    }

    /** @param likedAt when the removed like was made: the popular posts' tally takes it back from that time */
    @Transactional(propagation = Propagation.MANDATORY)
    public void likeRemoved(Post post, AuthUser actor, long likeId, Instant likedAt) {
        record(new PostEvent(UUID.randomUUID().toString(), PostEvent.Type.LIKE_REMOVED_FROM_POST, post.getId(),
                post.getUserId(), actor.id(), actor.name(), Post.now(), null, likeId, likedAt), post, actor);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void commentAdded(Post post, long commentId, AuthUser actor) {
        record(new PostEvent(UUID.randomUUID().toString(), PostEvent.Type.NEW_COMMENT_ON_POST, post.getId(),
                post.getUserId(), actor.id(), actor.name(), Post.now(), commentId, null, null), post, actor);
    }

    private void record(PostEvent event, Post post, AuthUser actor) {
        if (post.isOwnedBy(actor.id())) {
            return;
        }
        Instant now = event.occurredAt();
        // key = the receiver: all events for one user land in one partition, in order
        long id = outbox.insert(event.eventId(), properties.topic(), String.valueOf(post.getUserId()),
                json.writeValueAsString(event), now, tracing.currentTraceParent());
        publisher.publishEvent(new OutboxAppended(id));
    }
}
