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
 * Records the events of likes and comments in the outbox, inside the caller's transaction: the event exists if and
 * only if the like/comment does. Acting on your own post raises no event (nobody is to be told).
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

    @Transactional(propagation = Propagation.MANDATORY)
    public void likeAdded(Post post, AuthUser actor) {
        record(PostEvent.Type.NEW_LIKE_ON_POST, post, actor, null);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void commentAdded(Post post, long commentId, AuthUser actor) {
        record(PostEvent.Type.NEW_COMMENT_ON_POST, post, actor, commentId);
    }

    private void record(PostEvent.Type type, Post post, AuthUser actor, Long commentId) {
        if (post.isOwnedBy(actor.id())) {
            return;
        }
        Instant now = Post.now();
        PostEvent event = new PostEvent(UUID.randomUUID().toString(), type, post.getId(), post.getUserId(), actor.id(),
                actor.name(), now, commentId);
        // key = the receiver: all events for one user land in one partition, in order
        long id = outbox.insert(event.eventId(), properties.topic(), String.valueOf(post.getUserId()),
                json.writeValueAsString(event), now, tracing.currentTraceParent());
        publisher.publishEvent(new OutboxAppended(id));
    }
}
