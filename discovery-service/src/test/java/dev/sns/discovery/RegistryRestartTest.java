package dev.sns.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A registry that has just (re)started knows nobody yet. Until the instances have had one lease duration to register
 * again, it takes registrations but refuses reads, so that the gateway and the services keep routing on their cached
 * registries instead of replacing them with a partial one (./sns restart discovery, a discovery pod rescheduled).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"SNS_CONFIG_REPO=file:../config-repo/", "SNS_DISCOVERY_USER=suite", "SNS_DISCOVERY_PASSWORD=test-secret"})
class RegistryRestartTest {

    private static final String SUITE = "Basic " + Base64.getEncoder().encodeToString("suite:test-secret".getBytes(StandardCharsets.UTF_8));
    private static final String INSTANCE = """
            {"instance": {"instanceId": "localhost:post-service:8082", "hostName": "localhost", "app": "POST-SERVICE",
             "ipAddr": "127.0.0.1", "status": "UP", "port": {"$": 8082, "@enabled": "true"},
             "dataCenterInfo": {"@class": "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", "name": "MyOwn"}}}""";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json").header("Content-Type", "application/json").header("Authorization", SUITE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void takesRegistrationsAtOnceButServesTheRegistryOnlyAfterOneLeaseDuration() throws Exception {
        assertThat(send("POST", "/eureka/apps/POST-SERVICE", INSTANCE).statusCode()).as("registering").isEqualTo(204);
        assertThat(send("GET", "/eureka/apps", null).statusCode()).as("the registry, just started").isEqualTo(403);
        assertThat(send("GET", "/eureka/apps/POST-SERVICE", null).statusCode()).as("one application, just started").isEqualTo(403);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        HttpResponse<String> apps = send("GET", "/eureka/apps/POST-SERVICE", null);
        while (apps.statusCode() == 403 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            apps = send("GET", "/eureka/apps/POST-SERVICE", null);
        }
        assertThat(apps.statusCode()).as("served after the grace").isEqualTo(200);
        assertThat(apps.body()).contains("localhost:post-service:8082");
    }
}
