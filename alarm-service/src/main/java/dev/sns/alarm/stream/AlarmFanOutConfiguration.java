package dev.sns.alarm.stream;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlarmStreamProperties.class)
class AlarmFanOutConfiguration {

    @Bean
    RedisMessageListenerContainer alarmFanOutListener(RedisConnectionFactory redis, AlarmFanOut fanOut,
                                                      AlarmStreamProperties properties) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        container.addMessageListener(fanOut, new ChannelTopic(properties.redisChannel()));
        // delivering only queues the events (AlarmConnection writes them), so dispatching in order on the
        // subscriber's thread is cheap and keeps a user's alarms in the order they were published
        container.setTaskExecutor(new SyncTaskExecutor());
        // started by FanOutSubscription: the container fails the application's start when Redis is unreachable
        container.setAutoStartup(false);
        return container;
    }
}
