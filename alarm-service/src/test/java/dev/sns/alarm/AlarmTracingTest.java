package dev.sns.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sns.testsupport.SseStream;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The like's trace goes on in alarm-service, although the listener takes batches: the event's consumer span continues
 * the trace of the record's {@code traceparent}, its alarm's fan-out publish is a child of it, the push a child of that.
 */
class AlarmTracingTest extends AlarmTestSupport {

    @Test
    void aConsumedEventsSpansJoinTheTraceOfItsLike() throws Exception {
        long owner = newUser();
        String traceId = randomHex(16);
        String likeSpanId = randomHex(8);
        try (SseStream stream = subscribe(owner)) {
            assertConnected(stream);
            PostEvents.send(owner, PostEvents.like(PostEvents.newEventId(), 1601, owner, newUser()),
                    Map.of("traceparent", "00-" + traceId + "-" + likeSpanId + "-01"));
            stream.next(Duration.ofSeconds(5));
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<SpanData> spans = RecordedSpans.ofTrace(traceId);
            SpanData consumer = only(spans, SpanKind.CONSUMER, PostEvents.TOPIC + " process");
            assertThat(consumer.getParentSpanId()).isEqualTo(likeSpanId);
            SpanData publish = only(spans, SpanKind.PRODUCER, "alarm fan-out publish");
            assertThat(publish.getParentSpanId()).isEqualTo(consumer.getSpanId());
            SpanData push = only(spans, SpanKind.CONSUMER, "alarm push");
            assertThat(push.getParentSpanId()).isEqualTo(publish.getSpanId());
        });
    }

    private static SpanData only(List<SpanData> spans, SpanKind kind, String name) {
        List<SpanData> matching = spans.stream().filter(span -> span.getKind() == kind && span.getName().equals(name))
                .toList();
        assertThat(matching).as("%s spans named '%s' among %s", kind, name, spans.stream().map(SpanData::getName).toList())
                .hasSize(1);
        return matching.getFirst();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
