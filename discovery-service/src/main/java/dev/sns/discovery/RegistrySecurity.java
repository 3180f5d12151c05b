package dev.sns.discovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The registry and the Config Server answer only callers with the suite's credentials (HTTP basic): nobody else can
 * register a fake instance that would receive users' bearer tokens, mark instances OUT_OF_SERVICE, or read the
 * configuration. Probes and Prometheus stay open: they reveal nothing and must work without credentials.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistrySecurity.Credentials.class)
class RegistrySecurity {

    private static final String[] OPEN = {"/readyz", "/livez", "/actuator/health/**", "/actuator/prometheus", "/error"};

    /**
     * @param user     {@code SNS_DISCOVERY_USER}
     * @param password {@code SNS_DISCOVERY_PASSWORD}: a generated machine secret (./sns writes one per suite, the
     *                 deployments read it from a Secret), never committed
     */
    @ConfigurationProperties("sns.registry")
    record Credentials(String user, String password) {

        Credentials {
            if (password == null || password.isBlank() || password.startsWith("${")) {
                throw new IllegalStateException("sns.registry.password (SNS_DISCOVERY_PASSWORD) is not set: the registry "
                        + "and the Config Server do not run without credentials (./sns sets them; docs/deployment.md)");
            }
        }
    }

    /**
     * One account whose password is a long random machine secret, not a human one: compared as it is (in constant
     * time), never hashed. Every heartbeat (each instance every 5 s) and every registry fetch is checked, so a slow
     * hash would only burn CPU. Not {@code {noop}} with Spring's default encoder: that encoder "upgrades" a
     * {@code {noop}} password to BCrypt after its first successful check, and from then on every request cost a BCrypt
     * round (~60 ms of CPU; 10 % of a core for one small suite, seen in the bench).
     */
    @Bean
    UserDetailsService suiteAccount(Credentials credentials) {
        return new InMemoryUserDetailsManager(User.withUsername(credentials.user())
                .password(credentials.password()).roles("SUITE").build());
    }

    @Bean
    PasswordEncoder machineSecretComparison() {
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence rawPassword) {
                return rawPassword.toString();
            }

            @Override
            public boolean matches(CharSequence rawPassword, String storedPassword) {
                return rawPassword != null && storedPassword != null && MessageDigest.isEqual(
                        rawPassword.toString().getBytes(StandardCharsets.UTF_8), storedPassword.getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    @Bean
    SecurityFilterChain basicAuthForEverythingButProbes(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth.requestMatchers(OPEN).permitAll().anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                // Eureka clients register, renew and cancel with POST/PUT/DELETE and no CSRF token; nothing here
                // is used by a browser session (the dashboard only reads)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
