package dev.sns.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Verifies each distinct token once, then answers from memory until it expires. A client sends the
 * same token with every request of its session; parsing the JWT and checking its RS256 signature again each time was
 * ~10 % of the gateway's CPU per proxied request (docs/performance.md). Only successfully verified tokens are kept, so
 * a forged or expired one is checked (and refused) every time, and a kept one is answered only until its {@code exp}
 * (stricter than the delegate, which allows a clock skew past it): the cache never accepts a token the delegate
 * would refuse.
 */
final class CachingJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final Cache<String, Jwt> verified;
    private final Clock clock;

    CachingJwtDecoder(ReactiveJwtDecoder delegate, long maximumSize, Duration maximumAge, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(maximumAge).build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            if (usable(known)) {
                return Mono.just(known);
            }
            verified.invalidate(token);
        }
        return delegate.decode(token).doOnNext(jwt -> {
            if (usable(jwt)) {
                verified.put(token, jwt);
            }
        });
    }

    /** Not yet expired (no grace: the delegate already granted its clock skew when it verified the token). */
    private boolean usable(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt != null && clock.instant().isBefore(expiresAt);
    }
}
