package dev.sns.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The firewall's header checks, made without regular expressions, accept exactly what Spring Security's accept. */
class PathFirewallTest {

    // Spring Security's StrictServerWebExchangeFirewall patterns (header names, header values)
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void headerChecksAgreeWithSpringSecuritysPatternsOnEveryCodePoint() {
        List<String> samples = new ArrayList<>(List.of("", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "text/html; q=0.9",
                "a\tb", "a\nb", "a\rb", "a\u0000b", "a\u007fb", "a\u0085b", "\ud83d\ude00 emoji", "\ud83d lone high",
                "lone low \ude00", "caf\u00e9", "\u0378 unassigned", "\ue000 private use", "\u200b zero width"));
        for (int codePoint = 0; codePoint <= 0x10FFFF; codePoint += codePoint < 0x3000 ? 1 : 97) {
            samples.add("x" + Character.toString(codePoint) + "y");
        }
        assertThat(PathFirewall.assignedAndNotControl(null, true)).as("no value: nothing to refuse").isTrue();
        for (String sample : samples) {
            assertThat(PathFirewall.assignedAndNotControl(sample, false)).as("name %s", sample.codePoints().boxed().toList())
                    .isEqualTo(NAMES.matcher(sample).matches());
            assertThat(PathFirewall.assignedAndNotControl(sample, true)).as("value %s", sample.codePoints().boxed().toList())
                    .isEqualTo(VALUES.matcher(sample).matches());
        }
    }
}
