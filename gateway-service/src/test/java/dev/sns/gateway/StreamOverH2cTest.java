package dev.sns.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.infra.TestInfra;
import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.SseEvent;
import dev.sns.testsupport.SseStream;
import dev.sns.testsupport.Tokens;
import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2FrameCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

/**
 * alarm-service's stream server speaks h2c (and announces it as {@code stream-protocol}): the gateway proxies the SSE
 * streams of its clients (HTTP/1.1) as HTTP/2 streams over shared connections, and the events pass as they come.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StreamOverH2cTest {

    /** The protocol and the gateway's connection (client address) of every stream request the server received. */
    static final List<String> protocols = new java.util.concurrent.CopyOnWriteArrayList<>();
    static final Set<String> connections = ConcurrentHashMap.newKeySet();
    /** The request line's URI and the Authorization header the server received. */
    static final List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The server's side of the gateway's h2c connections (the parents of the stream channels). */
    static final Set<Channel> h2Connections = ConcurrentHashMap.newKeySet();

    /** A stream server like alarm-service's: HTTP/1.1 and h2c, an event at once and one every 100 ms. */
    static final DisposableServer streams = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)
            .http2Settings(h2 -> h2.maxConcurrentStreams(1000))
            .doOnConnection(connection -> {
                if (connection.channel().parent() != null) {
                    h2Connections.add(connection.channel().parent());
                }
            })
            .handle((request, response) -> {
                protocols.add(request.protocol());
                connections.add(String.valueOf(request.remoteAddress()));
                received.add(request.uri() + " " + request.requestHeaders().get("Authorization")
                        + (request.requestHeaders().contains("X-Forwarded-Port") ? " (through the gateway's filters)" : ""));
                return response.header("Content-Type", "text/event-stream;charset=UTF-8")
                        .sendString(Flux.interval(Duration.ZERO, Duration.ofMillis(100))
                                .map(i -> "event:alarm\ndata:event " + i + "\n\n"));
            })
            .bindNow();
    static final StubService alarms = new StubService("alarm-service");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        TestInfra.properties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.cloud.discovery.client.simple.instances.alarm-service[0].uri", alarms::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.alarm-service[0].metadata.stream-port",
                () -> String.valueOf(streams.port()));
        registry.add("spring.cloud.discovery.client.simple.instances.alarm-service[0].metadata.stream-protocol",
                () -> "h2c");
    }

    @AfterAll
    static void stop() {
        streams.disposeNow();
        alarms.close();
    }

    @LocalServerPort
    int port;

    @Test
    void eventsPassAsTheyComeOverSharedHttp2Connections() throws Exception {
        String token = Tokens.valid(7, "alice");
        List<SseStream> opened = IntStream.range(0, 20).mapToObj(i -> open(token)).toList();
        for (SseStream stream : opened) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            // Spring Security's response headers, as on every response (StreamProxyFilter writes them on its lean path)
            assertThat(stream.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(stream.header("X-Frame-Options")).isEqualTo("DENY");
            List<String> firstThree = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                SseEvent event = stream.next(Duration.ofSeconds(10));
                firstThree.add(event.name() + ": " + event.data());
            }
            assertThat(firstThree).containsExactly("alarm: event 0", "alarm: event 1", "alarm: event 2");
        }
        assertThat(protocols).hasSize(20).allMatch("HTTP/2.0"::equals);
        assertThat(connections).as("the gateway's connections to the stream server").hasSize(1);
        // the query's token goes on as a header (the stream server reads it first), not in the proxied URL; the lean
        // path (StreamProxyFilter), not Spring Cloud Gateway's filters (which add X-Forwarded-Port), proxied them
        assertThat(received).allMatch(("/api/v1/users/alarm/subscribe?lastEventId=5 Bearer " + token)::equals);
        // the gateway widened the connection's receive window (connection-level flow control) beyond HTTP/2's
        // initial 64 KB, which its up to 2,000 streams would otherwise share (H2cRoutingFilter.CONNECTION_WINDOW)
        assertThat(h2Connections).hasSize(1);
        for (Channel connection : h2Connections) {
            int window = connection.eventLoop().submit(() -> {
                Http2Connection h2 = connection.pipeline().get(Http2FrameCodec.class).connection();
                return h2.remote().flowController().windowSize(h2.connectionStream());
            }).get();
            assertThat(window).as("what the gateway lets the server send on the connection").isGreaterThan(4 << 20);
        }
        opened.forEach(SseStream::close);
    }

    @Test
    void aBadTokenIsRefusedAsOnEveryPath() throws Exception {
        Gateway.Reply refused = Client.local(port).get("/api/v1/users/alarm/subscribe?token=not-a-token", null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).contains("INVALID_TOKEN");
    }

    private SseStream open(String token) {
        try {
            return SseStream.open(Client.local(port).uri("/api/v1/users/alarm/subscribe?token=" + token + "&lastEventId=5"),
                    Map.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
