package dev.sns.gateway.web;

import java.net.InetSocketAddress;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Rate-limit key for join and login: the client's address as the gateway's socket sees it. Forwarded headers are
 * not trusted here (a client could rotate them to dodge the limit); behind a proxy, configure the server's
 * forwarded-header handling so the socket address is the real client.
 */
@Component("clientAddressKeyResolver")
public class ClientAddressKeyResolver implements KeyResolver {

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return Mono.just(remote == null ? "unknown" : remote.getAddress().getHostAddress());
    }
}
