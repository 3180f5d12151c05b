package dev.sns.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Tokens;
import dev.sns.user.Http;
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

    Http http;
    String alice;
    long aliceId;

    @BeforeEach
    void alice() {
        http = new Http(port);
        alice = Names.unique("alice");
        aliceId = http.join(alice, "alice-pass");
    }

    @Test
    void aTokenSignedWithTheSharedKeyIsAccepted() {
        Http.Answer answer = http.get("/api/v1/users/me", Tokens.valid(aliceId, alice));

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
            Http.Answer answer = http.get("/api/v1/users/me", token);
            assertThat(answer.status()).as(kind).isEqualTo(401);
            assertThat(answer.code()).as(kind).isEqualTo("INVALID_TOKEN");
            assertThat(answer.result().isNull()).as(kind).isTrue();
        });
    }

    @Test
    void noTokenIsRefused() {
        Http.Answer answer = http.get("/api/v1/users/me", (String) null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void identityHeadersCannotOverrideTheToken() {
        String bob = Names.unique("bob");
        long bobId = http.join(bob, "bob-pass1");
        String aliceToken = http.login(alice, "alice-pass");

        Http.Answer answer = http.get("/api/v1/users/me", Map.of(
                "Authorization", "Bearer " + aliceToken,
                "X-User-Id", String.valueOf(bobId),
                "X-User-Name", bob,
                "X-User-Role", "ADMIN"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.result().path("id").asLong()).isEqualTo(aliceId);
        assertThat(answer.result().path("userName").asString()).isEqualTo(alice);
        assertThat(answer.result().path("role").asString()).isEqualTo("USER");
        assertThat(http.get("/api/v1/users/me", Map.of("X-User-Id", String.valueOf(bobId))).status())
                .as("a header alone is no identity").isEqualTo(401);
    }
}
