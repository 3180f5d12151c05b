package dev.sns.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeneratedSectionTest {

    @Test
    void replacesWhatIsBetweenTheMarkersAndKeepsTheRest() {
        String page = "# Perf\nby hand\n<!-- bench:begin -->\nold 1\nold 2\n<!-- bench:end -->\nafter\n";

        assertThat(GeneratedSection.replace(page, "bench", "new\n"))
                .isEqualTo("# Perf\nby hand\n<!-- bench:begin -->\nnew\n<!-- bench:end -->\nafter\n");
    }

    @Test
    void appendsTheMarkersToAPageWithout() {
        assertThat(GeneratedSection.replace("# Reliability\n", "chaos", "counts\n"))
                .isEqualTo("# Reliability\n\n<!-- chaos:begin -->\ncounts\n<!-- chaos:end -->\n");
    }
}
