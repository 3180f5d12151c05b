package dev.sns.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sns.testsupport.Tokens;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class ServiceTokensTest {

    private static final KeyPair KEYS = Tokens.newKeyPair();

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T06:00:00Z"));
    private final ServiceTokens tokens = new ServiceTokens((RSAPrivateKey) KEYS.getPrivate(), "post-service", clock);

    @Test
    void aTokenNamesTheCallerTheCalledServiceAndTheInternalScopeAndLivesFiveMinutes() {
        Jwt token = decode(tokens.authorizationFor("user-service"));

        assertThat(token.getClaimAsString("iss")).isEqualTo(ServiceTokens.ISSUER);
        assertThat(token.getSubject()).isEqualTo("post-service");
        assertThat(token.getAudience()).containsExactly("user-service");
        assertThat(token.getClaimAsString("scope")).isEqualTo(ServiceTokens.SCOPE);
        assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(ServiceTokens.TTL);
    }

    @Test
    void oneTokenPerCalledServiceIsReusedUntilAMinuteBeforeItExpires() {
        String first = tokens.authorizationFor("user-service");
        assertThat(tokens.authorizationFor("alarm-service")).as("another audience, another token").isNotEqualTo(first);

        clock.advance(Duration.ofMinutes(3).plusSeconds(59));
        assertThat(tokens.authorizationFor("user-service")).as("over a minute left").isEqualTo(first);

        clock.advance(Duration.ofSeconds(1));
        String renewed = tokens.authorizationFor("user-service");
        assertThat(renewed).as("a minute left: renewed, so no call carries a token that expires on the way").isNotEqualTo(first);
        assertThat(decode(renewed).getExpiresAt()).isEqualTo(clock.instant().plus(ServiceTokens.TTL));
    }

    @Test
    void aServiceThatCallsInternalEndpointsDoesNotStartWithoutItsKey() {
        assertThatThrownBy(() -> ServiceTokens.of(properties(null), "post-service"))
                .hasMessageContaining("sns.security.service-token-private-key is not set");
        assertThatThrownBy(() -> ServiceTokens.of(properties("${SNS_SERVICE_TOKEN_PRIVATE_KEY}"), "post-service"))
                .hasMessageContaining("SNS_SERVICE_TOKEN_PRIVATE_KEY");
        assertThatThrownBy(() -> ServiceTokens.of(properties("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----"),
                "post-service")).hasMessageContaining("is not an RSA private key");
    }

    private static SecurityProperties properties(String privateKey) {
        return new SecurityProperties(null, privateKey);
    }

    private static Jwt decode(String authorization) {
        assertThat(authorization).startsWith("Bearer ");
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
        decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success()); // the test clock is not the decoder's
        return decoder.decode(authorization.substring("Bearer ".length()));
    }


    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
