package dev.sns.bench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one bench run measured, by key: a step's figures ({@code feed_gateway} = {@code "rps=1040.79 p50=22 ..."}, the
 * fields a Gatling run or a probe's {@code RESULT} line gives), and beside them {@code <key>.cmd} (what ran),
 * {@code <key>.load} (load average before → after) and {@code <key>.cpu} (CPU ms per request by process). The report
 * reads nothing else, so a run's {@code figures.tsv} (written beside its raw output) renders the same section again.
 */
final class Figures {

    private final Map<String, String> values = new LinkedHashMap<>();

    /** The value of a key; empty if the step did not run or measured nothing. */
    String get(String key) {
        return values.getOrDefault(key, "");
    }

    void put(String key, String value) {
        values.put(key, value);
    }

    /** Appends more fields to a step's figures ({@code alarms=...} after a Gatling run, say). */
    void append(String key, String fields) {
        put(key, get(key).isEmpty() ? fields : get(key) + " " + fields);
    }

    /** The value of one field of a step's figures: {@code field("feed_gateway", "rps")}; empty if absent. */
    String field(String key, String name) {
        return fieldOf(get(key), name);
    }

    /** The value of the first field {@code name=} of {@code "a=1 b=2"}; empty if absent. */
    static String fieldOf(String fields, String name) {
        for (String field : fields.split(" ")) {
            if (field.startsWith(name + "=")) {
                return field.substring(name.length() + 1);
            }
        }
        return "";
    }

    /** One {@code key<TAB>value} line each (values hold no line break). */
    void write(Path file) {
        StringBuilder out = new StringBuilder();
        values.forEach((key, value) -> out.append(key).append('\t').append(value).append('\n'));
        try {
            Files.writeString(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Figures read(Path file) {
        Figures figures = new Figures();
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    figures.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return figures;
    }
}
