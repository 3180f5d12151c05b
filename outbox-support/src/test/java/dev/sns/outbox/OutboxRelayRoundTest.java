package dev.sns.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;

/**
 * The relay's rounds, in a second: batches in id order, the first failing send ending the round, what stays for the
 * next one. The table and Kafka are the things isolated here (an in-memory table, a scripted KafkaTemplate); post-service's
 * OutboxEventsTest and OutboxRelayPollingTest run the relay against real MariaDB and Kafka.
 */
class OutboxRelayRoundTest {

    private static final Duration POLL = Duration.ofMillis(50);
    /** Longer than any test: a round that finds the table empty plans none, so only a commit wakes the relay. */
    private static final Duration IDLE_POLL = Duration.ofHours(1);

    /** The unpublished rows by id, as {@code claimUnpublished} finds them; {@code markPublished} takes them out. */
    private final ConcurrentSkipListMap<Long, OutboxRow> table = new ConcurrentSkipListMap<>();
    private final List<List<Long>> marked = new CopyOnWriteArrayList<>();
    private final List<Long> sent = new CopyOnWriteArrayList<>();
    /** Ids whose send Kafka refuses at once (as when it is unreachable). */
    private final Set<Long> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private OutboxRelay relay;

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.stop();
        }
    }

    @SuppressWarnings("unchecked")
    private OutboxRelay start(int batchSize, long... ids) {
        for (long id : ids) {
            table.put(id, new OutboxRow(id, "event-" + id, "sns.post-events", "key", "{\"id\":" + id + "}", null));
        }
        OutboxRepository outbox = mock(OutboxRepository.class);
        when(outbox.claimUnpublished(anyInt())).thenAnswer(call ->
                new ArrayList<>(table.values()).subList(0, Math.min(call.<Integer>getArgument(0), table.size())));
        doAnswer(call -> {
            List<Long> published = call.getArgument(0);
            marked.add(List.copyOf(published));
            published.forEach(table::remove);
            return null;
        }).when(outbox).markPublished(any(), any());
        when(outbox.countUnpublished()).thenAnswer(call -> (long) table.size());

        KafkaTemplate<String, String> kafka = mock(KafkaTemplate.class);
        when(kafka.send(anyString(), anyString(), anyString())).thenAnswer(call -> {
            long id = Long.parseLong(call.<String>getArgument(2).replaceAll("\\D", ""));
            if (refused.contains(id)) {
                return CompletableFuture.failedFuture(new IllegalStateException("Kafka is away"));
            }
            sent.add(id);
            return CompletableFuture.completedFuture(null);
        });

        OutboxProperties properties = new OutboxProperties("sns.post-events", 3, (short) 1, 1, POLL, IDLE_POLL, batchSize,
                Duration.ofSeconds(2), Duration.ofDays(3), Duration.ofMinutes(1), 1000);
        relay = new OutboxRelay(outbox, kafka, properties, new NoTransactions(), new OutboxTracing(null, null),
                Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC));
        relay.start();
        return relay;
    }

    @Test
    void aRoundSendsEveryRowInIdOrderBatchByBatch() {
        start(2, 5, 1, 4, 2, 3);

        await().atMost(Duration.ofSeconds(5)).until(table::isEmpty);
        assertThat(sent).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(marked).containsExactly(List.of(1L, 2L), List.of(3L, 4L), List.of(5L));
        assertThat(relay.backlog()).isZero();
    }

    @Test
    void theFirstRefusedSendEndsTheRoundAndTheRestWaitsForALaterOne() {
        refused.add(2L);
        start(10, 1, 2, 3, 4);

        await().atMost(Duration.ofSeconds(5)).until(() -> !marked.isEmpty());
        assertThat(marked.getFirst()).as("only what Kafka acknowledged").containsExactly(1L);
        assertThat(sent).as("nothing sent after the refused row: no wait of max.block.ms per row").containsExactly(1L);
        assertThat(table.keySet()).containsExactly(2L, 3L, 4L);
        await().atMost(Duration.ofSeconds(5)).until(() -> relay.backlog() == 3);

        refused.clear(); // Kafka is back: a later round, on its own, sends the rest in order
        await().atMost(Duration.ofSeconds(5)).until(table::isEmpty);
        assertThat(sent).containsExactly(1L, 2L, 3L, 4L);
        await().atMost(Duration.ofSeconds(5)).until(() -> relay.backlog() == 0);
    }

    @Test
    void aCommitWakesTheRelayForItsRow() throws InterruptedException {
        start(10, 1);
        await().atMost(Duration.ofSeconds(5)).until(table::isEmpty);
        Thread.sleep(POLL.multipliedBy(4)); // the round after the last row found the table empty: the relay idles now

        table.put(2L, new OutboxRow(2, "event-2", "sns.post-events", "key", "{\"id\":2}", null));
        Thread.sleep(POLL.multipliedBy(4));
        assertThat(table).as("no round of its own before an hour").containsKey(2L);
        relay.publishSoon();

        await().atMost(Duration.ofSeconds(5)).until(table::isEmpty);
        assertThat(sent).containsExactly(1L, 2L);
    }

    /** The relay's transactions, with nothing to commit: the table is in memory. */
    private static final class NoTransactions implements PlatformTransactionManager {

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {
        }

        @Override
        public void rollback(TransactionStatus status) {
        }
    }
}
