package dev.sns.timeline.events;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the listener reads the events of docs/events.md, in milliseconds: no Kafka, no Redis. The fan-out it hands them
 * to is the one thing isolated here (TimelineTest runs both against real Kafka and Redis).
 */
class TimelineEventListenerTest {

    private final FanOut fanOut = mock(FanOut.class);
    private final TimelineEventListener listener = new TimelineEventListener(fanOut, JsonMapper.builder().build());

    private void receive(String value) {
        listener.on(new ConsumerRecord<>("sns.post-events", 0, 0, "7", value));
    }

    @Test
    void eachTypeGoesToItsFanOutStepWithItsIds() {
        receive("""
                {"eventId":"a","type":"POST_CREATED","postId":11,"postOwnerId":7,"occurredAt":"2026-12-03T10:15:30.123Z"}""");
        verify(fanOut).postCreated(11, 7, Instant.parse("2026-12-03T10:15:30.123Z"));
        receive("{\"eventId\":\"b\",\"type\":\"POST_DELETED\",\"postId\":12,\"postOwnerId\":7}");
        verify(fanOut).postDeleted(12, 7);
        receive("{\"eventId\":\"c\",\"type\":\"NEW_LIKE_ON_POST\",\"postId\":13}");
        receive("{\"eventId\":\"d\",\"type\":\"LIKE_REMOVED_FROM_POST\",\"postId\":14}");
        receive("{\"eventId\":\"e\",\"type\":\"NEW_COMMENT_ON_POST\",\"postId\":15}");
        verify(fanOut).postChanged(13);
        verify(fanOut).postChanged(14);
        verify(fanOut).postChanged(15);
        receive("{\"eventId\":\"f\",\"type\":\"FOLLOWED\",\"followerId\":3,\"followeeId\":4}");
        verify(fanOut).followed(3, 4);
        receive("{\"eventId\":\"g\",\"type\":\"UNFOLLOWED\",\"followerId\":5,\"followeeId\":6}");
        verify(fanOut).unfollowed(5, 6);
    }

    @Test
    void aCreationWithoutAReadableTimeIsFannedOutWithoutOne() {
        receive("{\"eventId\":\"a\",\"type\":\"POST_CREATED\",\"postId\":21,\"postOwnerId\":7,\"occurredAt\":\"yesterday\"}");
        receive("{\"eventId\":\"b\",\"type\":\"POST_CREATED\",\"postId\":22,\"postOwnerId\":7}");
        verify(fanOut).postCreated(21, 7, null);
        verify(fanOut).postCreated(22, 7, null);
    }

    @Test
    void unreadableEventsAndUnknownTypesAreSkipped() {
        receive("{ this is not json");
        receive("{\"eventId\":\"x\",\"type\":\"POST_PINNED\",\"postId\":1}");
        receive("{\"eventId\":\"y\"}");
        verifyNoInteractions(fanOut);
    }

    @Test
    void anEventOfAKnownTypeWithoutItsIdsFails() {
        assertThatThrownBy(() -> receive("{\"eventId\":\"x\",\"type\":\"POST_CREATED\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x").hasMessageContaining("postId");
        assertThatThrownBy(() -> receive("{\"eventId\":\"y\",\"type\":\"FOLLOWED\",\"followerId\":\"3\",\"followeeId\":4}"))
                .hasMessageContaining("followerId");
        verifyNoInteractions(fanOut);
    }
}
