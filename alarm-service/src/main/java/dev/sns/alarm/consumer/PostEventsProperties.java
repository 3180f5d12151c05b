package dev.sns.alarm.consumer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where post events come from and what happens when one cannot be handled.
 *
 * @param topic              the topic post-service publishes to
 * @param deadLetterTopic    where poison messages and exhausted retries go
 * @param deadLetterPartitions, deadLetterReplicas, deadLetterMinInsyncReplicas
 *                           the dead-letter topic's layout when this service creates it (as the events' topic)
 * @param retryInitial       first back-off after a failure
 * @param retryMax           the longest back-off; transient database failures are retried at this pace until they pass
 * @param attempts           how often a message failing for a non-transient reason is tried before it is dead-lettered
 */
@ConfigurationProperties("sns.alarm.events")
public record PostEventsProperties(
        @DefaultValue("sns.post-events") String topic,
        @DefaultValue("sns.post-events.DLT") String deadLetterTopic,
        @DefaultValue("3") int deadLetterPartitions,
        @DefaultValue("1") short deadLetterReplicas,
        @DefaultValue("1") int deadLetterMinInsyncReplicas,
        @DefaultValue("500ms") Duration retryInitial,
        @DefaultValue("10s") Duration retryMax,
        @DefaultValue("3") int attempts) {
}
