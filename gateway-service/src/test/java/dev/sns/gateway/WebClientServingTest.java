package dev.sns.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.infra.TestInfra;
import dev.sns.testsupport.Tokens;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The web client (module web-client on the classpath): its page for every client route, its assets cached for good. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebClientServingTest {

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        TestInfra.properties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;

    @Test
    void answersTheRootAndDeepLinksWithTheClientPage() {
        GatewayClient gateway = new GatewayClient(port);
        for (String path : new String[] {"/", "/posts/12", "/posts/12/edit", "/alarms?page=2", "/login"}) {
            HttpResponse<String> page = gateway.get(path, null, "Accept", "text/html");
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.headers().firstValue("Cache-Control")).as(path).contains("no-cache");
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
            assertThat(page.body()).as(path).contains("<div id=\"app\">", "/assets/");
        }
    }

    @Test
    void servesHashedAssetsWithALongCacheLifetime() {
        GatewayClient gateway = new GatewayClient(port);
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(gateway.get("/", null).body());
        assertThat(script.find()).as("the page names its script").isTrue();

        HttpResponse<String> asset = gateway.get(script.group(1), null);

        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(asset.headers().firstValue("Cache-Control")).hasValueSatisfying(
                c -> assertThat(c).contains("max-age=31536000", "public", "immutable"));
        assertThat(asset.body()).isNotBlank();
    }

    @Test
    void keepsTheNotFoundEnvelopeForServerPathsAndMissingFiles() {
        GatewayClient gateway = new GatewayClient(port);
        String token = Tokens.valid(7, "alice");
        for (String path : new String[] {"/api/v1/nothing", "/api/v2/posts", "/internal/users", "/assets/missing.js",
                "/missing.png", "/actuator/nothing"}) {
            HttpResponse<String> response = gateway.get(path, token, "Accept", "text/html");
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).contains("\"resultCode\":\"NOT_FOUND\"").doesNotContain("<html");
        }
        assertThat(gateway.get("/api/v1/nothing", null).statusCode()).as("API paths still need a token").isEqualTo(401);
    }
}
