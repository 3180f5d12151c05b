package dev.sns.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
import java.time.Duration;
import java.time.Instant;
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

    private static final String SUITE = Gateway.basic("suite", "test-secret");
    private static final String INSTANCE = """
            {"instance": {"instanceId": "localhost:post-service:8082", "hostName": "localhost", "app": "POST-SERVICE",
             "ipAddr": "127.0.0.1", "status": "UP", "port": {"$": 8082, "@enabled": "true"},
             "dataCenterInfo": {"@class": "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", "name": "MyOwn"}}}""";

    @LocalServerPort
    int port;

    private Gateway.Reply send(String method, String path, String body) {
        return Client.local(port).call(method, path, null, body,
                "Accept", "application/json", "Content-Type", "application/json", "Authorization", SUITE);
    }

    @Test
    void takesRegistrationsAtOnceButServesTheRegistryOnlyAfterOneLeaseDuration() throws Exception {
        assertThat(send("POST", "/eureka/apps/POST-SERVICE", INSTANCE).status()).as("registering").isEqualTo(204);
        assertThat(send("GET", "/eureka/apps", null).status()).as("the registry, just started").isEqualTo(403);
        assertThat(send("GET", "/eureka/apps/POST-SERVICE", null).status()).as("one application, just started").isEqualTo(403);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        Gateway.Reply apps = send("GET", "/eureka/apps/POST-SERVICE", null);
        while (apps.status() == 403 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            apps = send("GET", "/eureka/apps/POST-SERVICE", null);
        }
        assertThat(apps.status()).as("served after the grace").isEqualTo(200);
        assertThat(apps.body()).contains("localhost:post-service:8082");
    }
}
