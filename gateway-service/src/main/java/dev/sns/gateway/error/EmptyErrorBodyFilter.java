package dev.sns.gateway.error;

import dev.sns.api.ErrorCode;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gateway filters such as RequestRateLimiter (429) and RequestSize (413) end the exchange with a status and no
 * body. This gives such answers the envelope, so clients always see the same JSON. Some only set the status and let
 * the server complete the response (Spring Security's firewall: 400 for {@code %00}, {@code %25}, {@code ;} or
 * {@code //} in a path; CORS: 403 for a foreign origin): an error status still without a body when the chain is done
 * gets the envelope too.
 */
@Component
public class EmptyErrorBodyFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpResponse response = exchange.getResponse();
        ServerHttpResponseDecorator decorated = new ServerHttpResponseDecorator(response) {
            @Override
            public Mono<Void> setComplete() {
                HttpStatusCode status = getStatusCode();
                if (status != null && status.isError() && !isCommitted()) {
                    return Envelope.write(getDelegate(), ErrorCode.forStatus(status.value()));
                }
                return super.setComplete();
            }
        };
        return chain.filter(exchange.mutate().response(decorated).build()).then(Mono.defer(() -> {
            HttpStatusCode status = response.getStatusCode();
            if (status != null && status.isError() && !response.isCommitted()) {
                return Envelope.write(response, ErrorCode.forStatus(status.value()));
            }
            return Mono.empty();
        }));
    }
}
