package dev.sns.alarm.stream;

import com.netflix.appinfo.ApplicationInfoManager;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * The alarm streams' own HTTP server (Reactor Netty), beside Tomcat: an open stream costs Tomcat ~90 KB of heap
 * (its request and response buffers stay allocated while the request is asynchronous) and Tomcat accepted bursts of
 * new streams slowly; Netty holds a channel and a small pipeline per connection, and the stream's own state
 * (docs/performance.md, "SSE capacity").
 * <p>
 * Its port ({@code sns.alarm.stream.port}, 0: any free one) goes into the instance's Eureka metadata as
 * {@value #METADATA_KEY}; the gateway sends stream requests to it. It starts after the fan-out subscription and
 * before the web server (whose start registers the instance in Eureka, with the metadata already set), and stops
 * after the streams were closed ({@link AlarmStream} stops first).
 */
@Component
public class StreamServer implements SmartLifecycle {

    static final String METADATA_KEY = "stream-port";
    /** Eureka metadata: the port also speaks HTTP/2 cleartext (prior knowledge); the gateway multiplexes over it. */
    static final String PROTOCOL_METADATA_KEY = "stream-protocol";
    /** The bound port, as {@code local.server.port} is Tomcat's. */
    public static final String PORT_PROPERTY = "local.alarm-stream.port";
    private static final Logger log = LoggerFactory.getLogger(StreamServer.class);

    private final AlarmStreamProperties properties;
    private final SubscribeHandler handler;
    private final ObjectProvider<ApplicationInfoManager> eureka;
    private final ConfigurableEnvironment environment;
    private volatile DisposableServer server;
    private LoopResources loops;

    StreamServer(AlarmStreamProperties properties, SubscribeHandler handler, ObjectProvider<ApplicationInfoManager> eureka,
                 ConfigurableEnvironment environment) {
        this.properties = properties;
        this.handler = handler;
        this.eureka = eureka;
        this.environment = environment;
    }

    @Override
    public void start() {
        // two event loops: the server only moves bytes; the token check and the replay run on virtual threads
        loops = LoopResources.create("alarm-stream", 1, 2, true);
        // HTTP/1.1 for clients coming straight, h2c for the gateway: its streams to this instance share a few connections
        // (one descriptor each side per connection, not per stream). A cancelled stream is a RST_STREAM from the
        // gateway: Netty's guard against "rapid reset" floods (200 per 30 s) would close the connection, and every
        // stream on it, when many clients leave at once, so the trusted gateway may reset as many as it holds.
        int streams = properties.streamsPerConnection();
        server = HttpServer.create()
                .port(properties.port())
                .protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)
                .http2Settings(h2 -> h2.maxConcurrentStreams(streams)
                        .maxDecodedRstFramesPerWindow(streams * 10, 1))
                .runOn(loops)
                .handle(handler)
                .bindNow();
        int port = server.port();
        eureka.ifAvailable(instance -> instance.registerAppMetadata(Map.of(METADATA_KEY, String.valueOf(port),
                PROTOCOL_METADATA_KEY, "h2c")));
        environment.getPropertySources().addFirst(new MapPropertySource("alarm-stream", Map.of(PORT_PROPERTY, port)));
        log.info("Alarm streams served on port {}", port);
    }

    /** The port the server listens on (tests, logs); -1 when stopped. */
    int port() {
        DisposableServer current = server;
        return current == null ? -1 : current.port();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.disposeNow(Duration.ofSeconds(5));
            server = null;
        }
        if (loops != null) {
            loops.disposeLater().block(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** After the fan-out subscription, before the web server (which is 1024 below its graceful-shutdown phase). */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1536;
    }
}
