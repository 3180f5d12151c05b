package dev.sns.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.PathContainer;
import org.springframework.security.oauth2.jwt.Jwt;

class TokenPolicyTest {

    private final TokenPolicy policy = new TokenPolicy(null, "sns", Duration.ofSeconds(60),
            List.of("/api/v1/users/join", "/api/v1/users/login"), List.of("/api/v1/users/alarm/subscribe"),
            100, Duration.ofMinutes(10));

    @Test
    void openPathsReadNoTokenAtAll() {
        assertThat(policy.sourceOf("POST", path("/api/v1/users/login"))).isEqualTo(TokenPolicy.Source.NONE);
        assertThat(policy.sourceOf("GET", path("/api/v1/users/join"))).isEqualTo(TokenPolicy.Source.NONE);
    }

    @Test
    void onlyAGetOfTheStreamMayCarryTheTokenInTheQuery() {
        assertThat(policy.sourceOf("GET", path("/api/v1/users/alarm/subscribe"))).isEqualTo(TokenPolicy.Source.HEADER_OR_QUERY);
        assertThat(policy.sourceOf("POST", path("/api/v1/users/alarm/subscribe"))).isEqualTo(TokenPolicy.Source.HEADER);
        assertThat(policy.sourceOf("GET", path("/api/v1/users/alarm"))).isEqualTo(TokenPolicy.Source.HEADER);
        assertThat(policy.sourceOf("GET", path("/api/v1/posts"))).isEqualTo(TokenPolicy.Source.HEADER);
    }

    @Test
    void theValidatorChecksTheIssuerAndTheExpiryWithTheClockSkew() {
        Instant now = Instant.now();
        assertThat(policy.validator().validate(token("sns", now.minusSeconds(30))).hasErrors()).isFalse();
        assertThat(policy.validator().validate(token("sns", now.minusSeconds(120))).hasErrors()).isTrue();
        assertThat(policy.validator().validate(token("someone-else", now.plusSeconds(600))).hasErrors()).isTrue();
    }

    @Test
    void aMissingOrUnresolvedKeyNamesItsSetting() {
        assertThatThrownBy(policy::publicKey).hasMessageContaining("sns.security.jwt-public-key is not set");
        TokenPolicy unresolved = new TokenPolicy("${SNS_JWT_PUBLIC_KEY}", "sns", Duration.ZERO, List.of(), List.of(), 1,
                Duration.ofMinutes(1));
        assertThatThrownBy(unresolved::publicKey).hasMessageContaining("${SNS_JWT_PUBLIC_KEY} did not resolve");
    }

    private static PathContainer path(String path) {
        return PathContainer.parsePath(path);
    }

    private static Jwt token(String issuer, Instant expiresAt) {
        return Jwt.withTokenValue("t").header("alg", "RS256").issuer(issuer).subject("1")
                .issuedAt(expiresAt.minusSeconds(3600)).expiresAt(expiresAt).build();
    }
}
