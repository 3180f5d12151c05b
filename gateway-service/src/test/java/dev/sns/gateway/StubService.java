package dev.sns.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A stand-in for a business service behind the gateway: answers every request with the envelope, naming itself,
 * the path and the headers it received, and remembers the requests. Like the services' reads, it tags its answers
 * ({@link #ETAG}) and answers a request that names the tag in {@code If-None-Match} with a 304 without body.
 */
final class StubService implements AutoCloseable {

    static final String ETAG = "W/\"stub\"";
    static final String CACHE_CONTROL = "max-age=0, must-revalidate, private";

    record Received(String method, String path, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile java.util.concurrent.atomic.AtomicBoolean slowOnce = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile java.time.Duration slowFor = java.time.Duration.ZERO;

    StubService(String name) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), e -> String.join(",", e.getValue()), (a, b) -> a));
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers));
            exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream()); // as a service parses it; an
            // unread body makes the JDK server close the connection while the gateway may still be sending
            if (slowOnce.compareAndSet(true, false)) {
                try {
                    Thread.sleep(slowFor);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.getResponseHeaders().add("ETag", ETAG);
            exchange.getResponseHeaders().add("Cache-Control", CACHE_CONTROL);
            exchange.getResponseHeaders().add("Vary", "Authorization");
            if (ETAG.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            byte[] body = ("{\"resultCode\":\"SUCCESS\",\"result\":{\"service\":\"" + name + "\",\"path\":\""
                    + exchange.getRequestURI().getPath() + "\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool()); // a slow answer blocks no other
        server.start();
    }

    /**
     * The next request that reaches any of the stubs sharing {@code once} answers only after {@code delay}: one slow
     * instance (a JVM just restarted, a starved machine) while the others answer at once.
     */
    void slowOnce(java.util.concurrent.atomic.AtomicBoolean once, java.time.Duration delay) {
        this.slowFor = delay;
        this.slowOnce = once;
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
