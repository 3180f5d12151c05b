package dev.sns.outbox;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Carries the trace of the request that wrote an outbox row over to the relay thread that publishes it, through
 * the row itself ({@code trace_parent}): the relay runs later, on another thread, maybe on another instance.
 */
class OutboxTracing {

    private static final String TRACE_PARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    OutboxTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The W3C {@code traceparent} of the current span, or null outside any trace. */
    String currentTraceParent() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACE_PARENT);
    }

    /** Runs {@code send} in a span continuing the stored trace, so the Kafka record carries that trace on. */
    <T> T continuing(String traceParent, Supplier<T> send) {
        if (traceParent == null) {
            return send.get();
        }
        Span span = propagator.extract(Map.of(TRACE_PARENT, traceParent), Map::get).name("outbox publish").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return send.get();
        } finally {
            span.end();
        }
    }
}
