package dev.sns.bench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The global figures of one Gatling run, read from the statistics table of the run's report.
 *
 * <p>Why the HTML report: Gatling 3.15 writes no JSON statistics any more (the {@code js/stats.json} and
 * {@code js/global_stats.json} of earlier versions are gone: a results folder holds {@code index.html}, one page per
 * request, the binary {@code simulation.log} and static assets). The statistics table of {@code index.html} is the
 * machine-readable form left: its "All Requests" row ({@code <tr id="ROOT">}) holds plain numbers (no thousands
 * separators) in cells {@code <td class="value ... col-N">}, and its header names each column N ("Total", "KO",
 * "Cnt/s", "50th pct", ...). The columns are found by those names, not by position, and carry the same figures as
 * the console's "Global Information" table (request count, KO count, mean throughput, percentiles of all requests).
 *
 * @param requests all requests of the run
 * @param ko the failed ones
 * @param rps mean throughput, requests per second, as Gatling rounded it
 * @param p50 the median response time (ms), of all requests
 * @param p99 the 99th percentile (ms), of all requests (load-tests' gatling.conf sets the tracked percentiles)
 */
public record GatlingStats(long requests, long ko, BigDecimal rps, BigDecimal p50, BigDecimal p99) {

    private static final Pattern HEADER = Pattern.compile("<th id=\"col-(\\d+)\"[^>]*>(.*?)</th>", Pattern.DOTALL);
    private static final Pattern ROOT_ROW = Pattern.compile("<tr id=\"ROOT\"\\s*>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<td class=\"value [a-z]+ col-(\\d+)\">([^<]*)</td>");
    private static final Pattern TAG = Pattern.compile("<[^>]+>");

    /**
     * The figures of the one run in {@code resultsFolder} (the {@code --results-folder} given to Gatling, which puts
     * each run into a sub-folder {@code <simulation>-<timestamp>}).
     *
     * @throws IllegalStateException if the folder holds no report or several runs (a crashed run writes none)
     */
    public static GatlingStats ofResultsFolder(Path resultsFolder) {
        try (Stream<Path> runs = Files.list(resultsFolder)) {
            List<Path> reports = runs.map(run -> run.resolve("index.html")).filter(Files::isRegularFile).toList();
            if (reports.size() != 1) {
                throw new IllegalStateException(reports.size() + " Gatling reports in " + resultsFolder + ", expected one");
            }
            return ofReport(Files.readString(reports.getFirst()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The figures of a report's {@code index.html}. */
    public static GatlingStats ofReport(String html) {
        Map<String, Integer> columns = new HashMap<>();
        Matcher header = HEADER.matcher(html);
        while (header.find()) {
            columns.put(TAG.matcher(header.group(2)).replaceAll("").strip(), Integer.parseInt(header.group(1)));
        }
        Matcher row = ROOT_ROW.matcher(html);
        if (!row.find()) {
            throw new IllegalStateException("no \"All Requests\" row in the Gatling report");
        }
        Map<Integer, String> cells = new HashMap<>();
        Matcher cell = CELL.matcher(row.group(1));
        while (cell.find()) {
            cells.put(Integer.parseInt(cell.group(1)), cell.group(2).strip());
        }
        return new GatlingStats(number(columns, cells, "Total").longValueExact(), number(columns, cells, "KO").longValueExact(),
                number(columns, cells, "Cnt/s"), number(columns, cells, "50th pct"), number(columns, cells, "99th pct"));
    }

    /** A cell by its column's name; "-" (Gatling's "none", e.g. no failed request) is 0, as on the console. */
    private static BigDecimal number(Map<String, Integer> columns, Map<Integer, String> cells, String column) {
        Integer index = columns.get(column);
        String value = index == null ? null : cells.get(index);
        if (value == null) {
            throw new IllegalStateException("no column \"" + column + "\" in the Gatling report's statistics table");
        }
        return value.equals("-") || value.isEmpty() ? BigDecimal.ZERO : new BigDecimal(value);
    }

    /** The figures as the report's fields: {@code rps=.. p50=.. p99=.. requests=.. ko=..}. */
    public String fields() {
        return "rps=" + rps.toPlainString() + " p50=" + p50.toPlainString() + " p99=" + p99.toPlainString()
                + " requests=" + requests + " ko=" + ko;
    }
}
