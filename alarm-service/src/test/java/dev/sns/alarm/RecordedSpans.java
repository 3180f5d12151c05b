package dev.sns.alarm;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Keeps every span the service under test ends, as a trace backend would receive it (without the export delay). */
@TestConfiguration(proxyBeanMethods = false)
class RecordedSpans {

    private static final List<SpanData> ENDED = new CopyOnWriteArrayList<>();

    static List<SpanData> ofTrace(String traceId) {
        return ENDED.stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    @Bean
    SpanProcessor recordingSpanProcessor() {
        return new SpanProcessor() {
            @Override
            public void onStart(Context parentContext, ReadWriteSpan span) {
            }

            @Override
            public boolean isStartRequired() {
                return false;
            }

            @Override
            public void onEnd(ReadableSpan span) {
                ENDED.add(span.toSpanData());
            }

            @Override
            public boolean isEndRequired() {
                return true;
            }
        };
    }
}
