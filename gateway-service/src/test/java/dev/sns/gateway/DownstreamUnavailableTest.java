package dev.sns.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.infra.TestInfra;
import dev.sns.testsupport.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service that is down (nothing listens on its address), a service with no instance at all, and one whose answer
 * cannot be read as HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DownstreamUnavailableTest {

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) throws Exception {
        TestInfra.properties().forEach((key, value) -> registry.add(key, () -> value));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        registry.add("spring.cloud.discovery.client.simple.instances.post-service[0].uri", () -> "http://127.0.0.1:" + closedPort);
        registry.add("spring.cloud.discovery.client.simple.instances.alarm-service[0].uri",
                () -> "http://127.0.0.1:" + BROKEN.getLocalPort());
    }

    /** Answers every request with a head Netty refuses to read: "Transfer-Encoding: chunked" twice. */
    static final ServerSocket BROKEN = brokenHttpServer();

    private static ServerSocket brokenHttpServer() {
        try {
            ServerSocket server = new ServerSocket(0);
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (Socket client = server.accept()) {
                        client.getInputStream().read(new byte[8192]);
                        client.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                                + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        client.getOutputStream().flush();
                    } catch (IOException e) {
                        // the next connection
                    }
                }
            });
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    @Test
    void answersServiceUnavailableWithTheEnvelopeQuickly() {
        GatewayClient gateway = new GatewayClient(port);
        String token = Tokens.valid(7, "alice");

        for (String path : new String[] {"/api/v1/posts", "/api/v1/users/me"}) {
            long start = System.nanoTime();
            HttpResponse<String> response = gateway.get(path, token);
            assertThat(response.statusCode()).as(path).isEqualTo(503);
            assertThat(response.body()).as(path).contains("\"resultCode\":\"SERVICE_UNAVAILABLE\"");
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms for " + path).isLessThan(5000);
        }
    }

    @Test
    void anAnswerThatIsNotReadableHttpIsServiceUnavailableNotAnInternalError() {
        GatewayClient gateway = new GatewayClient(port);
        String token = Tokens.valid(7, "alice");

        // the alarm list (retried GET route) and the alarm stream (its own route: no retry, no response timeout)
        for (String path : new String[] {"/api/v1/users/alarm", "/api/v1/users/alarm/subscribe?token=" + token}) {
            HttpResponse<String> response = gateway.get(path, token);
            assertThat(response.statusCode()).as(path).isEqualTo(503);
            assertThat(response.body()).as(path).contains("\"resultCode\":\"SERVICE_UNAVAILABLE\"");
        }
    }
}
