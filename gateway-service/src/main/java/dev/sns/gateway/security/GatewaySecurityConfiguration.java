package dev.sns.gateway.security;

import dev.sns.gateway.error.Envelope;
import dev.sns.security.VerifiedTokens;
import dev.sns.web.ErrorCode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
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
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The gateway rejects a bad token before routing: verified locally with the public key (no call to user-service,
 * no database). Stateless: no session, no CSRF token, no saved request — each costs throughput on every request.
 */
@Configuration
@EnableWebFluxSecurity
public class GatewaySecurityConfiguration {

    @Bean
    ReactiveJwtDecoder jwtDecoder(GatewaySecurityProperties properties) {
        if (properties.jwtPublicKey() == null || properties.jwtPublicKey().isBlank()
                || properties.jwtPublicKey().startsWith("${")) { // an unresolved ${SNS_JWT_PUBLIC_KEY}
            throw new IllegalStateException("sns.security.jwt-public-key is not set: the gateway cannot verify tokens");
        }
        RSAPublicKey key = RsaKeyConverters.x509().convert(
                new ByteArrayInputStream(properties.jwtPublicKey().getBytes(StandardCharsets.US_ASCII)));
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(key)
                .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.jwtIssuer()));
        return new CachingJwtDecoder(decoder, new VerifiedTokens(properties.verifiedTokenCacheSize(),
                properties.verifiedTokenCacheAge(), Clock.systemUTC()));
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
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
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
                        .pathMatchers(properties.publicPaths().toArray(String[]::new)).permitAll()
                        .pathMatchers("/api/**").authenticated()
                        .anyExchange().permitAll()) // health, and the static web client
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtDecoder(decoder))
                        .bearerTokenConverter(tokenConverter(properties.publicPaths(), properties.queryTokenPaths()))
                        .authenticationEntryPoint((exchange, e) -> Envelope.write(exchange.getResponse(), ErrorCode.INVALID_TOKEN))
                        .accessDeniedHandler((exchange, e) -> Envelope.write(exchange.getResponse(), ErrorCode.INVALID_PERMISSION)))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((exchange, e) -> Envelope.write(exchange.getResponse(), ErrorCode.INVALID_TOKEN))
                        .accessDeniedHandler((exchange, e) -> Envelope.write(exchange.getResponse(), ErrorCode.INVALID_PERMISSION)))
                .build();
    }

    /**
     * The Authorization header everywhere; on the configured paths (the SSE stream, which browsers' EventSource
     * opens without headers) also {@code ?token=}, the parameter name clients of the API use. The paths are matched
     * in place, not through reactive matchers: this runs on every request (docs/performance.md).
     */
    private static ServerAuthenticationConverter tokenConverter(List<String> publicPaths, List<String> queryTokenPaths) {
        List<PathPattern> open = patterns(publicPaths);
        List<PathPattern> queryAllowed = patterns(queryTokenPaths);
        return exchange -> {
            PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
            if (anyMatches(open, path)) {
                return Mono.empty(); // join and login ignore a stale token a client still sends, instead of refusing with 401
            }
            if (!anyMatches(queryAllowed, path)) {
                return BearerHeader.convert(exchange);
            }
            return BearerHeader.convert(exchange).switchIfEmpty(Mono.fromSupplier(() -> {
                String token = exchange.getRequest().getQueryParams().getFirst("token");
                return token == null || token.isBlank() ? null : new BearerTokenAuthenticationToken(token);
            }));
        };
    }

    private static List<PathPattern> patterns(List<String> paths) {
        return paths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    private static boolean anyMatches(List<PathPattern> patterns, PathContainer path) {
        for (PathPattern pattern : patterns) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
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
