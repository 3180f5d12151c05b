package dev.sns.testsupport;

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
 * The test toolkit's client of a {@code text/event-stream}, on any URI and HTTP client: reads it line by line on a
 * background thread with {@link SseParser}, and hands the events out as they come, waiting for them. The
 * {@code unread} events (counts) are kept apart: {@link #next}, {@link #during} and the others see the alarm events
 * and comments only, as a client of the course's contract does; {@link #nextUnread} reads the counts.
 */
public final class SseStream implements AutoCloseable {

    /**
     * HTTP/1.1 only: a stream opened as a browser opens one on an {@code http://} URL (browsers speak HTTP/2 over TLS
     * only, never h2c), where {@link Gateway#HTTP} would offer an h2c upgrade to a server that takes it.
     */
    public static final HttpClient HTTP_1_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static final SseEvent END = new SseEvent(null, null, null, null, null);

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<SseEvent> unread = new LinkedBlockingQueue<>();
    private final Thread reader;

    private SseStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    /** The stream at {@code uri} over {@link #HTTP_1_1}, with these request headers. */
    public static SseStream open(URI uri, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        headers.forEach(request::header);
        return new SseStream(HTTP_1_1.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The first value of a response header, null when there is none. */
    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The next event that is not a comment; fails after {@code timeout}. */
    public SseEvent next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SseEvent event = nextAny(Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0)));
            if (!event.isComment()) {
                return event;
            }
        }
    }

    /** The next event or comment; fails after {@code timeout}. */
    public SseEvent nextAny(Duration timeout) throws InterruptedException {
        SseEvent event = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
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
    public String nextUnread(Duration timeout) throws InterruptedException {
        SseEvent event = unread.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (event == null) {
            throw new AssertionError("No unread event within " + timeout);
        }
        return event.data();
    }

    /** The {@code unread} events' data that arrive within {@code window}. */
    public List<String> unreadDuring(Duration window) throws InterruptedException {
        return during(unread, window).stream().map(SseEvent::data).toList();
    }

    /** The events (no comments) that arrive within {@code window}. */
    public List<SseEvent> during(Duration window) throws InterruptedException {
        return during(events, window);
    }

    private static List<SseEvent> during(BlockingQueue<SseEvent> queue, Duration window) throws InterruptedException {
        List<SseEvent> received = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            SseEvent event = queue.poll(left, TimeUnit.NANOSECONDS);
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
    public boolean endsWithin(Duration timeout) throws InterruptedException {
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
        try {
            SseParser.read(response.body(), event -> ("unread".equals(event.name()) ? unread : events).add(event));
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
