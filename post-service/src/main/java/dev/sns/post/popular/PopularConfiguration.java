package dev.sns.post.popular;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PopularProperties.class)
class PopularConfiguration {

    /**
     * The error handler of this service's only listener ({@link PopularEventListener}). Its events are never
     * unreadable (it skips what it cannot read), so a failure is Redis: the batch is retried, 0.5 s, 1 s, ... at most
     * 10 s apart, for as long as Redis is away, instead of being dropped after a few attempts.
     */
    @Bean
    CommonErrorHandler popularEventsErrorHandler() {
        ExponentialBackOff untilItPasses = new ExponentialBackOff(500, 2.0);
        untilItPasses.setMaxInterval(10_000);
        return new DefaultErrorHandler(untilItPasses);
    }
}
