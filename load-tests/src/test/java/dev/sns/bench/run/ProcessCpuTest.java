package dev.sns.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void readsUserAndSystemTimeAfterACommandNameWithSpacesAndParentheses() {
        String stat = "5040 (java (main) x) S 1 5040 5040 0 -1 4194560 12345 0 0 0 1500 320 0 0 20 0 61 0 1234 0 0";

        assertThat(ProcessCpu.ticksOf(stat)).isEqualTo(1820);
    }

    @Test
    void cpuPerRequestSumsTheInstancesOfAServiceAndLeavesOutTheIdle() {
        ProcessCpu before = new ProcessCpu(Map.of("gateway", 1000L, "post-service-1", 500L, "post-service-2", 700L,
                "infra-db", 300L, "discovery", 50L, "alarm-service-1", 10L));
        ProcessCpu after = new ProcessCpu(Map.of("gateway", 1450L, "post-service-1", 800L, "post-service-2", 980L,
                "infra-db", 590L, "discovery", 50L));

        // 10,000 requests at 100 ticks per second: 1 tick = 10 ms, so 450 ticks = 0.45 ms per request
        assertThat(before.perRequest(after, 10_000, 100)).isEqualTo("db=0.29 gateway=0.45 post-service=0.58");
    }

    @Test
    void noRequestsNoFigures() {
        ProcessCpu before = new ProcessCpu(Map.of("gateway", 1L));

        assertThat(before.perRequest(new ProcessCpu(Map.of("gateway", 9L)), 0, 100)).isEmpty();
    }
}
