package dev.sns.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces the generated part of a page of docs/, the lines between {@code <!-- <marker>:begin -->} and
 * {@code <!-- <marker>:end -->} (appended to the page first if it has none), keeping everything around it as written
 * by hand. {@code ./sns bench} writes docs/performance.md through {@link BenchMain}; {@code ./sns chaos} runs this
 * file with the JDK's source launcher ({@code java GeneratedSection.java docs/reliability.md chaos <section-file>}),
 * so it needs nothing but the JDK: no import outside {@code java.*}.
 */
public final class GeneratedSection {

    private GeneratedSection() {
    }

    /** {@code <page> <marker> <section-file>}. */
    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), args[1], Files.readString(Path.of(args[2])));
    }

    public static void write(Path page, String marker, String section) throws IOException {
        Files.writeString(page, replace(Files.exists(page) ? Files.readString(page) : "", marker, section));
    }

    /** The page's text with {@code section} (lines ending in a line break) between the markers. */
    static String replace(String page, String marker, String section) {
        String begin = "<!-- " + marker + ":begin -->", end = "<!-- " + marker + ":end -->";
        List<String> lines = new ArrayList<>(page.lines().toList());
        if (!lines.contains(begin)) {
            lines.add("");
            lines.add(begin);
            lines.add(end);
        }
        StringBuilder out = new StringBuilder();
        boolean skipping = false;
        for (String line : lines) {
            if (line.equals(begin)) {
                out.append(line).append('\n').append(section);
                skipping = true;
            } else if (line.equals(end)) {
                skipping = false;
            }
            if (!skipping) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }
}
