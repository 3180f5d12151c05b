package dev.sns.gateway.web;

import io.micrometer.context.ContextSnapshot;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The gateway's access log (instead of Reactor Netty's, which prints raw query strings): one line per request,
 * with the value of any {@code token} query parameter (the SSE stream's JWT) redacted. The request's trace context
 * is put in place for that one line only: the gateway does not copy it into every Reactor operator
 * ({@code spring.reactor.context-propagation: limited}, ~15 % of its CPU when it did, docs/performance.md).
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
        return chain.filter(exchange).transformDeferredContextual((done, context) -> done.doFinally(signal -> {
            try (ContextSnapshot.Scope traced = TraceContext.SNAPSHOTS.setThreadLocalsFrom(context)) {
                var request = exchange.getRequest();
                var status = exchange.getResponse().getStatusCode();
                log.info("{} {}{} {} {}ms", request.getMethod(), request.getPath().value(), redactedQuery(request.getURI().getRawQuery()),
                        status == null ? "-" : status.value(), (System.nanoTime() - start) / 1_000_000);
            }
        }));
    }

    static String redactedQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        return "?" + TOKEN.matcher(rawQuery).replaceAll("$1[REDACTED]");
    }
}
