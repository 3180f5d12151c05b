package dev.sns.web.security;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The caller, as the verified token says. Declare it as a controller parameter to receive it; it is never read
 * from a header or a database.
 */
public record AuthUser(long id, String name, String role) {

    public static final String NAME_CLAIM = "name";
    public static final String ROLE_CLAIM = "role";

    public static AuthUser from(Jwt jwt) {
        return new AuthUser(Long.parseLong(jwt.getSubject()), jwt.getClaimAsString(NAME_CLAIM), jwt.getClaimAsString(ROLE_CLAIM));
    }
}
