package dev.sns.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "SNS_CONFIG_REPO=file:../config-repo/")
class DiscoveryApplicationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesSharedAndServiceConfigurationFromConfigRepoPerProfile() throws Exception {
        HttpResponse<String> local = get("/config/post-service/local");

        assertThat(local.statusCode()).isEqualTo(200);
        assertThat(local.body())
                .contains("post-service.yml", "application.yml")
                .contains("jdbc:mysql://${SNS_DB_HOST:127.0.0.1}:${SNS_DB_PORT:3306}/sns_post")
                .contains("BEGIN PUBLIC KEY");
        assertThat(get("/config/post-service/kubernetes").body())
                .as("the development key is only served to the local profile")
                .doesNotContain("BEGIN PUBLIC KEY");
    }

    @Test
    void keepsTheEurekaRegistryAtTheRoot() throws Exception {
        HttpResponse<String> apps = get("/eureka/apps");

        assertThat(apps.statusCode()).isEqualTo(200);
        assertThat(apps.body()).contains("applications");
    }

    @Test
    void reportsHealthForProbes() throws Exception {
        assertThat(get("/actuator/health/readiness").body()).contains("UP");
    }
}
