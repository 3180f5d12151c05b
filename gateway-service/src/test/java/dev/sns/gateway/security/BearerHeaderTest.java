package dev.sns.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

/** The gateway reads a bearer header exactly as Spring Security's converter does, without its regular expression. */
class BearerHeaderTest {

    // ServerBearerTokenAuthenticationConverter's rule: a header starting with "bearer" must match this, or is malformed
    private static final Pattern SPRING = Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$", Pattern.CASE_INSENSITIVE);

    @Test
    void agreesWithSpringSecuritysRuleOnEveryKindOfHeader() {
        List<String> headers = List.of("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI3In0.c2ln-_~+/", "bearer abc", "BEARER abc==",
                "Bearer abc=", "Bearer a=b", "Bearer ", "Bearer", "Bearer  abc", "Bearer abc ", "Bearer\tabc",
                "Bearer ab%c", "Bearer abc\n", "Bearerabc", "Bearer =", "Bearer é", "Basic dXNlcjpwYXNz", "Token abc",
                "bearer", "Bear abc", "");
        for (String header : headers) {
            if (!header.regionMatches(true, 0, "bearer", 0, 6)) {
                assertThat(BearerHeader.token(header)).as(header).isNull();
                continue;
            }
            Matcher spring = SPRING.matcher(header);
            if (spring.matches()) {
                assertThat(BearerHeader.token(header)).as(header).isEqualTo(spring.group("token"));
            } else {
                assertThatThrownBy(() -> BearerHeader.token(header)).as(header).isInstanceOf(OAuth2AuthenticationException.class);
            }
        }
        assertThat(BearerHeader.token(null)).isNull();
    }
}
