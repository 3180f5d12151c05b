package dev.sns.alarm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A test client of a {@code text/event-stream}: reads it line by line on a background thread, parses events. The
 * {@code unread} events (counts) are kept apart: {@link #next}, {@link #during} and the others see the alarm events
 * and comments only, as a client of the course's contract does; {@link #nextUnread} reads the counts.
 */
final class SseStream implements AutoCloseable {

    /** One event; a comment-only block (a heartbeat) has only {@code comment}. */
    record Event(String name, String id, String data, String comment) {
        boolean isComment() {
            return comment != null && name == null && data == null;
        }
    }

    private static final Event END = new Event(null, null, null, null);

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<Event> unread = new LinkedBlockingQueue<>();
    private final Thread reader;

    private SseStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    static SseStream open(HttpClient client, URI uri, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        headers.forEach(request::header);
        return new SseStream(client.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The next event that is not a comment; fails after {@code timeout}. */
    Event next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = nextAny(Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0)));
            if (!event.isComment()) {
                return event;
            }
        }
    }

    /** The next event or comment; fails after {@code timeout}. */
    Event nextAny(Duration timeout) throws InterruptedException {
        Event event = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (event == null) {
            throw new AssertionError("No event within " + timeout);
        }
        if (event == END) {
            events.add(END);
            throw new AssertionError("The stream ended");
        }
        return event;
    }

    /** The data of the next {@code unread} event ({@code {"count":N}}); fails after {@code timeout}. */
    String nextUnread(Duration timeout) throws InterruptedException {
        Event event = unread.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (event == null) {
            throw new AssertionError("No unread event within " + timeout);
        }
        return event.data();
    }

    /** The {@code unread} events' data that arrive within {@code window}. */
    List<String> unreadDuring(Duration window) throws InterruptedException {
        return during(unread, window).stream().map(Event::data).toList();
    }

    /** The events (no comments) that arrive within {@code window}. */
    List<Event> during(Duration window) throws InterruptedException {
        return during(events, window);
    }

    private static List<Event> during(BlockingQueue<Event> queue, Duration window) throws InterruptedException {
        List<Event> received = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            Event event = queue.poll(left, TimeUnit.NANOSECONDS);
            if (event == END) {
                queue.add(END);
                break;
            }
            if (event != null && !event.isComment()) {
                received.add(event);
            }
        }
        return received;
    }

    /** Whether the server ended the stream within {@code timeout} (events before the end are skipped). */
    boolean endsWithin(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            if (events.poll(left, TimeUnit.NANOSECONDS) == END) {
                events.add(END);
                return true;
            }
        }
        return false;
    }

    private void read() {
        String name = null;
        String id = null;
        StringBuilder data = null;
        StringBuilder comment = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (name != null || id != null || data != null || comment != null) {
                        Event event = new Event(name, id, data == null ? null : data.toString(),
                                comment == null ? null : comment.toString());
                        ("unread".equals(name) ? unread : events).add(event);
                    }
                    name = null;
                    id = null;
                    data = null;
                    comment = null;
                } else if (line.startsWith(":")) {
                    comment = (comment == null ? new StringBuilder() : comment.append('\n')).append(line.substring(1));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "event" -> name = value;
                        case "id" -> id = value;
                        case "data" -> data = (data == null ? new StringBuilder() : data.append('\n')).append(value);
                        default -> { } // retry and unknown fields
                    }
                }
            }
        } catch (RuntimeException e) {
            // closed by the test or the server
        } finally {
            events.add(END);
        }
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
