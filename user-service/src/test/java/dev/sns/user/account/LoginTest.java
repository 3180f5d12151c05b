package dev.sns.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Users;
import dev.sns.user.IntegrationTest;
import dev.sns.user.Names;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LoginTest extends IntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    Client http;

    @BeforeEach
    void client() {
        http = Client.local(port);
    }

    private Gateway.Reply login(String name, String password) {
        return http.post("/api/v1/users/login", null, Client.json(Map.of("name", name, "password", password)));
    }

    @Test
    void loginGivesATokenThatMeAccepts() {
        String name = Names.unique("carol");
        long id = Users.join(http.baseUrl(), name, "s3cret-pass").id();

        Gateway.Reply answer = login(name, "s3cret-pass");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.resultCode()).isEqualTo("SUCCESS");
        String token = answer.result().path("token").asString();
        Gateway.Reply me = http.get("/api/v1/users/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.result().path("id").asLong()).isEqualTo(id);
        assertThat(me.result().path("userName").asString()).isEqualTo(name);
        assertThat(me.result().path("role").asString()).isEqualTo("USER");
    }

    @Test
    void theTokenIsAnRs256JwtWithTheAgreedClaimsValidForOneHour() {
        String name = Names.unique("dave");
        long id = Users.join(http.baseUrl(), name, "s3cret-pass").id();

        String[] parts = Users.login(http.baseUrl(), name, "s3cret-pass").split("\\.");

        assertThat(parts).hasSize(3);
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.path("alg").asString()).isEqualTo("RS256");
        assertThat(claims.path("iss").asString()).isEqualTo("sns");
        assertThat(claims.path("sub").asString()).isEqualTo(String.valueOf(id));
        assertThat(claims.path("name").asString()).isEqualTo(name);
        assertThat(claims.path("role").asString()).isEqualTo("USER");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);
        assertThat(claims.path("iat").asLong()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
    }

    @Test
    void loginIgnoresTheCaseOfTheName() {
        String name = Names.unique("erin");
        Users.join(http.baseUrl(), name, "s3cret-pass");

        assertThat(login(name.toUpperCase(), "s3cret-pass").status()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordIsRefused() {
        String name = Names.unique("frank");
        Users.join(http.baseUrl(), name, "s3cret-pass");

        for (String wrong : new String[] {"s3cret-pasS", "s3cret-pass ", "p".repeat(100)}) {
            Gateway.Reply answer = login(name, wrong);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.resultCode()).isEqualTo("INVALID_PASSWORD");
            assertThat(answer.result().has("token")).isFalse();
        }
    }

    @Test
    void anUnknownNameIsNotFound() {
        Gateway.Reply answer = login(Names.unique("nobody"), "whatever1");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.resultCode()).isEqualTo("USER_NOT_FOUND");
    }

    @Test
    void aDeletedUserCanNeitherLogInNorSeeThemselves() {
        String name = Names.unique("gone");
        Users.User user = Users.join(http.baseUrl(), name, "s3cret-pass");
        long id = user.id();
        String token = user.token();

        jdbc.update("UPDATE users SET deleted_at = CURRENT_TIMESTAMP(6) WHERE id = ?", id);

        Gateway.Reply me = http.get("/api/v1/users/me", token);
        assertThat(me.status()).isEqualTo(404);
        assertThat(me.resultCode()).isEqualTo("USER_NOT_FOUND");
        assertThat(login(name, "s3cret-pass").resultCode()).isEqualTo("USER_NOT_FOUND");
        assertThat(http.post("/api/v1/users/join", null, Client.json(Map.of("name", name, "password", "password2"))).resultCode())
                .as("a deleted user's name stays taken").isEqualTo("DUPLICATED_USER_NAME");
    }
}
