package dev.sns.alarm.consumer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The replay endpoint is an operator's tool, not an end user's: a user token (which every other path here accepts)
 * gets nowhere; it takes HTTP basic with the suite's registry credentials ({@code sns.alarm.replay.*}, from
 * SNS_DISCOVERY_USER / SNS_DISCOVERY_PASSWORD), which operators and ./sns hold. Without a password, nobody.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterReplaySecurity {

    @Bean
    @Order(0)
    SecurityFilterChain deadLetterReplaySecurityChain(HttpSecurity http,
                                                     @Value("${sns.alarm.replay.user:sns}") String user,
                                                     @Value("${sns.alarm.replay.password:}") String password) throws Exception {
        http.securityMatcher("/actuator/dltreplay")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(Customizer.withDefaults());
        if (password.isBlank()) {
            http.authorizeHttpRequests(auth -> auth.anyRequest().denyAll());
        } else {
            // its own authentication manager: no UserDetailsService bean that other chains might pick up
            InMemoryUserDetailsManager operators = new InMemoryUserDetailsManager(
                    User.withUsername(user).password("{noop}" + password).roles("OPERATOR").build());
            http.authenticationManager(new ProviderManager(new DaoAuthenticationProvider(operators)))
                    .authorizeHttpRequests(auth -> auth.anyRequest().hasRole("OPERATOR"));
        }
        return http.build();
    }
}
