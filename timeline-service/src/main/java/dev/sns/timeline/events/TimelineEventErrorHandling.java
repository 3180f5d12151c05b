package dev.sns.timeline.events;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A failing event is retried, with pauses growing from 200 ms to 10 s, for as long as it fails: a post must not be
 * lost from timelines because Redis or another service was away for a while, and the events behind it in the same
 * partition (the same author, the same follower) must not overtake it. An event missing a field the contract
 * requires cannot succeed by waiting: it is logged and skipped.
 */
@Configuration(proxyBeanMethods = false)
class TimelineEventErrorHandling {

    @Bean
    DefaultErrorHandler timelineEventErrorHandler() {
        ExponentialBackOff untilItPasses = new ExponentialBackOff(200, 2.0);
        untilItPasses.setMaxInterval(Duration.ofSeconds(10).toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(untilItPasses);
        handler.addNotRetryableExceptions(IllegalArgumentException.class);
        return handler;
    }
}
