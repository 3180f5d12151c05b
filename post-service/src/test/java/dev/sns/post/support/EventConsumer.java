package dev.sns.post.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a topic from the beginning, as alarm-service would, keeping the records a test is interested in. */
public final class EventConsumer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A record: its key and parsed JSON value. */
    public record Event(String key, JsonNode value) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Event> seen = new ArrayList<>();

    public EventConsumer(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "post-service-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls until {@code count} records match (or the timeout passes); returns every matching record seen so far. */
    public List<Event> await(Predicate<Event> wanted, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.stream().filter(wanted).count() < count && System.nanoTime() < deadline) {
            poll();
        }
        return seen.stream().filter(wanted).toList();
    }

    /** Keeps polling for a while, to see whether anything more arrives. */
    public List<Event> drain(Predicate<Event> wanted, Duration during) {
        long deadline = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < deadline) {
            poll();
        }
        return seen.stream().filter(wanted).toList();
    }

    private void poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            seen.add(new Event(record.key(), JSON.readTree(record.value())));
        }
    }

    /** Likes, unlikes and comments of the post (not its own POST_CREATED / POST_DELETED: {@link #lifecycleOf}). */
    public static Predicate<Event> aboutPost(long postId) {
        return event -> event.value().path("postId").asLong() == postId && !isLifecycle(event);
    }

    /** The post's POST_CREATED and POST_DELETED events. */
    public static Predicate<Event> lifecycleOf(long postId) {
        return event -> event.value().path("postId").asLong() == postId && isLifecycle(event);
    }

    private static boolean isLifecycle(Event event) {
        return event.value().path("type").asString().startsWith("POST_");
    }

    /** SQL condition on outbox_events that leaves the posts' own POST_CREATED / POST_DELETED rows out. */
    public static final String REACTION_ROWS = "payload NOT LIKE '%\"type\":\"POST\\_%'";

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }

}
