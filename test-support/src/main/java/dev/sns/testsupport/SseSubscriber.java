package dev.sns.testsupport;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The test toolkit's SSE client: the alarm stream, as a browser's EventSource would open it (token in the query),
 * read with {@link SseParser}. {@link #events} are
 * the events of the course's contract (event {@code alarm}); the {@code unread} counts (ext) are kept apart in
 * {@link #unreadCounts}, as a client listening for {@code alarm} only never sees them.
 */
public final class SseSubscriber implements AutoCloseable {

    public record Event(String name, String id, String data, long receivedAtNanos) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<Long> unreadCounts = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    public SseSubscriber(String token) {
        this(token, null);
    }

    /** A reconnect: the stream replays the caller's alarms after {@code lastEventId}. */
    public SseSubscriber(String token, String lastEventId) {
        response = Gateway.HTTP.sendAsync(request(token, lastEventId), HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> read(r.body()));
    }

    /**
     * The request of the alarm stream through the gateway as a browser's EventSource sends it: the token in the query,
     * and on a reconnect the id of the last event received ({@code lastEventId} null on the first connect).
     */
    public static HttpRequest request(String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Gateway.uri("/api/v1/users/alarm/subscribe?token=" + token))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return request.build();
    }

    private void read(Stream<String> lines) {
        SseParser.read(lines, event -> {
            if ("unread".equals(event.name()) && event.data() != null) {
                unreadCounts.add(Gateway.JSON.readTree(event.data()).get("count").asLong());
            } else if (event.data() != null) {
                events.add(new Event(event.name(), event.id(), event.data(), System.nanoTime()));
            }
        });
    }

    public List<Event> events() {
        return events;
    }

    /** The counts of the {@code unread} events, in the order they came. */
    public List<Long> unreadCounts() {
        return unreadCounts;
    }

    public int status(Duration timeout) throws Exception {
        return response.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).statusCode();
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }
}
