package dev.sns.alarm.stream;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Subscribes to the fan-out channel in the background and keeps trying while Redis is unreachable, so the service
 * starts and consumes without Redis (alarms then reach only this instance's streams). Once subscribed, the
 * container itself resubscribes after a Redis restart.
 * <p>
 * It starts before the web server and stops after it: a stream accepted before the subscription would miss every
 * alarm published meanwhile for good (its replay ran already, and the next alarm it gets moves its Last-Event-ID
 * past them). Started after the web server, an instance under load served streams for 8 s unsubscribed during a
 * rolling restart (chaos-tests' RollingRestartChaosTest: 7 alarms never reached the stream).
 */
@Component
class FanOutSubscription implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FanOutSubscription.class);
    private static final Duration RETRY = Duration.ofSeconds(2);
    /** How long a start waits for Redis to confirm the subscription (the container's default, 2 s, ran out under load). */
    private static final Duration CONFIRMATION = Duration.ofSeconds(10);

    private final RedisMessageListenerContainer container;
    private final String channel;
    private volatile boolean running;
    private Thread subscriber;

    FanOutSubscription(RedisMessageListenerContainer container, AlarmStreamProperties properties) {
        this.container = container;
        this.channel = properties.redisChannel();
        container.setMaxSubscriptionRegistrationWaitingTime(CONFIRMATION.toMillis());
    }

    /** Subscribes now (waiting up to {@link #CONFIRMATION}), or keeps trying in the background if Redis is unreachable. */
    @Override
    public void start() {
        running = true;
        if (!trySubscribe()) {
            subscriber = Thread.ofVirtual().name("alarm-fan-out-subscriber").start(this::retryUntilSubscribed);
        }
    }

    private boolean trySubscribe() {
        try {
            container.start();
            log.info("Listening to Redis channel {}", channel);
            return true;
        } catch (RuntimeException e) {
            log.warn("Cannot subscribe to Redis channel {} ({}); alarms reach only this instance's streams. "
                    + "Retrying every {} s", channel, e.getMessage(), RETRY.toSeconds());
            container.stop();
            return false;
        }
    }

    private void retryUntilSubscribed() {
        while (running) {
            try {
                Thread.sleep(RETRY);
            } catch (InterruptedException e) {
                return;
            }
            if (running && trySubscribe()) {
                return;
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (subscriber != null) {
            subscriber.interrupt();
        }
        container.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Below the web server's start/stop phase (which is 1024 below its graceful-shutdown phase). */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 2048;
    }
}
