package dev.sns.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetailsService;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"SNS_CONFIG_REPO=file:../config-repo/", "SNS_DISCOVERY_USER=suite", "SNS_DISCOVERY_PASSWORD=test-secret",
                // reads served at once, not after the restart grace (RegistryRestartTest); one context for both classes
                "eureka.server.wait-time-in-ms-when-sync-empty=0"})
class DiscoveryApplicationTest {

    private static final String SUITE = basic("suite", "test-secret");

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    UserDetailsService accounts;

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, SUITE, null);
    }

    @Test
    void servesSharedAndServiceConfigurationFromConfigRepoPerProfile() throws Exception {
        HttpResponse<String> local = get("/config/post-service/local");

        assertThat(local.statusCode()).isEqualTo(200);
        assertThat(local.body())
                .contains("post-service.yml", "application.yml", "post-service-local.yml", "application-local.yml")
                .contains("jdbc:mysql://${SNS_DB_HOST:127.0.0.1}:${SNS_DB_PORT:3306}/sns_post")
                .contains("BEGIN PUBLIC KEY");
        assertThat(get("/config/user-service/kubernetes").body())
                .as("the development keys are only served to the local profile")
                .doesNotContain("BEGIN PUBLIC KEY").doesNotContain("PRIVATE KEY").doesNotContain("-local.yml");
    }

    @Test
    void keepsTheEurekaRegistryAtTheRoot() throws Exception {
        HttpResponse<String> apps = get("/eureka/apps");

        assertThat(apps.statusCode()).isEqualTo(200);
        assertThat(apps.body()).contains("applications");
    }

    @Test
    void answersNoAnonymousOrWronglyAuthenticatedCaller() throws Exception {
        String instance = """
                {"instance": {"instanceId": "evil:user-service:1", "hostName": "evil.example", "app": "USER-SERVICE",
                 "ipAddr": "203.0.113.7", "status": "UP", "port": {"$": 80, "@enabled": "true"},
                 "dataCenterInfo": {"@class": "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", "name": "MyOwn"}}}""";
        for (String caller : new String[] {null, basic("suite", "wrong"), basic("admin", "test-secret")}) {
            assertThat(send("GET", "/config/user-service/local", caller, null).statusCode()).as("config, %s", caller).isEqualTo(401);
            assertThat(send("GET", "/eureka/apps", caller, null).statusCode()).as("registry, %s", caller).isEqualTo(401);
            assertThat(send("POST", "/eureka/apps/USER-SERVICE", caller, instance).statusCode()).as("register, %s", caller).isEqualTo(401);
            assertThat(send("PUT", "/eureka/apps/USER-SERVICE/evil:user-service:1/status?value=OUT_OF_SERVICE", caller, null)
                    .statusCode()).as("status change, %s", caller).isEqualTo(401);
            assertThat(send("GET", "/", caller, null).statusCode()).as("dashboard, %s", caller).isEqualTo(401);
        }
        // the instance resource reads the registry itself (the application list is cached for 3 s)
        assertThat(get("/eureka/apps/USER-SERVICE/evil:user-service:1").statusCode()).as("nothing was registered").isEqualTo(404);

        assertThat(send("POST", "/eureka/apps/USER-SERVICE", SUITE, instance).statusCode()).isEqualTo(204);
        assertThat(get("/eureka/apps/USER-SERVICE/evil:user-service:1").statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/eureka/apps/USER-SERVICE/evil:user-service:1", SUITE, null).statusCode()).isEqualTo(200);
    }

    /**
     * Every heartbeat is authenticated: the check must stay a plain comparison. Spring's default encoder would turn
     * the stored secret into a BCrypt hash after the first successful request, and each later one would cost ~60 ms.
     */
    @Test
    void checksCredentialsWithoutEverHashingTheSecret() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get("/eureka/apps").statusCode()).isEqualTo(200);
        }

        assertThat(accounts.loadUserByUsername("suite").getPassword()).as("the stored secret, as configured").isEqualTo("test-secret");
    }

    @Test
    void reportsHealthForProbesWithoutCredentials() throws Exception {
        assertThat(send("GET", "/actuator/health/readiness", null, null).body()).contains("UP");
        assertThat(send("GET", "/readyz", null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
    }
}
