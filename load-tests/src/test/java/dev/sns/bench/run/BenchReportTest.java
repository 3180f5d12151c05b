package dev.sns.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    /**
     * figures.tsv: the figures of the ./sns bench of 2026-12-03 18:41 UTC (from its section of docs/performance.md),
     * two processes without an AOT cache added; section.md: what the bash report of ./sns rendered from them.
     */
    private static Path resource(String name) throws URISyntaxException {
        return Path.of(BenchReportTest.class.getResource("/bench-report/" + name).toURI());
    }

    @Test
    void rendersTheSectionTheBashReportRendered() throws Exception {
        String section = BenchReport.render(Figures.read(resource("figures.tsv")), BenchPlan.keys());

        assertThat(section).isEqualTo(Files.readString(resource("section.md")));
    }

    @Test
    void aMissingFigureIsAQuestionMarkAndItsTargetNotMet() throws URISyntaxException, IOException {
        Figures figures = Figures.read(resource("figures.tsv"));
        figures.put("feed_direct", "failed");

        String section = BenchReport.render(figures, BenchPlan.keys());

        assertThat(section)
                .contains("| 1 | feed pages/s through the gateway ÷ straight to post-service | ? | ≥ 0.8 | **not met** | |")
                .contains("| 3 | likes/s at saturation ÷ feed pages/s straight to post-service | ?, every alarm stored: 14674 of 14674 | ≥ 0.5, all | **not met** | |")
                .contains("- feed_direct: `gatling FeedSimulation");
    }

    @Test
    void aScaledRunSaysSo() throws URISyntaxException {
        Figures figures = Figures.read(resource("figures.tsv"));
        figures.put("scale", "0.1");

        assertThat(BenchReport.render(figures, BenchPlan.keys())).contains("**A scaled run** (`-Dbench.scale=0.1`)");
    }

    @Test
    void roundsAsCPrintfDoes() {
        assertThat(Calc.fixed(2, 0.125)).isEqualTo("0.12"); // exactly half: to even, as awk's printf
        assertThat(Calc.fixed(2, -0.001)).isEqualTo("-0.00");
        assertThat(Calc.signedRounded(() -> -31.6)).isEqualTo("-32");
        assertThat(Calc.signedInteger(() -> 7)).isEqualTo("+7");
        assertThat(Calc.plain(() -> 158 - 69.5)).isEqualTo("88.5");
        assertThat(Calc.fixed(2, () -> Calc.div(1, 0))).isEqualTo("?");
    }
}
