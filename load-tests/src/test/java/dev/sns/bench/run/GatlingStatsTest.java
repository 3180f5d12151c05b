package dev.sns.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatlingStatsTest {

    /**
     * The results folder of the like_saturation step of the ./sns bench of 2026-12-03 18:41 UTC (its index.html);
     * the console of that run printed: request count 14,674 (KO -), mean throughput 638, 50th percentile 39,
     * 99th percentile 165.
     */
    private static Path resultsFolder() throws URISyntaxException {
        return Path.of(GatlingStatsTest.class.getResource("/gatling-run").toURI());
    }

    @Test
    void readsTheFiguresOfTheConsolesGlobalInformationFromTheReport() throws URISyntaxException {
        GatlingStats stats = GatlingStats.ofResultsFolder(resultsFolder());

        assertThat(stats.fields()).isEqualTo("rps=638 p50=39 p99=165 requests=14674 ko=0");
    }

    @Test
    void keepsTheThroughputAsGatlingRoundedIt() {
        String html = """
                <th id="col-2" class="header sortable"><span>Total</span></th>
                <th id="col-4" class="header sortable"><span>KO</span></th>
                <th id="col-6" class="header sortable"><span><abbr title="Count of events per second">Cnt/s</abbr></span></th>
                <th id="col-8" class="header sortable"><span>50th pct</span></th>
                <th id="col-10" class="header sortable"><span>99th pct</span></th>
                <tbody><tr id="ROOT" >
                  <td class="value total col-2">24979</td>
                  <td class="value ko col-4">12</td>
                  <td class="value total col-6">1040.79</td>
                  <td class="value total col-8">22</td>
                  <td class="value total col-10">83</td>
                </tr></tbody>""";

        assertThat(GatlingStats.ofReport(html).fields()).isEqualTo("rps=1040.79 p50=22 p99=83 requests=24979 ko=12");
    }

    @Test
    void aRunWithoutReportIsAnError(@TempDir Path folder) throws Exception {
        Files.createDirectories(folder.resolve("feedsimulation-20261203184712387"));

        assertThatThrownBy(() -> GatlingStats.ofResultsFolder(folder)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0 Gatling reports");
    }
}
