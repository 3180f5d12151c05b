package dev.sns.infra.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JDK 25 AOT cache of a module, as {@link AotTraining} prepares it (its Javadoc says how and why): the exec jar
 * extracted into {@code <module>/target/<module>-<version>-aot/} with the jar's POSIX {@code cksum} in
 * {@code jar.cksum}, and the trained cache {@code app.aot} beside it. An instance starts with the cache only if all
 * three are current.
 */
record Aot(Path execJar) {

    Path dir() {
        String jar = execJar.getFileName().toString();
        return execJar.resolveSibling(jar.substring(0, jar.length() - "-exec.jar".length()) + "-aot");
    }

    Path cache() {
        return dir().resolve("app.aot");
    }

    /** The extracted jar (its libraries beside it in {@code lib/}: the plain class path a cache needs). */
    Path jar() {
        return dir().resolve(execJar.getFileName());
    }

    /**
     * Whether the extracted jar is of the exec jar's current content and has a cache: by content, not time (the build
     * is reproducible, so an unchanged module rebuilds to the same bytes, which keep their cache).
     */
    boolean ready() throws IOException {
        Path recorded = dir().resolve("jar.cksum");
        return Files.isRegularFile(cache()) && Files.size(cache()) > 0 && Files.isRegularFile(jar())
                && Files.isRegularFile(recorded) && Files.readString(recorded).strip().equals(cksum(execJar));
    }

    /**
     * {@code cksum < jar}, recorded in {@code jar.cksum}: coreutils' own program, the same sum that earlier runners
     * wrote there, so existing caches stay valid (and it takes ~30 ms for a 150 MB jar, a tenth of a CRC loop in a
     * short-lived JVM).
     */
    static String cksum(Path file) throws IOException {
        Process cksum = new ProcessBuilder("cksum").redirectInput(file.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String sum = new String(cksum.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        try {
            if (cksum.waitFor() != 0) {
                throw new IOException("cksum failed on " + file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return sum;
    }

    /** {@code SNS_AOT}: unset or 1 = on when the JDK supports it (25 or later), 0 = off. */
    static boolean enabled(SuiteEnv env) {
        return !"0".equals(env.get("SNS_AOT", "1")) && Runtime.version().feature() >= 25;
    }
}
