package dev.sns.gateway.web;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.net.URI;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Sends a route's requests to another port of the instance the load balancer chose: the one named in the instance's
 * metadata by the route's metadata {@value #ROUTE_METADATA}. alarm-service serves its SSE streams on a Reactor Netty
 * server of their own and announces its port as {@code stream-port} (docs/alarms.md). An instance without that entry
 * (one of the version before, during a rolling update) keeps its main port, where that version served the streams.
 * If the instance also announces {@code h2c} in the entry named by the route's {@value #PROTOCOL_METADATA}, the request
 * is marked for {@link H2cRoutingFilter}; an instance that does not (a version before) gets HTTP/1.1 as before.
 */
@Component
public class InstancePortFilter implements GlobalFilter, Ordered {

    /** Route metadata: which entry of the chosen instance's metadata holds the port. */
    public static final String ROUTE_METADATA = "instance-port-metadata";
    /** Route metadata: which entry of the chosen instance's metadata names the protocol on that port ({@code h2c}). */
    public static final String PROTOCOL_METADATA = "instance-protocol-metadata";
    /** Exchange attribute: the instance's port speaks HTTP/2 cleartext ({@link H2cRoutingFilter} proxies it). */
    public static final String H2C_ATTR = InstancePortFilter.class.getName() + ".h2c";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        Object key = route == null ? null : route.getMetadata().get(ROUTE_METADATA);
        Response<ServiceInstance> chosen = exchange.getAttribute(GATEWAY_LOADBALANCER_RESPONSE_ATTR);
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (key != null && chosen != null && chosen.hasServer() && url != null) {
            String port = chosen.getServer().getMetadata().get(key.toString());
            if (port != null && port.chars().allMatch(Character::isDigit) && !port.isEmpty()) {
                exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR,
                        UriComponentsBuilder.fromUri(url).port(Integer.parseInt(port)).build(true).toUri());
                Object protocolKey = route.getMetadata().get(PROTOCOL_METADATA);
                if (protocolKey != null && "h2c".equals(chosen.getServer().getMetadata().get(protocolKey.toString()))) {
                    exchange.getAttributes().put(H2C_ATTR, Boolean.TRUE);
                }
            }
        }
        return chain.filter(exchange);
    }

    /** Right after the load balancer has put the chosen instance's address into the request URL. */
    @Override
    public int getOrder() {
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
    }
}
