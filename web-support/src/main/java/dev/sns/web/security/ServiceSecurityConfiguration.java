package dev.sns.web.security;

import dev.sns.security.RsaPem;
import dev.sns.security.TokenPolicy;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
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
@EnableConfigurationProperties({SecurityProperties.class, TokenPolicy.class})
public class ServiceSecurityConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ServiceSecurityConfiguration.class);

    // the probes also answer on /readyz and /livez (management.endpoint.health.probes.add-additional-paths); the
    // OpenAPI document (exactly that path, not its YAML or group variants) is what the gateway fetches, without a
    // token, to merge into the public one it serves (docs/api.md)
    private static final String[] ALWAYS_OPEN = {"/error", "/actuator/health/**", "/readyz", "/livez", "/actuator/info",
            "/actuator/prometheus", "/v3/api-docs"};

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(TokenPolicy policy) {
        // the policy refuses a missing or unresolved key with the setting's name: this service cannot verify tokens
        return new CachingJwtDecoder(decoder(policy.publicKey(), policy.validator()), policy.verifiedTokens());
    }

    private static NimbusJwtDecoder decoder(RSAPublicKey key, OAuth2TokenValidator<Jwt> validator) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key).signatureAlgorithm(TokenPolicy.ALGORITHM).build();
        decoder.setJwtValidator(validator);
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

    /**
     * {@code /internal/**} answers only callers that prove a service identity ({@link ServiceTokens}): a token signed
     * with the service key, for this service as audience, with scope {@value ServiceTokens#SCOPE}. An end user's
     * valid token is authenticated here too, so that it gets 403 INVALID_PERMISSION rather than 401: the user is
     * known, the endpoint is just not theirs. Without a service key configured, every caller gets 403.
     */
    @Bean
    @Order(1)
    SecurityFilterChain internalEndpoints(HttpSecurity http, JwtDecoder userTokens, SecurityProperties properties,
                                          @Value("${spring.application.name}") String applicationName,
                                          JsonMapper json) throws Exception {
        JwtDecoder callers = userTokens;
        if (RsaPem.isSet(properties.serviceTokenPublicKey())) {
            JwtDecoder services = decoder(RsaPem.publicKey("sns.security.service-token-public-key", properties.serviceTokenPublicKey()),
                    new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(ServiceTokens.ISSUER),
                            new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(applicationName))));
            callers = token -> {
                try {
                    return services.decode(token);
                } catch (BadJwtException notAServiceToken) {
                    return userTokens.decode(token);
                }
            };
        } else {
            log.warn("sns.security.service-token-public-key is not set: /internal/** answers 403 to every caller");
        }
        EnvelopeSecurityHandlers handlers = new EnvelopeSecurityHandlers(json);
        http.securityMatcher("/internal/**");
        statelessTokenChecks(http, callers, new DefaultBearerTokenResolver(), handlers)
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAuthority("SCOPE_" + ServiceTokens.SCOPE));
        return http.build();
    }

    @Bean
    SecurityFilterChain serviceSecurity(HttpSecurity http, JwtDecoder decoder, TokenPolicy policy,
                                        JsonMapper json) throws Exception {
        EnvelopeSecurityHandlers handlers = new EnvelopeSecurityHandlers(json);
        String[] open = Stream.concat(Stream.of(ALWAYS_OPEN), policy.publicPaths().stream()).toArray(String[]::new);
        statelessTokenChecks(http, decoder, new PolicyTokenResolver(policy), handlers)
                .authorizeHttpRequests(auth -> auth.requestMatchers(open).permitAll().anyRequest().authenticated());
        return http.build();
    }

    /** Bearer tokens only: no session, no CSRF token, no saved request; failures in the envelope. */
    private static HttpSecurity statelessTokenChecks(HttpSecurity http, JwtDecoder decoder, BearerTokenResolver tokens,
                                                     EnvelopeSecurityHandlers handlers) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.decoder(decoder))
                        .bearerTokenResolver(tokens)
                        .authenticationEntryPoint(handlers.entryPoint())
                        .accessDeniedHandler(handlers.accessDenied()))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint(handlers.entryPoint())
                        .accessDeniedHandler(handlers.accessDenied()));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new AuthUserArgumentResolver());
    }
}
