package dev.sns.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.post.IntegrationTest;
import dev.sns.post.PostApplication;
import dev.sns.time.Timestamps;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The purge against the real table: published rows past the retention go, in batches; recent ones and unpublished
 * ones, however old, stay. It runs inside one transaction that is rolled back at the end, so the relay of the running
 * service never sees these rows (uncommitted) and the table is left as it was.
 */
@SpringBootTest(classes = PostApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT) // outbox-support's package
class OutboxPurgeTest extends IntegrationTest {

    @Autowired
    OutboxRepository outbox;

    @Autowired
    OutboxProperties configured;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void deletesPublishedRowsPastTheRetentionInBatchesAndNeverAnUnpublishedOne() {
        OutboxProperties twoPerStatement = new OutboxProperties(configured.topic(), configured.topicPartitions(),
                configured.topicReplicas(), configured.topicMinInsyncReplicas(), configured.pollInterval(), configured.idlePollInterval(), configured.batchSize(), configured.sendTimeout(),
                Duration.ofDays(3), Duration.ofMinutes(1), 2);
        // the purge's own clock, half a year back: rows other tests publish now are newer than any cutoff
        Clock clock = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
        OutboxPurge purge = new OutboxPurge(outbox, twoPerStatement, new SimpleMeterRegistry(), clock);
        Instant now = Timestamps.now(clock);

        new TransactionTemplate(transactions).executeWithoutResult(transaction -> {
            List<Long> expired = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                expired.add(row(now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(4))));
            }
            long recentlyPublished = row(now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(2)));
            long neverPublished = row(now.minus(Duration.ofDays(30)), null);
            long before = count();

            assertThat(purge.purge()).as("rows purged").isEqualTo(5); // statements of 2, 2, 1

            assertThat(count()).isEqualTo(before - 5);
            assertThat(expired).allSatisfy(id -> assertThat(exists(id)).as("expired row %d", id).isFalse());
            assertThat(exists(recentlyPublished)).isTrue();
            assertThat(exists(neverPublished)).as("an unpublished row, 30 days old").isTrue();
            assertThat(purge.purge()).as("a second purge").isZero();
            transaction.setRollbackOnly();
        });
    }

    private long row(Instant createdAt, Instant publishedAt) {
        long id = outbox.insert(UUID.randomUUID().toString(), "sns.test-purge", "1", "{}", createdAt, null);
        if (publishedAt != null) {
            outbox.markPublished(List.of(id), publishedAt);
        }
        return id;
    }

    private long count() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_events").query(Long.class).single();
    }

    private boolean exists(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_events WHERE id = ?").param(id).query(Long.class).single() == 1;
    }
}
