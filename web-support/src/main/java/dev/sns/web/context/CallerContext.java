package dev.sns.web.context;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.util.function.Supplier;

/**
 * A circuit breaker with a time limit runs the guarded call on a thread of its own; {@link #carried} hands it the
 * caller's observation, so the call to another service stays in the caller's trace.
 */
public final class CallerContext {

    private static final ContextSnapshotFactory CONTEXT = ContextSnapshotFactory.builder().build();

    private CallerContext() {
    }

    /** {@code call}, to be run on another thread with the thread-local context of the thread calling this. */
    public static <T> Supplier<T> carried(Supplier<T> call) {
        ContextSnapshot observation = CONTEXT.captureAll();
        return () -> {
            try (ContextSnapshot.Scope scope = observation.setThreadLocals()) {
                return call.get();
            }
        };
    }
}
