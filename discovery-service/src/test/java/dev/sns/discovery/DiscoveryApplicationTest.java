package dev.sns.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
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

    private static final String SUITE = Gateway.basic("suite", "test-secret");

    @LocalServerPort
    int port;

    @Autowired
    UserDetailsService accounts;

    /** A JSON request (a JSON {@code Content-Type} even without a body, as Eureka's clients send it). */
    private Gateway.Reply send(String method, String path, String authorization, String body) {
        String[] json = {"Accept", "application/json", "Content-Type", "application/json"};
        return Client.local(port).call(method, path, null, body, authorization == null ? json
                : new String[] {json[0], json[1], json[2], json[3], "Authorization", authorization});
    }

    private Gateway.Reply get(String path) {
        return send("GET", path, SUITE, null);
    }

    @Test
    void servesSharedAndServiceConfigurationFromConfigRepoPerProfile() throws Exception {
        Gateway.Reply local = get("/config/post-service/local");

        assertThat(local.status()).isEqualTo(200);
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
        Gateway.Reply apps = get("/eureka/apps");

        assertThat(apps.status()).isEqualTo(200);
        assertThat(apps.body()).contains("applications");
    }

    @Test
    void answersNoAnonymousOrWronglyAuthenticatedCaller() throws Exception {
        String instance = """
                {"instance": {"instanceId": "evil:user-service:1", "hostName": "evil.example", "app": "USER-SERVICE",
                 "ipAddr": "203.0.113.7", "status": "UP", "port": {"$": 80, "@enabled": "true"},
                 "dataCenterInfo": {"@class": "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", "name": "MyOwn"}}}""";
        for (String caller : new String[] {null, Gateway.basic("suite", "wrong"), Gateway.basic("admin", "test-secret")}) {
            assertThat(send("GET", "/config/user-service/local", caller, null).status()).as("config, %s", caller).isEqualTo(401);
            assertThat(send("GET", "/eureka/apps", caller, null).status()).as("registry, %s", caller).isEqualTo(401);
            assertThat(send("POST", "/eureka/apps/USER-SERVICE", caller, instance).status()).as("register, %s", caller).isEqualTo(401);
            assertThat(send("PUT", "/eureka/apps/USER-SERVICE/evil:user-service:1/status?value=OUT_OF_SERVICE", caller, null)
                    .status()).as("status change, %s", caller).isEqualTo(401);
            assertThat(send("GET", "/", caller, null).status()).as("dashboard, %s", caller).isEqualTo(401);
        }
        // the instance resource reads the registry itself (the application list is cached for 3 s)
        assertThat(get("/eureka/apps/USER-SERVICE/evil:user-service:1").status()).as("nothing was registered").isEqualTo(404);

        assertThat(send("POST", "/eureka/apps/USER-SERVICE", SUITE, instance).status()).isEqualTo(204);
        assertThat(get("/eureka/apps/USER-SERVICE/evil:user-service:1").status()).isEqualTo(200);
        assertThat(send("DELETE", "/eureka/apps/USER-SERVICE/evil:user-service:1", SUITE, null).status()).isEqualTo(200);
    }

    /**
     * Every heartbeat is authenticated: the check must stay a plain comparison. Spring's default encoder would turn
     * the stored secret into a BCrypt hash after the first successful request, and each later one would cost ~60 ms.
     */
    @Test
    void checksCredentialsWithoutEverHashingTheSecret() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get("/eureka/apps").status()).isEqualTo(200);
        }

        assertThat(accounts.loadUserByUsername("suite").getPassword()).as("the stored secret, as configured").isEqualTo("test-secret");
    }

    @Test
    void reportsHealthForProbesWithoutCredentials() throws Exception {
        assertThat(send("GET", "/actuator/health/readiness", null, null).body()).contains("UP");
        assertThat(send("GET", "/readyz", null, null).status()).isEqualTo(200);
        Gateway.Reply metrics = Client.local(port).get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
    }
}
