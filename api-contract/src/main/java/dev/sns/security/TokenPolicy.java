package dev.sns.security;

import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.server.PathContainer;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * How every process verifies a user's token, defined once for the gateway (reactive) and the servlet services alike:
 * the key and its algorithm, the issuer, the clock skew, how long a verified token is remembered, and where a request's
 * token may come from. Bound from {@code sns.security.*} (config-repo: the shared settings in {@code application.yml},
 * the paths in each process's own file). Each stack only adapts it to its own decoder and filter types.
 */
@ConfigurationProperties("sns.security")
public final class TokenPolicy {

    /** user-service signs with RSA and SHA-256; a token signed any other way is refused. */
    public static final SignatureAlgorithm ALGORITHM = SignatureAlgorithm.RS256;
    /** The query parameter that may carry the token where the policy allows it (browsers' EventSource sends no headers). */
    public static final String QUERY_PARAMETER = "token";

    /** Where a request's token is read from. */
    public enum Source {
        /** nowhere: an open path (join, login), which ignores a stale token a client still sends instead of a 401 */
        NONE,
        /** the {@code Authorization: Bearer} header only */
        HEADER,
        /** the header, else {@code ?token=} */
        HEADER_OR_QUERY
    }

    private final String jwtPublicKey;
    private final String jwtIssuer;
    private final Duration jwtClockSkew;
    private final List<String> publicPaths;
    private final List<String> queryTokenPaths;
    private final long verifiedTokenCacheSize;
    private final Duration verifiedTokenCacheAge;
    private final List<PathPattern> publicPatterns;
    private final List<PathPattern> queryTokenPatterns;

    /**
     * @param jwtPublicKey           PEM of the RSA key user-service signs tokens with (public half only)
     * @param jwtIssuer              the issuer every token must name
     * @param jwtClockSkew           how far past its {@code exp} (or before its {@code nbf}) a token is still taken
     * @param publicPaths            path patterns open without a token (join, login)
     * @param queryTokenPaths        path patterns where a GET may carry the token as {@code ?token=} (the SSE stream)
     * @param verifiedTokenCacheSize how many verified tokens a process remembers (one per active session)
     * @param verifiedTokenCacheAge  how long it remembers one at most (never past the token's own expiry)
     */
    public TokenPolicy(String jwtPublicKey, @DefaultValue("sns") String jwtIssuer,
                       @DefaultValue("60s") Duration jwtClockSkew, @DefaultValue List<String> publicPaths,
                       @DefaultValue List<String> queryTokenPaths, @DefaultValue("10000") long verifiedTokenCacheSize,
                       @DefaultValue("10m") Duration verifiedTokenCacheAge) {
        this.jwtPublicKey = jwtPublicKey;
        this.jwtIssuer = jwtIssuer;
        this.jwtClockSkew = jwtClockSkew;
        this.publicPaths = List.copyOf(publicPaths);
        this.queryTokenPaths = List.copyOf(queryTokenPaths);
        this.verifiedTokenCacheSize = verifiedTokenCacheSize;
        this.verifiedTokenCacheAge = verifiedTokenCacheAge;
        this.publicPatterns = patterns(publicPaths);
        this.queryTokenPatterns = patterns(queryTokenPaths);
    }

    /** The key tokens are verified with; a missing or malformed setting fails the start with its name. */
    public RSAPublicKey publicKey() {
        return RsaPem.publicKey("sns.security.jwt-public-key", jwtPublicKey);
    }

    public String issuer() {
        return jwtIssuer;
    }

    /** Expiry and not-before with the clock skew, and the issuer (plus Spring's defaults the list does not replace). */
    public OAuth2TokenValidator<Jwt> validator() {
        return JwtValidators.createDefaultWithValidators(new JwtTimestampValidator(jwtClockSkew),
                new JwtIssuerValidator(jwtIssuer));
    }

    /** A fresh store of verified tokens, sized and aged by this policy, for one decoder. */
    public VerifiedTokens verifiedTokens() {
        return new VerifiedTokens(verifiedTokenCacheSize, verifiedTokenCacheAge, Clock.systemUTC());
    }

    public List<String> publicPaths() {
        return publicPaths;
    }

    public List<String> queryTokenPaths() {
        return queryTokenPaths;
    }

    /** Where the token of a request with this method and path (within the application) is read from. */
    public Source sourceOf(String method, PathContainer path) {
        if (anyMatches(publicPatterns, path)) {
            return Source.NONE;
        }
        return "GET".equals(method) && anyMatches(queryTokenPatterns, path) ? Source.HEADER_OR_QUERY : Source.HEADER;
    }

    private static List<PathPattern> patterns(List<String> paths) {
        return paths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    // a plain loop: this runs on every request (docs/performance.md)
    private static boolean anyMatches(List<PathPattern> patterns, PathContainer path) {
        for (PathPattern pattern : patterns) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }
}
