package dev.sns.gateway.security;

import dev.sns.api.ErrorCode;
import dev.sns.gateway.error.Envelope;
import dev.sns.security.TokenPolicy;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import reactor.core.publisher.Mono;

/**
 * The gateway rejects a bad token before routing: verified locally with the public key (no call to user-service,
 * no database). Stateless: no session, no CSRF token, no saved request — each costs throughput on every request.
 */
@Configuration
@EnableWebFluxSecurity
@EnableConfigurationProperties(TokenPolicy.class)
public class GatewaySecurityConfiguration {

    @Bean
    ReactiveJwtDecoder jwtDecoder(TokenPolicy policy) {
        // the policy refuses a missing or unresolved key (${SNS_JWT_PUBLIC_KEY}) with the setting's name
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(policy.publicKey())
                .signatureAlgorithm(TokenPolicy.ALGORITHM).build();
        decoder.setJwtValidator(policy.validator());
        return new CachingJwtDecoder(decoder, policy.verifiedTokens());
    }

    /**
     * No observation (span, timer) around each of the security chain's filters, its authentication and its
     * authorization: ~10 spans per request that said nothing the request's own span does not, and ~15 % of the
     * gateway's CPU (docs/performance.md). The request itself stays observed (http.server.requests, its trace span).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder, TokenPolicy policy,
                                           GatewaySecurityProperties properties) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .cors(cors -> cors.configurationSource(corsSource(properties)))
                .authorizeExchange(auth -> auth
                        .pathMatchers(HttpMethod.OPTIONS).permitAll()
                        .pathMatchers(policy.publicPaths().toArray(String[]::new)).permitAll()
                        .pathMatchers("/api/**").authenticated()
                        .anyExchange().permitAll()) // health, and the static web client
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtDecoder(decoder))
                        .bearerTokenConverter(tokenConverter(policy))
                        .authenticationEntryPoint((exchange, e) -> Envelope.write(exchange.getResponse(), ErrorCode.INVALID_TOKEN))
                        .accessDeniedHandler((exchange, e) -> Envelope.write(exchange.getResponse(), ErrorCode.INVALID_PERMISSION)))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((exchange, e) -> Envelope.write(exchange.getResponse(), ErrorCode.INVALID_TOKEN))
                        .accessDeniedHandler((exchange, e) -> Envelope.write(exchange.getResponse(), ErrorCode.INVALID_PERMISSION)))
                .build();
    }

    /**
     * Where the {@link TokenPolicy} says: nowhere on open paths, else the Authorization header, and on the stream's
     * paths also {@code ?token=} (browsers' EventSource opens the stream without headers). The paths are matched in
     * place, not through reactive matchers: this runs on every request (docs/performance.md).
     */
    private static ServerAuthenticationConverter tokenConverter(TokenPolicy policy) {
        return exchange -> {
            ServerHttpRequest request = exchange.getRequest();
            return switch (policy.sourceOf(request.getMethod().name(), request.getPath().pathWithinApplication())) {
                case NONE -> Mono.empty();
                case HEADER -> BearerHeader.convert(exchange);
                case HEADER_OR_QUERY -> BearerHeader.convert(exchange).switchIfEmpty(Mono.fromSupplier(() -> {
                    String token = request.getQueryParams().getFirst(TokenPolicy.QUERY_PARAMETER);
                    return token == null || token.isBlank() ? null : new BearerTokenAuthenticationToken(token);
                }));
            };
        };
    }

    private static CorsConfigurationSource corsSource(GatewaySecurityProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
        // If-None-Match and ETag: a client on another origin may keep its own tags for conditional GETs
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Last-Event-ID", "If-None-Match"));
        cors.setExposedHeaders(List.of("Retry-After", "ETag"));
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}
