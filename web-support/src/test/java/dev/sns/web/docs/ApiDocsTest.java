package dev.sns.web.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.api.ApiResponse;
import dev.sns.api.ErrorCode;
import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
import dev.sns.web.conditional.ConditionalGet;
import dev.sns.web.paging.PageQuery;
import dev.sns.web.security.AuthUser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;

/**
 * A service's OpenAPI document as web-support describes it, with the springdoc settings of config-repo: the error codes
 * of each operation by status, derived from the handler and the security settings plus those named by {@link Raises};
 * only the public API.
 */
@SpringBootTest(classes = ApiDocsTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.import=file:../config-repo/application.yml", "spring.profiles.active=local",
        "spring.application.name=things-service", "sns.security.public-paths=/api/v1/things/open",
        "sns.security.query-token-paths=/api/v1/things/stream"})
class ApiDocsTest {

    @LocalServerPort
    int port;

    @Test
    void documentsEachOperationsErrorCodesByStatus() throws Exception {
        JsonNode paths = document().path("paths");

        JsonNode get = paths.path("/api/v1/things/{id}").path("get");
        assertThat(statuses(get)).containsExactly("200", "400", "401", "404", "409", "500", "503");
        assertThat(codes(get, "404")).containsExactly("POST_NOT_FOUND");
        assertThat(codes(get, "400")).containsExactly("INVALID_REQUEST");
        assertThat(codes(get, "409")).containsExactly("ALREADY_LIKED");
        assertThat(get.path("responses").path("404").path("content").path("application/json").path("examples")
                .path("POST_NOT_FOUND").path("value").path("resultMessage").asString())
                .isEqualTo(ErrorCode.POST_NOT_FOUND.message());
        assertThat(get.path("security").toString()).isEqualTo("[{\"bearer\":[]}]");
        assertThat(get.path("parameters").findValuesAsString("name")).containsExactly("id");

        JsonNode post = paths.path("/api/v1/things").path("post");
        assertThat(statuses(post)).containsExactly("200", "400", "401", "413", "415", "500", "503");

        JsonNode page = paths.path("/api/v1/things").path("get");
        assertThat(page.path("parameters").findValuesAsString("name")).as("no request object of its own")
                .containsExactly("page", "size", "sort", "If-None-Match");
        assertThat(statuses(page)).as("a conditional GET").containsExactly("200", "304", "400", "401", "500", "503");
        assertThat(page.path("responses").path("304").has("content")).as("304: no body").isFalse();
    }

    @Test
    void openPathsNeedNoTokenAndTheStreamAlsoTakesItAsQuery() throws Exception {
        JsonNode paths = document().path("paths");

        JsonNode open = paths.path("/api/v1/things/open").path("get");
        assertThat(statuses(open)).containsExactly("200", "500", "503");
        assertThat(open.has("security")).isFalse();

        JsonNode stream = paths.path("/api/v1/things/stream").path("get");
        assertThat(statuses(stream)).as("a text parameter that may be missing is never invalid")
                .containsExactly("200", "401", "500", "503");
        assertThat(stream.path("responses").path("200").path("content").propertyNames()).containsExactly("text/event-stream");
        assertThat(stream.path("security").toString()).isEqualTo("[{\"bearer\":[]},{\"queryToken\":[]}]");
        assertThat(document().path("components").path("securitySchemes").propertyNames()).containsExactly("bearer", "queryToken");
    }

    @Test
    void documentsThePublicApiOnlyAndOpensNothingElse() throws Exception {
        JsonNode document = document();

        assertThat(document.path("openapi").asString()).startsWith("3.1");
        assertThat(document.path("paths").propertyNames()).allMatch(path -> path.startsWith("/api/"));
        assertThat(document.toString()).doesNotContain("x-sns-raises", "/internal", "/actuator");
        for (String path : new String[] {"/v3/api-docs.yaml", "/v3/api-docs/things", "/swagger-ui.html", "/swagger-ui/index.html"}) {
            assertThat(get(path).status()).as(path).isIn(401, 404);
        }
    }

    private JsonNode document() throws Exception {
        Gateway.Reply response = get("/v3/api-docs");
        assertThat(response.status()).as("without a token").isEqualTo(200);
        return response.json();
    }

    private Gateway.Reply get(String path) {
        return Client.local(port).get(path, null);
    }

    private static List<String> statuses(JsonNode operation) {
        return new ArrayList<>(operation.path("responses").propertyNames());
    }

    private static List<String> codes(JsonNode operation, String status) {
        return operation.path("responses").path(status).path("content").path("application/json").path("schema")
                .path("properties").path("resultCode").path("enum").valueStream().map(JsonNode::asString).toList();
    }

    @EnableAutoConfiguration
    @Import(Things.class)
    static class App {
    }

    @RestController
    static class Things {

        record Thing(String name) {
        }

        @GetMapping("/api/v1/things/{id}")
        @Raises({ErrorCode.POST_NOT_FOUND, ErrorCode.ALREADY_LIKED})
        ApiResponse<Thing> get(@PathVariable long id, AuthUser caller) {
            return ApiResponse.success(new Thing("a"));
        }

        @PostMapping("/api/v1/things")
        ApiResponse<Thing> create(@RequestBody Thing thing) {
            return ApiResponse.success(thing);
        }

        @GetMapping("/api/v1/things")
        ApiResponse<List<Thing>> page(PageQuery page, ConditionalGet conditional) {
            return ApiResponse.success(List.of());
        }

        @GetMapping("/api/v1/things/open")
        ApiResponse<Void> open() {
            return ApiResponse.success();
        }

        @GetMapping("/api/v1/things/stream")
        SseEmitter stream(AuthUser caller, @RequestParam(required = false) String lastEventId) {
            return new SseEmitter();
        }

        @GetMapping("/internal/things")
        ApiResponse<Void> internal() {
            return ApiResponse.success();
        }
    }
}
