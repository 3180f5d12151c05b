package dev.sns.gateway.web;

import dev.sns.security.TokenPolicy;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.propagation.Propagator;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.header.CacheControlServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CompositeServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentTypeOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XXssProtectionServerHttpHeadersWriter;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * The lean path of a long-lived stream: a GET that a route marked {@value #ROUTE_METADATA} matches (alarm-service's
 * SSE stream), with a token the gateway's decoder verifies, to an instance that serves the route's port over h2c, is
 * proxied here, ahead of the Spring Security chain, the {@code DispatcherHandler} and Spring Cloud Gateway's filters.
 * Through them a stream kept ~43 KB of heap in the gateway for its whole life (their reactive pipeline stays subscribed
 * until the response ends, plus ~10 copies of the URL with its token), so 10,000 streams filled a 512 MB heap
 * (docs/performance.md, "Alarm streams through the gateway"). Here it keeps its connection, its exchange, the server
 * observation and a few operators.
 * <p>
 * Only the plain case comes this way; anything else goes on through the normal chain, which answers it exactly as
 * before: a request that does not accept {@code text/event-stream}, one with an {@code Origin} (CORS), a missing, malformed or invalid token (401 envelope there), a path
 * or header the firewall might reject (anything but plain segments, other than printable ASCII), no instance, or one
 * without h2c. The response gets the headers
 * Spring Security writes on every response; the proxied request gets the token as {@code Authorization: Bearer}, the
 * client's {@code Accept} and {@code Last-Event-ID}, {@code X-Forwarded-For/Proto/Host} and the trace headers, and
 * never a client's {@code X-User-*}.
 */
@Component
public class StreamProxyFilter implements WebFilter, Ordered {

    /** Route metadata: {@code true} lets this filter proxy the route's plain requests. */
    public static final String ROUTE_METADATA = "lean-stream";
    /** Segments of letters, digits, '-' and '_' only: nothing the firewall would reject (';', '%', "//", "/.."). */
    private static final Pattern PLAIN_PATH = Pattern.compile("(/[A-Za-z0-9_-]+)+");
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "upgrade", "proxy-authenticate", "proxy-authorization");

    private final Mono<List<Route>> routes;
    private final ReactiveLoadBalancer.Factory<ServiceInstance> balancers;
    private final ReactiveJwtDecoder tokens;
    private final H2cRoutingFilter h2c;
    private final Propagator propagator;
    /** Spring Security's default response headers (ServerHttpSecurity.HeaderSpec), as on every other response. */
    private final ServerHttpHeadersWriter securityHeaders = new CompositeServerHttpHeadersWriter(
            new CacheControlServerHttpHeadersWriter(), new ContentTypeOptionsServerHttpHeadersWriter(),
            new StrictTransportSecurityServerHttpHeadersWriter(), new XFrameOptionsServerHttpHeadersWriter(),
            new XXssProtectionServerHttpHeadersWriter(), new ReferrerPolicyServerHttpHeadersWriter());

    public StreamProxyFilter(RouteLocator routeLocator, ReactiveLoadBalancer.Factory<ServiceInstance> balancers,
                             ReactiveJwtDecoder tokens, H2cRoutingFilter h2c, Propagator propagator) {
        // the routes are static (no refresh listener): looked up once, on the first request
        this.routes = routeLocator.getRoutes()
                .filter(route -> "true".equals(String.valueOf(route.getMetadata().get(ROUTE_METADATA))))
                .collectList()
                .cache();
        this.balancers = balancers;
        this.tokens = tokens;
        this.h2c = h2c;
        this.propagator = propagator;
    }

    /** Right after the access log, before the security chain. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    private record Target(String token, ServiceInstance instance, int port) {
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        // every other request pays one header lookup: event-stream clients (EventSource, the suite's tests and
        // probes) ask for text/event-stream; one that does not is served by the normal chain
        String accept = request.getHeaders().getFirst(HttpHeaders.ACCEPT);
        if (accept == null || !accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE) || request.getMethod() != HttpMethod.GET
                || request.getHeaders().getOrigin() != null) {
            return chain.filter(exchange);
        }
        return routes.flatMap(list -> list.isEmpty() ? Mono.empty() : target(list.getFirst(), exchange))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(target -> target.isPresent() ? proxy(exchange, target.get()) : chain.filter(exchange));
    }

    /** Where a plain request of the route goes, or empty: the normal chain serves it. */
    private Mono<Target> target(Route route, ServerWebExchange exchange) {
        return Mono.from(route.getPredicate().apply(exchange)).filter(Boolean::booleanValue).flatMap(matched -> {
            HttpHeaders headers = exchange.getRequest().getHeaders();
            String token = token(exchange.getRequest());
            if (!PLAIN_PATH.matcher(exchange.getRequest().getURI().getRawPath()).matches() || token == null || !plain(headers.getFirst(HttpHeaders.ACCEPT)) || !plain(headers.getFirst("Last-Event-ID"))) {
                return Mono.empty();
            }
            Object portKey = route.getMetadata().get(InstancePortFilter.ROUTE_METADATA);
            Object protocolKey = route.getMetadata().get(InstancePortFilter.PROTOCOL_METADATA);
            return tokens.decode(token)
                    .flatMap(jwt -> Mono.from(balancers.getInstance(route.getUri().getHost()).choose()))
                    .filter(Response::hasServer)
                    .map(Response::getServer)
                    .filter(instance -> protocolKey != null && "h2c".equals(instance.getMetadata().get(protocolKey.toString())))
                    .flatMap(instance -> {
                        String port = portKey == null ? null : instance.getMetadata().get(portKey.toString());
                        return port == null || port.isEmpty() || !port.chars().allMatch(Character::isDigit)
                                ? Mono.empty() : Mono.just(new Target(token, instance, Integer.parseInt(port)));
                    })
                    .onErrorResume(JwtException.class, e -> Mono.empty());
        });
    }

    /** A well-formed bearer header's token, else (no Authorization header at all) the query's; null otherwise. */
    private static String token(ServerHttpRequest request) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            return authorization.startsWith("Bearer ") && plain(authorization) && authorization.indexOf(' ', 7) < 0
                    && authorization.length() > 7 ? authorization.substring(7) : null;
        }
        String token = request.getQueryParams().getFirst(TokenPolicy.QUERY_PARAMETER);
        return token == null || token.isBlank() || !plain(token) ? null : token;
    }

    /** Absent, or printable ASCII only. */
    private static boolean plain(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private Mono<Void> proxy(ServerWebExchange exchange, Target target) {
        ServerHttpRequest request = exchange.getRequest();
        ServerHttpResponse response = exchange.getResponse();
        String url = UriComponentsBuilder.fromUri(request.getURI()).scheme("http").host(target.instance().getHost())
                .port(target.port()).replaceQueryParam(TokenPolicy.QUERY_PARAMETER).build(true).toUriString();
        Span span = TraceContext.serverSpan(exchange);
        InetSocketAddress client = request.getRemoteAddress();
        String accept = request.getHeaders().getFirst(HttpHeaders.ACCEPT);
        String lastEventId = request.getHeaders().getFirst("Last-Event-ID");
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        response.beforeCommit(() -> securityHeaders.writeHttpHeaders(exchange));
        return h2c.client().headers(headers -> {
                    headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + target.token());
                    if (accept != null) {
                        headers.set(HttpHeaders.ACCEPT, accept);
                    }
                    if (lastEventId != null) {
                        headers.set("Last-Event-ID", lastEventId);
                    }
                    if (client != null && client.getAddress() != null) {
                        headers.set("X-Forwarded-For", client.getAddress().getHostAddress());
                    }
                    headers.set("X-Forwarded-Proto", request.getURI().getScheme());
                    if (host != null) {
                        headers.set("X-Forwarded-Host", host);
                    }
                    if (span != null) {
                        propagator.inject(span.context(), headers, (carrier, key, value) -> carrier.set(key, value));
                    }
                })
                .get()
                .uri(url)
                .responseConnection((upstream, connection) -> {
                    response.setStatusCode(HttpStatusCode.valueOf(upstream.status().code()));
                    upstream.responseHeaders().forEach(header -> {
                        String name = header.getKey().toLowerCase(Locale.ROOT);
                        if (!HOP_BY_HOP.contains(name) && !name.startsWith("x-http2-")) {
                            response.getHeaders().add(header.getKey(), header.getValue());
                        }
                    });
                    NettyDataBufferFactory buffers = (NettyDataBufferFactory) response.bufferFactory();
                    Flux<DataBuffer> body = connection.inbound().receive().retain().map(buffers::wrap);
                    MediaType type = response.getHeaders().getContentType();
                    Mono<Void> write = type != null && MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type)
                            ? response.writeAndFlushWith(body.map(Flux::just))
                            : response.writeWith(body);
                    return write.doFinally(signal -> {
                        if (signal != SignalType.ON_COMPLETE) {
                            connection.dispose(); // the client left: reset the upstream stream
                        }
                    });
                })
                .then();
    }
}
