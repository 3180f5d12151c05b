package dev.sns.e2e;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A client of the alarm stream, as a browser's EventSource would open it (token in the query). {@link #events} are
 * the events of the course's contract (event {@code alarm}); the {@code unread} counts (ext) are kept apart in
 * {@link #unreadCounts}, as a client listening for {@code alarm} only never sees them.
 */
final class SseSubscriber implements AutoCloseable {

    record Event(String name, String id, String data, long receivedAtNanos) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<Long> unreadCounts = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    SseSubscriber(String token) {
        this(token, null);
    }

    /** A reconnect: the stream replays the caller's alarms after {@code lastEventId}. */
    SseSubscriber(String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Suite.gateway("/api/v1/users/alarm/subscribe?token=" + token))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = Suite.HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> read(r.body()));
    }

    private void read(Stream<String> lines) {
        String[] current = new String[3]; // name, id, data
        lines.forEach(line -> {
            if (line.isEmpty()) {
                if ("unread".equals(current[0]) && current[2] != null) {
                    unreadCounts.add(Suite.JSON.readTree(current[2]).get("count").asLong());
                } else if (current[2] != null) {
                    events.add(new Event(current[0], current[1], current[2], System.nanoTime()));
                }
                current[0] = current[1] = current[2] = null;
            } else if (line.startsWith("event:")) {
                current[0] = line.substring(6).trim();
            } else if (line.startsWith("id:")) {
                current[1] = line.substring(3).trim();
            } else if (line.startsWith("data:")) {
                current[2] = current[2] == null ? line.substring(5).trim() : current[2] + "\n" + line.substring(5).trim();
            }
        });
    }

    List<Event> events() {
        return events;
    }

    /** The counts of the {@code unread} events, in the order they came. */
    List<Long> unreadCounts() {
        return unreadCounts;
    }

    int status(Duration timeout) throws Exception {
        return response.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).statusCode();
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }
}
