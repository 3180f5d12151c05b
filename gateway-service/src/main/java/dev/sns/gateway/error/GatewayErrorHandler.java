package dev.sns.gateway.error;

import dev.sns.api.ErrorCode;
import dev.sns.gateway.web.TraceContext;
import io.micrometer.context.ContextSnapshot;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every exception that reaches the top of the gateway (no route, no instance, connect failure, timeout, open
 * circuit, anything unexpected) becomes the envelope instead of Spring's default JSON or an HTML page.
 */
@Component
@Order(-2) // before Boot's DefaultErrorWebExceptionHandler
public class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        ErrorCode code = classify(error);
        return Mono.deferContextual(context -> {
            try (ContextSnapshot.Scope traced = TraceContext.SNAPSHOTS.setThreadLocalsFrom(context)) {
                if (code == ErrorCode.INTERNAL_SERVER_ERROR) {
                    log.error("Unexpected gateway error on {} {}", exchange.getRequest().getMethod(),
                            exchange.getRequest().getPath(), error);
                } else if (code == ErrorCode.SERVICE_UNAVAILABLE) {
                    log.warn("Downstream unavailable for {}: {}", exchange.getRequest().getPath(), error.toString());
                }
            }
            return Envelope.write(exchange.getResponse(), code);
        });
    }

    static ErrorCode classify(Throwable error) {
        if (error instanceof ResponseStatusException status) {
            return ErrorCode.forStatus(status.getStatusCode().value());
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof TimeoutException
                    || cause instanceof io.netty.channel.ConnectTimeoutException
                    || cause.getClass().getName().startsWith("io.github.resilience4j.circuitbreaker")
                    || isUnreadableDownstreamResponse(cause)) {
                return ErrorCode.SERVICE_UNAVAILABLE;
            }
        }
        return ErrorCode.INTERNAL_SERVER_ERROR;
    }

    /**
     * A downstream answer Netty's HTTP codec refused to read (seen once in a load test on an alarm stream: "chunked
     * transfer coding must not be applied more than once", an IllegalArgumentException thrown from the client codec
     * of Netty 4.2.19): the service's answer is unusable, the gateway itself is fine, so 503 like any other downstream
     * failure, not a 500.
     */
    private static boolean isUnreadableDownstreamResponse(Throwable error) {
        if (error instanceof io.netty.handler.codec.DecoderException) {
            return true;
        }
        StackTraceElement[] stack = error.getStackTrace();
        return stack.length > 0 && stack[0].getClassName().startsWith("io.netty.handler.codec.");
    }
}
