package dev.sns.gateway.security;

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
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/** The verified-token cache never answers for a token its delegate would refuse. */
class CachingJwtDecoderTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private final AtomicInteger verifications = new AtomicInteger();
    private Instant expiry = NOW.plusSeconds(60);

    /** Plays the verifying decoder: "good" tokens verify (expiring at {@link #expiry}), anything else is refused. */
    private final ReactiveJwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good")) {
            return Mono.error(new BadJwtException("bad signature"));
        }
        return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject("1")
                .issuedAt(expiry.minusSeconds(600)).expiresAt(expiry).build());
    };

    private final MutableClock clock = new MutableClock(NOW);
    private final CachingJwtDecoder decoder = new CachingJwtDecoder(verifier, new VerifiedTokens(100, Duration.ofMinutes(10), clock));

    @Test
    void aVerifiedTokenIsVerifiedOnceAndAnsweredFromMemoryUntilItExpires() {
        assertThat(decoder.decode("good-1").block().getSubject()).isEqualTo("1");
        assertThat(decoder.decode("good-1").block().getTokenValue()).isEqualTo("good-1");
        assertThat(verifications).hasValue(1);

        clock.now = NOW.plusSeconds(60); // its exp: the cache lets it go, the verifier decides again
        decoder.decode("good-1").block();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRefusedTokenIsCheckedAndRefusedEveryTime() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> decoder.decode("forged").block()).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).hasValue(3);
    }

    @Test
    void aTokenTheVerifierAcceptsWithinItsClockSkewIsNotKept() {
        expiry = NOW.minusSeconds(5); // expired, but inside the verifier's allowed skew
        decoder.decode("good-2").block();
        decoder.decode("good-2").block();
        assertThat(verifications).hasValue(2);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
