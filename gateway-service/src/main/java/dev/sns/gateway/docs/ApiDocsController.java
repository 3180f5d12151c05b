package dev.sns.gateway.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.loadbalancer.reactive.LoadBalancedExchangeFilterFunction;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published API docs, open without a token: the merged OpenAPI document at {@code /v3/api-docs} ({@link ApiDocs})
 * and Swagger UI showing it at {@code /docs} (the swagger-ui webjar's files under {@code /webjars/}). The gateway
 * fetches each routed service's {@code /v3/api-docs} itself, through the load balancer; no route exposes a service's
 * own document. Fetched documents are kept a minute; a service that cannot answer is represented by the last document
 * it gave, and before it ever gave one the docs answer 503 rather than an incomplete API.
 */
@RestController
class ApiDocsController {

    private static final Logger log = LoggerFactory.getLogger(ApiDocsController.class);
    private static final Duration KEPT = Duration.ofMinutes(1);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    /** Swagger UI's own files and the page's initializer only; styles inline because Swagger UI sets them so. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private final RouteDefinitionLocator routes;
    private final JsonMapper json;
    private final WebClient services;
    private final Map<String, JsonNode> lastGood = new ConcurrentHashMap<>();
    private final Mono<String> document;
    private final String page;

    ApiDocsController(RouteDefinitionLocator routes, LoadBalancedExchangeFilterFunction loadBalancer, JsonMapper json) {
        this.routes = routes;
        this.json = json;
        this.services = WebClient.builder().filter(loadBalancer)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build();
        this.document = Mono.defer(this::merge).cache(merged -> KEPT, error -> Duration.ZERO, () -> Duration.ZERO);
        this.page = page(swaggerUiVersion());
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> apiDocs() {
        return document.map(body -> ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(body));
    }

    @GetMapping(path = {"/docs", "/docs/"}, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> swaggerUi() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY).body(page);
    }

    private Mono<String> merge() {
        return routes.getRouteDefinitions().collectList().map(ApiDocs.Route::of).flatMap(routed ->
                Flux.fromIterable(ApiDocs.services(routed)).flatMapSequential(this::documentOf).collectList()
                        .map(documents -> json.writeValueAsString(ApiDocs.merge(documents, routed, json))));
    }

    private Mono<ApiDocs.ServiceDocument> documentOf(String service) {
        // the load balancer picks an instance of the service named as host (as with @LoadBalanced clients)
        return services.get().uri("http://" + service + "/v3/api-docs").retrieve().bodyToMono(String.class)
                .timeout(FETCH_TIMEOUT)
                .map(json::readTree)
                .doOnNext(document -> lastGood.put(service, document))
                .onErrorResume(error -> {
                    log.warn("No API document from {} now: {}", service, error.toString());
                    return Mono.justOrEmpty(lastGood.get(service));
                })
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                        "No API document from " + service + " yet")))
                .map(document -> new ApiDocs.ServiceDocument(service, document));
    }

    private static String swaggerUiVersion() {
        try (InputStream in = ApiDocsController.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String page(String swaggerUi) {
        String files = "/webjars/swagger-ui/" + swaggerUi + "/";
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>SNS API docs</title>
                  <link rel="stylesheet" href="%1$sswagger-ui.css">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="%1$sswagger-ui-bundle.js"></script>
                  <script src="/docs/swagger-init.js"></script>
                </body>
                </html>
                """.formatted(files);
    }
}
