package dev.sns.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.user.Http;
import dev.sns.user.IntegrationTest;
import dev.sns.user.Names;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

class JoinValidationTest extends IntegrationTest {

    private static final String MULTI_BYTE_73 = "한".repeat(24) + "a"; // 25 characters, 73 bytes

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    static Stream<Arguments> invalidJoins() {
        return Stream.of(
                Arguments.of("blank name", "   ", "password1", "name"),
                Arguments.of("empty name", "", "password1", "name"),
                Arguments.of("name too short", "ab", "password1", "name"),
                Arguments.of("name too long", "a".repeat(31), "password1", "name"),
                Arguments.of("space in name", "bad name", "password1", "name"),
                Arguments.of("symbol in name", "bad!name", "password1", "name"),
                Arguments.of("slash in name", "../admin", "password1", "name"),
                Arguments.of("blank password", "validname", "        ", "password"),
                Arguments.of("password too short", "validname", "short", "password"),
                Arguments.of("password of 73 bytes", "validname", "p".repeat(73), "password"),
                Arguments.of("password of 73 bytes in 25 characters", "validname", MULTI_BYTE_73, "password"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidJoins")
    void invalidFieldsAreNamedInTheAnswer(String description, String name, String password, String field) {
        assertThat(MULTI_BYTE_73.getBytes(StandardCharsets.UTF_8)).hasSize(73);
        String uniqueName = name.equals("validname") ? Names.unique("valid") : name;

        Http.Answer answer = http.postJson("/api/v1/users/join", Http.json(Map.of("name", uniqueName, "password", password)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("INVALID_REQUEST");
        assertThat(answer.body().path("resultMessage").asString()).isNotBlank();
        assertThat(answer.result().isArray()).isTrue();
        assertThat(answer.result().valueStream().map(p -> p.path("field").asString())).containsOnly(field);
        assertThat(answer.result().valueStream().map(p -> p.path("message").asString())).allMatch(m -> !m.isBlank());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM users WHERE user_name = ?", Integer.class, uniqueName)).isZero();
    }

    @Test
    void missingFieldsAreInvalid() {
        Http.Answer answer = http.postJson("/api/v1/users/join", "{}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("INVALID_REQUEST");
        assertThat(answer.result().valueStream().map(p -> p.path("field").asString())).contains("name", "password");
    }

    @Test
    void malformedJsonIsInvalid() {
        assertInvalid(http.postJson("/api/v1/users/join", "{\"name\": \"alice\", \"password\": "));
        assertInvalid(http.postJson("/api/v1/users/login", "not json"));
        assertInvalid(http.postJson("/api/v1/users/join", "[\"alice\"]"));
    }

    @Test
    void aMissingBodyIsInvalid() {
        assertInvalid(http.post("/api/v1/users/join", null, Map.of("Content-Type", "application/json")));
        assertInvalid(http.post("/api/v1/users/login", null, Map.of("Content-Type", "application/json")));
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupported() {
        Http.Answer answer = http.post("/api/v1/users/join", "name=alice&password=password1",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(http.post("/api/v1/users/login", "alice", Map.of("Content-Type", "text/plain")).status()).isEqualTo(415);
    }

    @Test
    void loginNeedsANameAndAPassword() {
        Http.Answer answer = http.postJson("/api/v1/users/login", "{\"name\": \" \"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("INVALID_REQUEST");
        assertThat(answer.result().valueStream().map(p -> p.path("field").asString())).contains("name", "password");
    }

    private static void assertInvalid(Http.Answer answer) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("INVALID_REQUEST");
        JsonNode message = answer.body().path("resultMessage");
        assertThat(message.asString()).isNotBlank().doesNotContain("Exception");
    }
}
