package dev.sns.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox relay ({@code sns.outbox} in config-repo/post-service.yml and user-service.yml).
 *
 * @param topic           where the service's events go (docs/events.md)
 * @param topicPartitions partitions of the topic when this service creates it
 * @param topicReplicas   replication factor of the topic when this service creates it
 * @param topicMinInsyncReplicas replicas that must have a record before it is acknowledged ({@code acks=all})
 * @param pollInterval    how soon the relay looks again after a round that left rows behind (besides right after
 *                        each commit)
 * @param idlePollInterval how soon it looks again after a round that found no row (a commit wakes it earlier)
 * @param batchSize       rows claimed per round
 * @param sendTimeout     how long a round waits for Kafka's acknowledgements before leaving rows for the next one
 * @param retention       how long a published row is kept (to look into what was sent) before the purge deletes it
 * @param purgeInterval   how often the purge runs
 * @param purgeBatchSize  rows deleted per statement (short statements, short locks)
 */
@ConfigurationProperties("sns.outbox")
public record OutboxProperties(
        String topic,
        @DefaultValue("3") int topicPartitions,
        @DefaultValue("1") short topicReplicas,
        @DefaultValue("1") int topicMinInsyncReplicas,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("10s") Duration idlePollInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("3d") Duration retention,
        @DefaultValue("1m") Duration purgeInterval,
        @DefaultValue("1000") int purgeBatchSize) {
}
