package dev.sns.alarm.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.data.redis.listener.Topic;
import org.springframework.stereotype.Component;

/**
 * Routed fan-out: this instance listens only to the channels of the users who hold a stream here
 * ({@code <redis-channel>:<user id>}), so it receives only their alarms, and each instance's fan-out work grows with its
 * own streams, not with the whole site's alarm rate. The stream registry reports a user's first stream and last close
 * ({@link StreamsByUser.Presence}); one subscriber thread brings the subscriptions in line with it, many users per
 * SUBSCRIBE or UNSUBSCRIBE (a burst of 500 new streams a second is a few commands, not 500). A stream's opening waits
 * (briefly) for its user's subscription before it reads its replay, so nothing published after the replay's query
 * passes it by; should a message still slip through (Redis down, a slow confirmation), the stream's sequence check
 * catches it up from the database (docs/alarms.md, "No gap").
 */
@Component
class UserChannels implements StreamsByUser.Presence, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UserChannels.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final RedisMessageListenerContainer container;
    private final AlarmFanOut listener;
    private final String prefix;
    private final Set<Long> wanted = ConcurrentHashMap.newKeySet();
    private final Set<Long> subscribed = ConcurrentHashMap.newKeySet();
    private final Queue<Long> changes = new ConcurrentLinkedQueue<>(); // users whose wish changed since the last round
    private final Object changed = new Object();
    private volatile Thread subscriber;
    private volatile boolean running;

    UserChannels(RedisMessageListenerContainer container, AlarmFanOut listener, AlarmStreamProperties properties) {
        this.container = container;
        this.listener = listener;
        this.prefix = properties.redisChannel() + ":";
    }

    /** The channel of one user's alarms: {@code <redis-channel>:<user id>}. */
    static String channel(String channel, long userId) {
        return channel + ":" + userId;
    }

    /** Called under the user's entry lock of the registry: calls for one user come in order. */
    @Override
    public void arrived(long userId) {
        wanted.add(userId);
        changes.add(userId);
        wake();
    }

    @Override
    public void left(long userId) {
        wanted.remove(userId);
        changes.add(userId);
        wake();
    }

    /** Waits up to {@code timeout} until the user's channel is subscribed; answers whether it is. */
    boolean awaitSubscribed(long userId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!subscribed.contains(userId)) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !running) {
                return false;
            }
            LockSupport.parkNanos(Math.min(left, 2_000_000)); // 2 ms: a round of the subscriber takes about that
        }
        return true;
    }

    /** How many user channels this instance listens to. */
    int subscriptions() {
        return subscribed.size();
    }

    @Override
    public void start() {
        running = true;
        changes.addAll(wanted); // a restarted context: the streams' users again
        subscriber = Thread.ofPlatform().name("alarm-user-channels").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        Thread current = subscriber;
        if (current != null) {
            current.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Right after the fan-out subscription (the container) starts, before the stream server and the web server. */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 2047;
    }

    private void wake() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    private void run() {
        while (running) {
            boolean done;
            try {
                done = reconcile();
            } catch (RuntimeException e) {
                log.warn("Cannot update the user channels' subscriptions ({}); trying again in {} s", e.getMessage(),
                        RETRY.toSeconds());
                done = false;
            }
            try {
                synchronized (changed) {
                    if (!done || changes.isEmpty()) {
                        changed.wait(RETRY.toMillis());
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * One round over the users whose wish changed: subscribes those who want a channel and have none, unsubscribes
     * those who have one and no longer want it. Answers false (the users stay queued) if Redis refused.
     */
    private boolean reconcile() {
        Set<Long> users = new java.util.LinkedHashSet<>();
        Long user;
        while ((user = changes.poll()) != null) {
            users.add(user);
        }
        List<Long> add = new ArrayList<>();
        List<Long> remove = new ArrayList<>();
        for (Long each : users) {
            boolean wants = wanted.contains(each);
            if (wants && !subscribed.contains(each)) {
                add.add(each);
            } else if (!wants && subscribed.contains(each)) {
                remove.add(each);
            }
        }
        try {
            if (!add.isEmpty()) {
                container.addMessageListener(listener, topics(add));
                subscribed.addAll(add);
            }
            if (!remove.isEmpty()) {
                container.removeMessageListener(listener, topics(remove));
                remove.forEach(subscribed::remove);
            }
            return true;
        } catch (RuntimeException e) {
            changes.addAll(users); // the next round tries them again
            throw e;
        }
    }

    private List<Topic> topics(List<Long> users) {
        List<Topic> topics = new ArrayList<>(users.size());
        users.forEach(user -> topics.add(new ChannelTopic(prefix + user)));
        return topics;
    }
}
