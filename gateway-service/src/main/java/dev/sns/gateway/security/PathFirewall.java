package dev.sns.gateway.security;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import reactor.core.publisher.Mono;

/**
 * Spring Security's strict firewall (which WebFlux security picks up as a bean), plus one rule: a path whose
 * %-escapes do not decode to UTF-8 (e.g. the overlong {@code %C0%AF}) is rejected here with 400 and the envelope,
 * instead of being routed to a service whose Tomcat refuses it with an HTML error page.
 * <p>
 * The firewall checks every header name and value it hands out (the JWT too, ~700 characters, each time it is
 * read) with a regular expression; {@link #assignedAndNotControl} makes the same check in one pass over the code
 * points, at a fraction of the cost (docs/performance.md).
 */
@Configuration(proxyBeanMethods = false)
class PathFirewall {

    @Bean
    ServerWebExchangeFirewall serverWebExchangeFirewall() {
        StrictServerWebExchangeFirewall strict = new StrictServerWebExchangeFirewall();
        strict.setAllowedHeaderNames(value -> assignedAndNotControl(value, false));
        strict.setAllowedHeaderValues(value -> assignedAndNotControl(value, true));
        return exchange -> decodesAsUtf8(exchange.getRequest().getURI().getRawPath())
                ? strict.getFirewalledExchange(exchange)
                : Mono.error(new ServerExchangeRejectedException("The request was rejected because the path is not UTF-8"));
    }

    /**
     * What the firewall's own patterns {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} (header names) and
     * {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} (header values) accept: every code point is assigned and
     * not a control character, a tab allowed in values. No value (a header that is not there) passes, as there.
     */
    static boolean assignedAndNotControl(String value, boolean tabAllowed) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            if (!Character.isDefined(codePoint)
                    || Character.getType(codePoint) == Character.CONTROL && !(tabAllowed && codePoint == '\t')) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    static boolean decodesAsUtf8(String rawPath) {
        if (rawPath == null || rawPath.indexOf('%') < 0) {
            return true;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            } else if (i + 2 < rawPath.length() && HexFormat.isHexDigit(rawPath.charAt(i + 1)) && HexFormat.isHexDigit(rawPath.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(rawPath, i + 1, i + 3));
                i += 2;
            } else {
                return false; // a '%' that starts no escape
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
