package dev.sns.gateway.web;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import dev.sns.security.TokenPolicy;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.util.AttributeKey;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.Http2AllocationStrategy;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Proxies the requests {@link InstancePortFilter} marked ({@link InstancePortFilter#H2C_ATTR}: the chosen instance
 * announces HTTP/2 cleartext on the port) over h2c with prior knowledge: every stream to an instance is an HTTP/2
 * stream on a few shared connections instead of a connection (and a file descriptor) of its own. alarm-service's SSE
 * streams are long-lived; over HTTP/1.1 each held two descriptors in the gateway, so the open-files limit (20,000)
 * capped one gateway below 10,000 streams (docs/performance.md, "Alarm streams through the gateway").
 * <p>
 * Spring Cloud Gateway's own routing filter runs after this one and leaves an exchange routed here alone
 * ({@code isAlreadyRouted}); every other request takes the shared HTTP/1.1 client as before. The response is written
 * by Spring Cloud Gateway's {@code NettyWriteResponseFilter} as for HTTP/1.1.
 */
@Component
public class H2cRoutingFilter extends NettyRoutingFilter {

    /** Connections per instance at most; how many streams share one is the server's SETTINGS_MAX_CONCURRENT_STREAMS. */
    static final int MAX_CONNECTIONS_PER_INSTANCE = 64;
    /**
     * The receive window of each h2c connection as a whole (HTTP/2 connection-level flow control), instead of the
     * protocol's initial 64 KB. Up to 2,000 streams share a connection (alarm-service's
     * {@code streams-per-connection}): with 64 KB for all of them, one alarm to every stream (~1 MB per connection)
     * crossed in some twenty rounds of WINDOW_UPDATE through the gateway's busy event loops, and a single stream whose
     * bytes the gateway had not yet passed on (its client slow, its 64 KB stream window full) could hold the window
     * of all the others (docs/performance.md, "Alarm streams through the gateway"). Each stream keeps the default
     * 64 KB window, so a stalled stream holds at most that; the connection only stalls when more than a hundred do.
     * The bytes a connection may hold unread in the gateway are bounded by this (8 MB per connection, ~40 MB for
     * 10,000 streams on 5 connections, and only when their clients stop reading).
     */
    static final int CONNECTION_WINDOW = 8 * 1024 * 1024;
    private static final AttributeKey<Boolean> WINDOW_WIDENED = AttributeKey.valueOf("sns.h2c.connection-window");

    private static final String TOKEN_ATTR = H2cRoutingFilter.class.getName() + ".token";
    private static final HttpHeadersFilter TOKEN_HEADER = (headers, exchange) -> {
        String token = exchange.getAttribute(TOKEN_ATTR);
        if (token == null) {
            return headers;
        }
        HttpHeaders withToken = new HttpHeaders();
        withToken.putAll(headers);
        withToken.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        return withToken;
    };

    private final HttpClient h2c;
    private volatile List<HttpHeadersFilter> withToken;
    private volatile List<HttpHeadersFilter> withTokenSource;

    public H2cRoutingFilter(ObjectProvider<List<HttpHeadersFilter>> headersFilters, HttpClientProperties properties) {
        super(HttpClient.create(), headersFilters, properties);
        ConnectionProvider.Builder pool = ConnectionProvider.builder("h2c")
                .allocationStrategy(Http2AllocationStrategy.builder()
                        .maxConnections(MAX_CONNECTIONS_PER_INSTANCE)
                        .minConnections(1)
                        .build())
                .pendingAcquireMaxCount(-1);
        if (properties.getPool().getMaxIdleTime() != null) {
            pool.maxIdleTime(properties.getPool().getMaxIdleTime());
        }
        HttpClient client = HttpClient.create(pool.build()).protocol(HttpProtocol.H2C)
                .doOnRequest((request, stream) -> widenConnectionWindow(stream.channel()));
        if (properties.getConnectTimeout() != null) {
            client = client.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, properties.getConnectTimeout());
        }
        this.h2c = client;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!Boolean.TRUE.equals(exchange.getAttribute(InstancePortFilter.H2C_ATTR))) {
            return chain.filter(exchange);
        }
        moveQueryTokenToHeader(exchange);
        return super.filter(exchange, chain);
    }

    /**
     * A stream opened with {@code ?token=} (EventSource sends no headers) goes on with the token in an
     * {@code Authorization: Bearer} header, which the stream server reads first: the same token, but not inside the
     * request URL, of which the proxied request keeps several copies (URI parts, the client's request line, the h2
     * {@code :path}) for the stream's whole life: 573 bytes each with the suite's tokens. Only without an
     * Authorization header of the client's (which the server would read first anyway).
     */
    private static void moveQueryTokenToHeader(ServerWebExchange exchange) {
        if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
            return;
        }
        String token = exchange.getRequest().getQueryParams().getFirst(TokenPolicy.QUERY_PARAMETER);
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (token != null && url != null) {
            exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, UriComponentsBuilder.fromUri(url)
                    .replaceQueryParam(TokenPolicy.QUERY_PARAMETER).build(true).toUri());
            exchange.getAttributes().put(TOKEN_ATTR, token);
        }
    }

    /** Spring Cloud Gateway's request header filters, and then the stream's token header (above). */
    @Override
    public List<HttpHeadersFilter> getHeadersFilters() {
        List<HttpHeadersFilter> filters = super.getHeadersFilters();
        if (withToken == null || withTokenSource != filters) {
            List<HttpHeadersFilter> all = new ArrayList<>(filters == null ? List.of() : filters);
            all.add(TOKEN_HEADER);
            withToken = List.copyOf(all);
            withTokenSource = filters;
        }
        return withToken;
    }

    @Override
    protected HttpClient getHttpClient(Route route, ServerWebExchange exchange) {
        return h2c;
    }

    /**
     * On the first request of a new h2c connection: a connection-level WINDOW_UPDATE that widens its receive window
     * from the initial 65,535 bytes to {@link #CONNECTION_WINDOW} (Netty's frame codec then keeps it there, topping it
     * up as the streams consume). Only the connection's window: SETTINGS_INITIAL_WINDOW_SIZE would widen every
     * stream's too.
     */
    static void widenConnectionWindow(Channel stream) {
        Channel connection = stream.parent();
        if (connection == null || connection.attr(WINDOW_WIDENED).setIfAbsent(Boolean.TRUE) != null) {
            return; // not an HTTP/2 stream, or done before
        }
        connection.writeAndFlush(new DefaultHttp2WindowUpdateFrame(
                CONNECTION_WINDOW - Http2CodecUtil.DEFAULT_WINDOW_SIZE));
    }

    /** The h2c client (its pool): {@link StreamProxyFilter} proxies over it too. */
    HttpClient client() {
        return h2c;
    }

    /** Just before Spring Cloud Gateway's routing filter. */
    @Override
    public int getOrder() {
        return NettyRoutingFilter.ORDER - 1;
    }
}
