package dev.sns.gateway.web;

import dev.sns.api.ErrorCode;
import dev.sns.gateway.error.Envelope;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Where an open circuit or a timed-out call is forwarded to: the 503 envelope, at once. */
@RestController
public class FallbackController {

    @RequestMapping("/fallback/unavailable")
    Mono<Void> unavailable(ServerWebExchange exchange) {
        return Envelope.write(exchange.getResponse(), ErrorCode.SERVICE_UNAVAILABLE);
    }
}
