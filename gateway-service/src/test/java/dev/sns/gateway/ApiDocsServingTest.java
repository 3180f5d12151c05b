package dev.sns.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sns.infra.TestInfra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The published docs at the gateway: the merged document and Swagger UI, open without a token, from the real routes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocsServingTest {

    static final AtomicInteger fetches = new AtomicInteger();
    static final List<HttpServer> services = List.of(
            documenting("/api/v1/users/join", "/internal/users"),
            documenting("/api/v1/posts/{postId}", "/actuator/health"),
            documenting("/api/v1/users/alarm"),
            documenting("/api/v1/timeline"));

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        TestInfra.properties().forEach((key, value) -> registry.add(key, () -> value));
        String[] ids = {"user-service", "post-service", "alarm-service", "timeline-service"};
        for (int i = 0; i < ids.length; i++) {
            int port = services.get(i).getAddress().getPort();
            registry.add("spring.cloud.discovery.client.simple.instances." + ids[i] + "[0].uri", () -> "http://127.0.0.1:" + port);
        }
    }

    @AfterAll
    static void stop() {
        services.forEach(service -> service.stop(0));
    }

    @LocalServerPort
    int port;

    @Test
    void servesTheMergedDocumentOfThePublicPathsWithoutAToken() {
        HttpResponse<String> answer = new GatewayClient(port).get("/v3/api-docs", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode document = JsonMapper.builder().build().readTree(answer.body());
        assertThat(document.path("paths").propertyNames())
                .containsExactly("/api/v1/posts/{postId}", "/api/v1/timeline", "/api/v1/users/alarm", "/api/v1/users/join");
        assertThat(document.path("paths").path("/api/v1/users/join").path("post").path("responses").propertyNames())
                .as("the rate limit of the route").contains("429");

        int fetched = fetches.get();
        new GatewayClient(port).get("/v3/api-docs", null);
        assertThat(fetches.get()).as("documents are kept, not fetched per request").isEqualTo(fetched);
    }

    @Test
    void servesSwaggerUiFromItsOwnFiles() {
        GatewayClient gateway = new GatewayClient(port);
        HttpResponse<String> page = gateway.get("/docs", null, "Accept", "text/html");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'"));
        Matcher files = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"").matcher(page.body());
        int count = 0;
        while (files.find()) {
            count++;
            assertThat(gateway.get(files.group(1), null).statusCode()).as(files.group(1)).isEqualTo(200);
        }
        assertThat(count).isEqualTo(3);
        assertThat(gateway.get("/docs/swagger-init.js", null).body()).contains("'/v3/api-docs'");
    }

    @Test
    void opensNoOtherDocumentPath() {
        GatewayClient gateway = new GatewayClient(port);
        for (String path : new String[] {"/v3/api-docs.yaml", "/v3/api-docs/user-service", "/v3/other", "/docs/other",
                "/swagger-ui.html"}) {
            HttpResponse<String> answer = gateway.get(path, null, "Accept", "text/html");
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).contains("\"resultCode\":\"NOT_FOUND\"");
        }
    }

    /** A service whose /v3/api-docs documents these paths (GET, answering 200). */
    static HttpServer documenting(String... paths) {
        StringBuilder json = new StringBuilder("{\"openapi\":\"3.1.0\",\"paths\":{");
        for (int i = 0; i < paths.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(paths[i]).append("\":{\"")
                    .append(paths[i].endsWith("join") ? "post" : "get")
                    .append("\":{\"responses\":{\"200\":{\"description\":\"OK\"}}}}");
        }
        byte[] body = json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v3/api-docs", exchange -> {
                fetches.incrementAndGet();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
