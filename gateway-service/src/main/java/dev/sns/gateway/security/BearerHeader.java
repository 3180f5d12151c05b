package dev.sns.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The token of an {@code Authorization: Bearer <token>} header, by the rules of Spring Security's
 * {@link ServerBearerTokenAuthenticationConverter} (RFC 6750: {@code Bearer} in any case, one space, then
 * {@code b64token} characters and trailing {@code =}; a header that starts with "bearer" but is not that is a
 * malformed token, 401), checked in one pass instead of with a regular expression over the ~700 characters of every
 * request's JWT (docs/performance.md).
 */
final class BearerHeader {

    private static final String SCHEME = "Bearer ";

    private BearerHeader() {
    }

    /** The header's token, or empty without a bearer header; a malformed one fails with 401 INVALID_TOKEN. */
    static Mono<Authentication> convert(ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> {
            String token = token(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
            return token == null ? null : new BearerTokenAuthenticationToken(token);
        });
    }

    static String token(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length() - 1)) {
            return null; // no header, or another scheme
        }
        if (!isBearerCredentials(authorization)) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
        }
        return authorization.substring(SCHEME.length());
    }

    /** {@code Bearer} + one space + 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" */
    private static boolean isBearerCredentials(String authorization) {
        if (authorization.length() <= SCHEME.length() || authorization.charAt(SCHEME.length() - 1) != ' ') {
            return false;
        }
        int i = SCHEME.length();
        while (i < authorization.length() && isTokenChar(authorization.charAt(i))) {
            i++;
        }
        if (i == SCHEME.length()) {
            return false;
        }
        while (i < authorization.length() && authorization.charAt(i) == '=') {
            i++;
        }
        return i == authorization.length();
    }

    private static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
