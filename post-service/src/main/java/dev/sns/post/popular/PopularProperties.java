package dev.sns.post.popular;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The popular posts (config-repo/post-service.yml, {@code sns.popular}; design in docs/popular.md).
 *
 * @param consumerGroup      the Kafka consumer group of the tally: one per service, so N instances count each like once
 * @param rankingTtl         how long a window's ranking (the union of its buckets) is reused before it is computed again
 * @param rankingTtlAfterChange how long it is still reused once the tally changed (a like shows within it)
 * @param rebuildCheckInterval how often an instance looks whether Redis still has the tally (its marker key)
 * @param rebuildBatchSize   likes read per query and applied per Redis call while rebuilding from the database
 * @param rebuildLockTtl     how long one instance may hold the rebuild before another may take over
 */
@ConfigurationProperties("sns.popular")
public record PopularProperties(
        @DefaultValue("post-service-popular") String consumerGroup,
        @DefaultValue("1s") Duration rankingTtl,
        @DefaultValue("200ms") Duration rankingTtlAfterChange,
        @DefaultValue("5s") Duration rebuildCheckInterval,
        @DefaultValue("1000") int rebuildBatchSize,
        @DefaultValue("10m") Duration rebuildLockTtl) {
}
