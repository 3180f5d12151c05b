package dev.sns.chaos;

import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.SseParser;
import dev.sns.testsupport.SseSubscriber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * A browser's EventSource on the alarm stream, through the gateway: when the stream ends or cannot be opened it
 * reconnects after a second, sending the id of the last alarm it received as {@code Last-Event-ID}. Every alarm
 * received is kept by id; receiving an id twice counts as a duplicate.
 */
final class AlarmStreamClient implements AutoCloseable {

    private final String token;
    private final Thread reader;
    private final Map<Long, JsonNode> alarms = new ConcurrentHashMap<>();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger connects = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile Long lastEventId;
    private volatile Stream<String> current;
    private volatile boolean closed;

    AlarmStreamClient(String token) {
        this.token = token;
        this.reader = Thread.ofVirtual().name("alarm-stream").start(this::run);
    }

    private void run() {
        while (!closed) {
            HttpRequest request = SseSubscriber.request(token, lastEventId == null ? null : String.valueOf(lastEventId));
            try {
                HttpResponse<Stream<String>> response = Gateway.HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
                if (response.statusCode() == 200) {
                    connects.incrementAndGet();
                    current = response.body();
                    read(response.body());
                } else {
                    refused.incrementAndGet();
                    response.body().close();
                }
            } catch (IOException | UncheckedIOException e) {
                refused.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                ChaosSuite.pause(Duration.ofSeconds(1));
            }
        }
    }

    private void read(Stream<String> lines) {
        SseParser parser = new SseParser(event -> {
            if (event.id() != null && event.data() != null) {
                received(Long.parseLong(event.id()), Gateway.JSON.readTree(event.data()));
            }
        });
        for (Iterator<String> it = lines.iterator(); it.hasNext() && !closed; ) {
            parser.line(it.next());
        }
    }

    private void received(long id, JsonNode alarm) {
        if (alarms.putIfAbsent(id, alarm) != null) {
            duplicates.incrementAndGet();
        }
        lastEventId = lastEventId == null ? id : Math.max(lastEventId, id);
    }

    Map<Long, JsonNode> alarms() {
        return alarms;
    }

    int duplicates() {
        return duplicates.get();
    }

    int connects() {
        return connects.get();
    }

    int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        closed = true;
        Stream<String> stream = current;
        if (stream != null) {
            stream.close();
        }
        reader.interrupt();
    }
}
