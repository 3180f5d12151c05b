package dev.sns.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The relay's rounds (outbox-support, shared by post-service and user-service), the table and Kafka played by mocks:
 * an idle relay reads the table once per {@code idle-poll-interval}, not once per {@code poll-interval}; a commit
 * still wakes it at once; a row nobody woke it for (a crashed instance's, a lost wake-up) still goes, within the idle
 * interval; a failing send is retried every {@code poll-interval}.
 */
class OutboxRelayPollingTest {

    private final Queue<OutboxRow> unpublished = new ConcurrentLinkedQueue<>();
    private final AtomicInteger claims = new AtomicInteger();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private volatile boolean kafkaDown;

    @SuppressWarnings("unchecked")
    private OutboxRelay relay() {
        OutboxRepository outbox = mock(OutboxRepository.class);
        when(outbox.claimUnpublished(anyInt())).thenAnswer(call -> {
            claims.incrementAndGet();
            return new ArrayList<>(unpublished);
        });
        doAnswer(call -> {
            List<Long> ids = call.getArgument(0);
            unpublished.removeIf(row -> ids.contains(row.id()));
            return null;
        }).when(outbox).markPublished(any(), any());
        KafkaTemplate<String, String> kafka = mock(KafkaTemplate.class);
        when(kafka.send(anyString(), anyString(), anyString())).thenAnswer(call -> {
            if (kafkaDown) {
                return CompletableFuture.failedFuture(new IllegalStateException("broker away"));
            }
            sent.add(call.getArgument(2));
            return CompletableFuture.completedFuture(null);
        });
        OutboxProperties properties = new OutboxProperties("sns.test-relay", 3, (short) 1, 1, Duration.ofMillis(50),
                Duration.ofSeconds(2), 100, Duration.ofSeconds(1), Duration.ofDays(3), Duration.ofMinutes(1), 1000);
        return new OutboxRelay(outbox, kafka, properties, mock(PlatformTransactionManager.class),
                new OutboxTracing(mock(Tracer.class), mock(Propagator.class)), Clock.systemUTC());
    }

    private static OutboxRow row(long id) {
        return new OutboxRow(id, "event-" + id, "sns.test-relay", "1", "{\"n\":" + id + "}", null);
    }

    @Test
    void anIdleRelayReadsTheTableRarely_aCommitWakesItAtOnce_andARowNobodyWokeItForStillGoes() throws Exception {
        OutboxRelay relay = relay();
        relay.start();
        try {
            Thread.sleep(1500);
            assertThat(claims.get()).as("rounds of an idle relay in 1.5 s (poll-interval 50 ms, idle 2 s)").isLessThanOrEqualTo(2);

            unpublished.add(row(1));
            long woken = System.nanoTime();
            relay.publishSoon(); // what the commit of a change does
            await().atMost(Duration.ofMillis(500)).until(() -> sent.contains("{\"n\":1}"));
            assertThat(Duration.ofNanos(System.nanoTime() - woken)).isLessThan(Duration.ofMillis(500));

            unpublished.add(row(2)); // no wake-up: left by another instance that crashed after its commit
            await().atMost(Duration.ofSeconds(4)).until(() -> sent.contains("{\"n\":2}"));

            kafkaDown = true; // a failing send is tried again every poll-interval, not every idle interval
            unpublished.add(row(3));
            relay.publishSoon();
            Thread.sleep(300);
            int tries = claims.get();
            Thread.sleep(500);
            assertThat(claims.get() - tries).as("rounds in 500 ms while Kafka fails").isGreaterThanOrEqualTo(4);
            kafkaDown = false;
            await().atMost(Duration.ofSeconds(1)).until(() -> sent.contains("{\"n\":3}"));
        } finally {
            long stopping = System.nanoTime();
            relay.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).as("stop with a safety round planned")
                    .isLessThan(Duration.ofSeconds(1));
        }
    }
}
