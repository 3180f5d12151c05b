package dev.sns.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The machine a bench ran on, as the report's first line shows it: cores, CPU model, memory, JDK, kernel and the
 * open files limit (SSE capacity needs one descriptor per stream, two in the gateway).
 */
final class Machine {

    private Machine() {
    }

    static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores (" + procLine("/proc/cpuinfo", "model name").orElse("?")
                + "), " + procLine("/proc/meminfo", "MemTotal").map(Machine::gigabytes).orElse("?") + " memory, "
                + javaVersion() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + ", open files limit " + procLine("/proc/self/limits", "Max open files").map(l -> l.trim().split("\\s+")[0]).orElse("?");
    }

    /** What follows {@code key} (and a colon, if any) on the first line of a /proc file that starts with it. */
    static Optional<String> procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(key.length()).replaceFirst("^\\s*:?\\s*", "").strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** "24612340 kB" -> "23.5 GB". */
    static String gigabytes(String kilobytes) {
        return Calc.fixed(1, Long.parseLong(kilobytes.split("\\s+")[0]) / 1048576.0) + " GB";
    }

    /** The first line of {@code java -version} of this JVM, e.g. {@code openjdk version "25.0.3" 2026-04-21 LTS}. */
    private static String javaVersion() {
        try {
            Process version = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version")
                    .redirectErrorStream(true).start();
            String first = new String(version.getInputStream().readAllBytes()).lines().findFirst().orElse("?");
            version.waitFor();
            return first;
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
