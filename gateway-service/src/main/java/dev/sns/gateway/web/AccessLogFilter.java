package dev.sns.gateway.web;

import io.micrometer.tracing.Span;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The gateway's access log (instead of Reactor Netty's, which prints raw query strings): one line per request,
 * with the value of any {@code token} query parameter (the SSE stream's JWT) redacted. The line carries the request's
 * trace and span ids in the same MDC fields as every other log line ({@code traceId}, {@code spanId}), put there
 * for that one line from the request's span: cheaper than restoring the whole trace context onto the thread, which
 * the gateway does not do per operator either ({@code spring.reactor.context-propagation: limited},
 * docs/performance.md).
 */
@Component
public class AccessLogFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger("sns.access");
    private static final Pattern TOKEN = Pattern.compile("((?:^|&)(?:access_)?token=)[^&]*", Pattern.CASE_INSENSITIVE);

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!log.isInfoEnabled()) {
            return chain.filter(exchange);
        }
        long start = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> {
            Span span = TraceContext.serverSpan(exchange);
            var trace = span == null ? null : span.context();
            if (trace != null) {
                MDC.put("traceId", trace.traceId());
                MDC.put("spanId", trace.spanId());
            }
            try {
                var request = exchange.getRequest();
                var status = exchange.getResponse().getStatusCode();
                log.info("{} {}{} {} {}ms", request.getMethod(), request.getPath().value(), redactedQuery(request.getURI().getRawQuery()),
                        status == null ? "-" : status.value(), (System.nanoTime() - start) / 1_000_000);
            } finally {
                if (trace != null) {
                    MDC.remove("traceId");
                    MDC.remove("spanId");
                }
            }
        });
    }

    static String redactedQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        return "?" + TOKEN.matcher(rawQuery).replaceAll("$1[REDACTED]");
    }
}
