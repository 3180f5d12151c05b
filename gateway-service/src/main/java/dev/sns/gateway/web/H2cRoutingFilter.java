package dev.sns.gateway.web;

import io.netty.channel.ChannelOption;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
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

    private final HttpClient h2c;

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
        HttpClient client = HttpClient.create(pool.build()).protocol(HttpProtocol.H2C);
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
        return super.filter(exchange, chain);
    }

    @Override
    protected HttpClient getHttpClient(Route route, ServerWebExchange exchange) {
        return h2c;
    }

    /** Just before Spring Cloud Gateway's routing filter. */
    @Override
    public int getOrder() {
        return NettyRoutingFilter.ORDER - 1;
    }
}
