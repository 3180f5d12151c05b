package dev.sns.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
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

    Client http;

    @BeforeEach
    void client() {
        http = Client.local(port);
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

        Gateway.Reply answer = http.post("/api/v1/users/join", null, Client.json(Map.of("name", uniqueName, "password", password)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.resultCode()).isEqualTo("INVALID_REQUEST");
        assertThat(answer.json().path("resultMessage").asString()).isNotBlank();
        assertThat(answer.result().isArray()).isTrue();
        assertThat(answer.result().valueStream().map(p -> p.path("field").asString())).containsOnly(field);
        assertThat(answer.result().valueStream().map(p -> p.path("message").asString())).allMatch(m -> !m.isBlank());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM users WHERE user_name = ?", Integer.class, uniqueName)).isZero();
    }

    @Test
    void missingFieldsAreInvalid() {
        Gateway.Reply answer = http.post("/api/v1/users/join", null, "{}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.resultCode()).isEqualTo("INVALID_REQUEST");
        assertThat(answer.result().valueStream().map(p -> p.path("field").asString())).contains("name", "password");
    }

    @Test
    void malformedJsonIsInvalid() {
        assertInvalid(http.post("/api/v1/users/join", null, "{\"name\": \"alice\", \"password\": "));
        assertInvalid(http.post("/api/v1/users/login", null, "not json"));
        assertInvalid(http.post("/api/v1/users/join", null, "[\"alice\"]"));
    }

    @Test
    void aMissingBodyIsInvalid() {
        assertInvalid(http.post("/api/v1/users/join", null, null, "Content-Type", "application/json"));
        assertInvalid(http.post("/api/v1/users/login", null, null, "Content-Type", "application/json"));
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupported() {
        Gateway.Reply answer = http.post("/api/v1/users/join", null, "name=alice&password=password1",
                "Content-Type", "application/x-www-form-urlencoded");

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.resultCode()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(http.post("/api/v1/users/login", null, "alice", "Content-Type", "text/plain").status()).isEqualTo(415);
    }

    @Test
    void loginNeedsANameAndAPassword() {
        Gateway.Reply answer = http.post("/api/v1/users/login", null, "{\"name\": \" \"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.resultCode()).isEqualTo("INVALID_REQUEST");
        assertThat(answer.result().valueStream().map(p -> p.path("field").asString())).contains("name", "password");
    }

    private static void assertInvalid(Gateway.Reply answer) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.resultCode()).isEqualTo("INVALID_REQUEST");
        JsonNode message = answer.json().path("resultMessage");
        assertThat(message.asString()).isNotBlank().doesNotContain("Exception");
    }
}
