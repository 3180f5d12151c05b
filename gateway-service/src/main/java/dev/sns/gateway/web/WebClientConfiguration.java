package dev.sns.gateway.web;

import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the web client (module web-client, packaged under {@code static/}): its files as static resources, and
 * {@code index.html} for every client-side route (GET and HEAD) so that deep links such as {@code /posts/12} survive
 * a reload. API, actuator, fallback and internal paths are never answered with the page: unknown ones keep their
 * 404 envelope.
 */
@Configuration
public class WebClientConfiguration implements WebFluxConfigurer {

    /** Paths the client's history routing never uses (/docs, /v3, /webjars: the API docs, ApiDocsController). */
    static final List<String> SERVER_PREFIXES = List.of("/api", "/actuator", "/fallback", "/internal", "/docs", "/v3",
            "/webjars");

    /** The client loads only its own files and talks only to this origin (no inline script, no third party). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /** Vite names built assets by content hash: a changed file gets a new name, so they may be cached for good. */
    static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/static/assets/")
                .setCacheControl(IMMUTABLE);
    }

    @Bean
    RouterFunction<ServerResponse> webClientPages(@Value("classpath:/static/index.html") Resource index) {
        if (!index.exists()) { // the gateway built without the web client: nothing to serve
            return RouterFunctions.route(request -> false, request -> ServerResponse.notFound().build());
        }
        return RouterFunctions.route(RequestPredicates.methods(HttpMethod.GET, HttpMethod.HEAD)
                        .and(request -> isClientRoute(request.path())),
                request -> ServerResponse.ok()
                        .contentType(MediaType.TEXT_HTML)
                        .cacheControl(CacheControl.noCache()) // always revalidated: it names the current assets
                        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                        .body(BodyInserters.fromResource(index)));
    }

    /** A page of the client: not a server path, and no file extension in the last segment. */
    static boolean isClientRoute(String path) {
        for (String prefix : SERVER_PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return false;
            }
        }
        return !path.substring(path.lastIndexOf('/') + 1).contains(".");
    }
}
