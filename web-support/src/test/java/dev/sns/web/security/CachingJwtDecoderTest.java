package dev.sns.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sns.security.VerifiedTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** A service verifies a user's token once per session, and never answers for a token its verifier refuses. */
class CachingJwtDecoderTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private final AtomicInteger verifications = new AtomicInteger();

    private final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("1")
                .issuedAt(NOW.minusSeconds(600)).expiresAt(NOW.plusSeconds(60)).build();
    };

    private final CachingJwtDecoder decoder =
            new CachingJwtDecoder(verifier, new VerifiedTokens(100, Duration.ofMinutes(10), Clock.fixed(NOW, ZoneOffset.UTC)));

    @Test
    void aVerifiedTokenIsVerifiedOnce() {
        assertThat(decoder.decode("good-1").getSubject()).isEqualTo("1");
        assertThat(decoder.decode("good-1").getTokenValue()).isEqualTo("good-1");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRefusedTokenIsCheckedAndRefusedEveryTime() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).hasValue(3);
    }
}
