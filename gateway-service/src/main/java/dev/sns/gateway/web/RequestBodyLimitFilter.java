package dev.sns.gateway.web;

import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Request bodies over {@code sns.web.max-request-body} (1 MB) end at the gateway with 413 {@code PAYLOAD_TOO_LARGE}
 * in the envelope, before the token check and before any service sees the request: by their {@code Content-Length};
 * a chunked body (rare: browsers send a length) is read up to the limit first and forwarded with its length once
 * it is known to fit. The services enforce the same limit themselves.
 */
@Component
public class RequestBodyLimitFilter implements WebFilter, Ordered {

    private final int maxBytes;

    public RequestBodyLimitFilter(@Value("${sns.web.max-request-body:1MB}") DataSize maxRequestBody) {
        this.maxBytes = Math.toIntExact(maxRequestBody.toBytes());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // right after the access log, which records the 413 too
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        long length = headers.getContentLength();
        if (length > maxBytes) {
            return Mono.error(tooLarge());
        }
        if (length >= 0 || !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange); // a body of a known, allowed length, or none
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), maxBytes)
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(body -> chain.filter(exchange.mutate().request(withLength(exchange.getRequest(), body)).build()));
    }

    private static ServerHttpRequest withLength(ServerHttpRequest request, Optional<DataBuffer> body) {
        ServerHttpRequest sized = request.mutate().headers(headers -> {
            headers.remove(HttpHeaders.TRANSFER_ENCODING);
            headers.setContentLength(body.map(DataBuffer::readableByteCount).orElse(0));
        }).build();
        return new ServerHttpRequestDecorator(sized) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Mono.justOrEmpty(body).flux();
            }
        };
    }

    private static ResponseStatusException tooLarge() {
        return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE);
    }
}
