package dev.sns.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tokens already verified, by their text: a client sends the same token with every request of its session, and
 * parsing the JWT and checking its RS256 signature again each time was ~10 % of the gateway's and ~15 % of
 * post-service's CPU per request (docs/performance.md). The gateway's reactive decoder and the services' servlet one
 * both keep their verified tokens here, under one rule: only a token the real decoder accepted is kept, so a forged
 * or expired one is checked (and refused) every time, and a kept one is answered only until its {@code exp} (stricter
 * than the decoder, which allows a clock skew past it). The cache never accepts a token the decoder would refuse.
 */
public final class VerifiedTokens {

    private final Cache<String, Jwt> verified;
    private final Clock clock;

    /**
     * @param maximumSize how many tokens to remember (about one per active session)
     * @param maximumAge  how long to remember one at most (never past its expiry)
     */
    public VerifiedTokens(long maximumSize, Duration maximumAge, Clock clock) {
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(maximumAge).build();
    }

    /** The token as verified before, if it is still valid; null if it must be verified (again). */
    public Jwt known(String token) {
        Jwt jwt = verified.getIfPresent(token);
        if (jwt != null && !usable(jwt)) {
            verified.invalidate(token);
            return null;
        }
        return jwt;
    }

    /** Remembers a token the decoder has just verified. */
    public Jwt remember(String token, Jwt jwt) {
        if (usable(jwt)) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    /** Not yet expired (no grace: the decoder already granted its clock skew when it verified the token). */
    private boolean usable(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt != null && clock.instant().isBefore(expiresAt);
    }
}
