package dev.sns.bench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of every process of the suite, in clock ticks, from {@code /proc/<pid>/stat} (user + system time) of each
 * process that {@code ./sns} recorded in {@code $SNS_HOME/run/<name>.pid}, its children included (the database and
 * Redis servers are children of their local-infra JVM). Two samples around a run and its request count give the CPU
 * each part of the suite spent per request, less at the mercy of other load on the machine than a throughput.
 *
 * @param ticks clock ticks by process name ({@code gateway}, {@code post-service-1}, {@code infra-db}, ...)
 */
record ProcessCpu(Map<String, Long> ticks) {

    /** The CPU time of the processes of {@code runDir}'s pid files now (a process gone since counts 0). */
    static ProcessCpu sample(Path runDir) {
        Map<String, Long> ticks = new TreeMap<>();
        try (Stream<Path> files = Files.list(runDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pid")).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                long pid = Long.parseLong(Files.readString(file).strip());
                ticks.put(name, ticksWithChildren(pid));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ProcessCpu(ticks);
    }

    private static long ticksWithChildren(long pid) {
        long total = ticksOf(pid);
        for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.children().toList()).orElse(List.of())) {
            total += ticksOf(child.pid());
        }
        return total;
    }

    private static long ticksOf(long pid) {
        try {
            return ticksOf(Files.readString(Path.of("/proc/" + pid + "/stat")));
        } catch (IOException gone) {
            return 0;
        }
    }

    /**
     * utime + stime (fields 14 and 15) of a {@code /proc/<pid>/stat} line. The fields are counted after the command
     * name, which is in parentheses and may hold spaces and parentheses itself.
     */
    static long ticksOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // field 3 (state) is fields[0]
    }

    /**
     * CPU ms per request of each part of the suite between this sample and {@code after}: the instances of a service
     * summed ({@code post-service-1} and {@code -2} as {@code post-service}), {@code infra-} dropped from the name,
     * parts under 0.005 ms left out; e.g. {@code "db=0.29 gateway=0.45 post-service=0.58"}. Empty without requests.
     */
    String perRequest(ProcessCpu after, long requests, long ticksPerSecond) {
        Map<String, Double> millis = new LinkedHashMap<>();
        ticks.forEach((name, before) -> {
            Long later = after.ticks().get(name);
            if (later != null && later > before && requests > 0) {
                String part = name.replaceFirst("-[0-9]+$", "").replaceFirst("^infra-", "");
                millis.merge(part, (later - before) * 1000.0 / ticksPerSecond, Double::sum);
            }
        });
        StringJoiner out = new StringJoiner(" ");
        new TreeMap<>(millis).forEach((part, ms) -> {
            if (ms / requests >= 0.005) {
                out.add(part + "=" + Calc.fixed(2, ms / requests));
            }
        });
        return out.toString();
    }

    /** The kernel's clock ticks per second ({@code getconf CLK_TCK}; 100 on every Linux this runs on). */
    static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).strip();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
