package dev.sns.gateway.web;

import io.micrometer.context.ContextSnapshotFactory;

/**
 * Restores a request's trace context (the observation Spring WebFlux keeps in the Reactor context) onto the current
 * thread for a log line, so it carries the request's trace and span ids without every Reactor operator doing so.
 */
public final class TraceContext {

    public static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private TraceContext() {
    }
}
