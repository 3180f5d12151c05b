package dev.sns.web.security;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every servlet service verifies tokens itself (defence in depth behind the gateway), locally, with the public key:
 * no call to user-service and no database query per request. Stateless: no session, no CSRF token.
 */
@AutoConfiguration
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class ServiceSecurityConfiguration implements WebMvcConfigurer {

    // the probes also answer on /readyz and /livez (management.endpoint.health.probes.add-additional-paths)
    private static final String[] ALWAYS_OPEN = {"/error", "/actuator/health/**", "/readyz", "/livez", "/actuator/info",
            "/actuator/prometheus"};

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecurityProperties properties) {
        if (properties.jwtPublicKey() == null || properties.jwtPublicKey().isBlank()
                || properties.jwtPublicKey().startsWith("${")) { // an unresolved ${SNS_JWT_PUBLIC_KEY}
            throw new IllegalStateException("sns.security.jwt-public-key is not set: this service cannot verify tokens");
        }
        RSAPublicKey key = RsaKeyConverters.x509().convert(
                new ByteArrayInputStream(properties.jwtPublicKey().getBytes(StandardCharsets.US_ASCII)));
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key).signatureAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(properties.jwtIssuer())));
        return decoder;
    }

    /**
     * No observation (span, timer) around each filter of the security chain, its authentication and its
     * authorization: a dozen spans per request that said nothing the request's own span does not, and a fifth of a
     * like's CPU in post-service (docs/performance.md). The request itself stays observed.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain serviceSecurity(HttpSecurity http, JwtDecoder decoder, SecurityProperties properties,
                                        JsonMapper json) throws Exception {
        EnvelopeSecurityHandlers handlers = new EnvelopeSecurityHandlers(json);
        String[] open = Stream.concat(Stream.of(ALWAYS_OPEN), properties.publicPaths().stream()).toArray(String[]::new);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth.requestMatchers(open).permitAll().anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.decoder(decoder))
                        .bearerTokenResolver(new QueryParameterTokenResolver(properties.publicPaths(), properties.queryTokenPaths()))
                        .authenticationEntryPoint(handlers.entryPoint())
                        .accessDeniedHandler(handlers.accessDenied()))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint(handlers.entryPoint())
                        .accessDeniedHandler(handlers.accessDenied()));
        return http.build();
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new AuthUserArgumentResolver());
    }
}
