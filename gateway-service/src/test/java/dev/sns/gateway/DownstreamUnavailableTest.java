package dev.sns.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.infra.TestInfra;
import dev.sns.web.test.TestTokens;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A service that is down (nothing listens on its address) and a service with no instance at all. */
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
    }

    @LocalServerPort
    int port;

    @Test
    void answersServiceUnavailableWithTheEnvelopeQuickly() {
        GatewayClient gateway = new GatewayClient(port);
        String token = TestTokens.valid(7, "alice");

        for (String path : new String[] {"/api/v1/posts", "/api/v1/users/me"}) {
            long start = System.nanoTime();
            HttpResponse<String> response = gateway.get(path, token);
            assertThat(response.statusCode()).as(path).isEqualTo(503);
            assertThat(response.body()).as(path).contains("\"resultCode\":\"SERVICE_UNAVAILABLE\"");
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms for " + path).isLessThan(5000);
        }
    }
}
