package dev.sns.gateway.web;

import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * A request's trace outside the Reactor operators that serve it: the gateway does not copy the trace context into
 * every operator ({@code spring.reactor.context-propagation: limited}, docs/performance.md), so the few places that
 * need it (a log line, the trace headers of the proxied request) take it from where Spring WebFlux keeps it.
 */
public final class TraceContext {

    /** Restores the Reactor context's trace onto the current thread (error log lines, rare). */
    public static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private TraceContext() {
    }

    /** The span of the request's server observation (its {@code http.server.requests}), or null if none is open. */
    public static Span serverSpan(ServerWebExchange exchange) {
        TracingContext tracing = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingContext>get(TracingContext.class))
                .orElse(null);
        return tracing == null ? null : tracing.getSpan();
    }
}
