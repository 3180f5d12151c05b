package dev.sns.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.api.ErrorCode;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Merging the services' documents into the public one: what the gateway's routes expose, as clients call it. */
class ApiDocsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final List<ApiDocs.Route> ROUTES = ApiDocs.Route.of(List.of(
            route("lb://alarm-service", "Path=/api/v1/users/alarm,/api/v1/users/alarm/**"),
            route("lb://user-service", "Path=/api/v1/users/join,/api/v1/users/login", "RequestRateLimiter", "CircuitBreaker"),
            route("lb://user-service", "Path=/api/v1/users/**", "CircuitBreaker"),
            route("http://example.org", "Path=/elsewhere/**")));

    static final String USERS = """
            {"openapi":"3.1.0","servers":[{"url":"http://10.0.0.7:41234"}],
             "paths":{
              "/api/v1/users/login":{"post":{"responses":{"200":{"description":"OK"},
                 "401":{"content":{"application/json":{"schema":{"properties":{"resultCode":{"enum":["INVALID_PASSWORD"]}}}}}}}}},
              "/api/v1/users/me":{"get":{"responses":{"200":{"description":"OK",
                 "content":{"application/json":{"schema":{"$ref":"#/components/schemas/UserResponse"}}}}}}},
              "/api/v1/users/alarm/secret":{"get":{"responses":{"200":{"description":"OK"}}}},
              "/internal/users":{"get":{"responses":{"200":{"description":"OK"}}}}},
             "components":{"schemas":{"UserResponse":{"type":"object","properties":{"id":{"type":"integer"}}},
                                      "Shared":{"type":"string"}},
                           "securitySchemes":{"bearer":{"type":"http","scheme":"bearer"}}}}
            """;

    static final String ALARMS = """
            {"openapi":"3.1.0","servers":[{"url":"http://10.0.0.8:41235"}],
             "paths":{"/api/v1/users/alarm/{id}":{"get":{"responses":{"200":{"description":"OK",
                 "content":{"application/json":{"schema":{"$ref":"#/components/schemas/UserResponse"}}}}}}}},
             "components":{"schemas":{"UserResponse":{"type":"object","properties":{"name":{"type":"string"}}},
                                      "Shared":{"type":"string"}}}}
            """;

    @Test
    void keepsWhatTheRoutesSendToEachServiceAndNothingElse() {
        JsonNode merged = merged();

        assertThat(merged.path("paths").propertyNames())
                .containsExactly("/api/v1/users/alarm/{id}", "/api/v1/users/login", "/api/v1/users/me");
        assertThat(merged.toString()).doesNotContain("/internal", "10.0.0.");
        assertThat(merged.path("servers").toString()).isEqualTo("[{\"url\":\"/\",\"description\":\"this gateway\"}]");
        assertThat(ApiDocs.services(ROUTES)).containsExactly("alarm-service", "user-service");
    }

    @Test
    void addsTheCodesTheRoutesOwnFiltersAnswer() {
        JsonNode login = merged().path("paths").path("/api/v1/users/login").path("post").path("responses");

        assertThat(login.propertyNames()).containsExactly("200", "401", "429");
        assertThat(ApiDocs.errorCodes(login)).containsExactly(ErrorCode.INVALID_PASSWORD, ErrorCode.TOO_MANY_REQUESTS);
        assertThat(login.path("401").path("content").path("application/json").path("examples").path("INVALID_PASSWORD")
                .path("value").toString()).as("the whole envelope")
                .isEqualTo("{\"resultCode\":\"INVALID_PASSWORD\",\"result\":null,\"resultMessage\":\"The password is wrong\"}");
        assertThat(merged().path("paths").path("/api/v1/users/me").path("get").path("responses").propertyNames())
                .containsExactly("200");
    }

    @Test
    void keepsEachServicesTypesApartWhenTheirNamesClash() {
        JsonNode merged = merged();

        assertThat(merged.path("components").path("schemas").propertyNames())
                .containsExactlyInAnyOrder("UserResponse", "Shared", "user-service.UserResponse");
        assertThat(merged.path("paths").path("/api/v1/users/me").toString()).contains("#/components/schemas/user-service.UserResponse");
        assertThat(merged.path("paths").path("/api/v1/users/alarm/{id}").toString()).contains("\"#/components/schemas/UserResponse\"");
        assertThat(merged.path("components").path("securitySchemes").has("bearer")).isTrue();
    }

    private static JsonNode merged() {
        return ApiDocs.merge(List.of(new ApiDocs.ServiceDocument("alarm-service", JSON.readTree(ALARMS)),
                new ApiDocs.ServiceDocument("user-service", JSON.readTree(USERS))), ROUTES, JSON);
    }

    private static RouteDefinition route(String uri, String path, String... filters) {
        RouteDefinition route = new RouteDefinition();
        route.setUri(URI.create(uri));
        route.setPredicates(List.of(new PredicateDefinition(path)));
        route.setFilters(java.util.Arrays.stream(filters).map(FilterDefinition::new).toList());
        return route;
    }
}
