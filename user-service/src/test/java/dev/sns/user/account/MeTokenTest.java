package dev.sns.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Tokens;
import dev.sns.testsupport.Users;
import dev.sns.user.IntegrationTest;
import dev.sns.user.Names;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code me} trusts nothing but a valid token: not a header, not an unsigned or foreign token. */
class MeTokenTest extends IntegrationTest {

    @LocalServerPort
    int port;

    Client http;
    String alice;
    long aliceId;

    @BeforeEach
    void alice() {
        http = Client.local(port);
        alice = Names.unique("alice");
        aliceId = Users.join(http.baseUrl(), alice, "alice-pass").id();
    }

    @Test
    void aTokenSignedWithTheSharedKeyIsAccepted() {
        Gateway.Reply answer = http.get("/api/v1/users/me", Tokens.valid(aliceId, alice));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.result().path("userName").asString()).isEqualTo(alice);
    }

    @Test
    void badTokensAreRefusedWithTheEnvelope() {
        Map<String, String> tokens = Map.of(
                "expired", Tokens.expired(aliceId, alice),
                "another key", Tokens.signedWithAnotherKey(aliceId, alice),
                "alg none", Tokens.unsigned(aliceId, alice),
                "wrong issuer", Tokens.withIssuer("evil", aliceId, alice),
                "garbage", "not.a.jwt");

        tokens.forEach((kind, token) -> {
            Gateway.Reply answer = http.get("/api/v1/users/me", token);
            assertThat(answer.status()).as(kind).isEqualTo(401);
            assertThat(answer.resultCode()).as(kind).isEqualTo("INVALID_TOKEN");
            assertThat(answer.result().isNull()).as(kind).isTrue();
        });
    }

    @Test
    void noTokenIsRefused() {
        Gateway.Reply answer = http.get("/api/v1/users/me", null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.resultCode()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void identityHeadersCannotOverrideTheToken() {
        String bob = Names.unique("bob");
        long bobId = Users.join(http.baseUrl(), bob, "bob-pass1").id();
        String aliceToken = Users.login(http.baseUrl(), alice, "alice-pass");

        Gateway.Reply answer = http.get("/api/v1/users/me", aliceToken,
                "X-User-Id", String.valueOf(bobId),
                "X-User-Name", bob,
                "X-User-Role", "ADMIN");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.result().path("id").asLong()).isEqualTo(aliceId);
        assertThat(answer.result().path("userName").asString()).isEqualTo(alice);
        assertThat(answer.result().path("role").asString()).isEqualTo("USER");
        assertThat(http.get("/api/v1/users/me", null, "X-User-Id", String.valueOf(bobId)).status())
                .as("a header alone is no identity").isEqualTo(401);
    }
}
