package dev.sns.infra.suite;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Prepares the JDK 25 AOT caches (JEP 483/514/515: classes loaded and linked, method profiles) that {@link Launcher}
 * starts the instances with, a build product like the jars. For each module it extracts the exec jar
 * ({@code java -Djarmode=tools extract}: the plain class path a cache needs) into {@link Aot#dir()} and, where that
 * has no cache yet, runs a short training JVM with the same flags, profile and configuration as a real start that
 * exits once the application context is refreshed ({@code -Dspring.context.exit=onRefresh}: beans created, Flyway and
 * topics checked, nothing started: no web server, no Eureka registration, no Kafka consumer, no scheduled task) and
 * writes the cache ({@code -XX:AOTCacheOutput}). A rebuilt jar of other content is extracted and trained again; the
 * build is reproducible, so an unchanged module keeps its cache. The JVM uses a cache only with the same JDK, class
 * path and compatible flags, otherwise it starts without it and logs a warning ({@code logs/aot/<name>.log}, which
 * the bench reports). Measured gain: docs/performance.md, "Start-up with an AOT cache".
 *
 * <p>{@code SNS_AOT} (1; 0 = off), {@code SNS_AOT_TRAIN} (1; {@code ./sns test}: 0, a single run would not earn a
 * training back: only caches already trained are used), {@code SNS_AOT_TRAIN_JOBS} (2 at a time; 4 is slower here).
 */
final class AotTraining {

    /** Every module of the suite with a cache: all but local-infra, whose JVMs only run the infrastructure. */
    static final List<String> MODULES = Build.MODULES.stream().filter(module -> !module.equals("local-infra")).toList();

    private final SuiteEnv env;

    AotTraining(SuiteEnv env) {
        this.env = env;
    }

    boolean enabled() {
        return Aot.enabled(env);
    }

    /** Whether every module's extracted jar is current and has its cache (extracting what is stale). */
    boolean allReady() throws IOException {
        for (String module : MODULES) {
            extract(module);
            if (!isFile(aot(module).cache())) {
                return false;
            }
        }
        return true;
    }

    /** Trains the modules that have no current cache, {@code SNS_AOT_TRAIN_JOBS} at a time. */
    void train(List<String> modules) throws IOException {
        if (!enabled() || modules.isEmpty()) {
            return;
        }
        boolean training = !"0".equals(env.get("SNS_AOT_TRAIN", "1"));
        List<String> todo = new ArrayList<>();
        for (String module : modules) {
            // without training, only a module that has a cache is worth extracting (~3 s each): a current one is
            // kept, a stale one dropped; the others start from their exec jar
            if (training || isFile(aot(module).cache())) {
                extract(module);
            }
            if (!isFile(aot(module).cache())) {
                todo.add(module);
            }
        }
        if (todo.isEmpty()) {
            return;
        }
        if (!training) {
            Say.say("no AOT cache for " + String.join(" ", todo) + " (SNS_AOT_TRAIN=0): plain start");
            return;
        }
        Say.say("training the AOT cache of " + String.join(" ", todo) + " (once per build)");
        int jobs = Integer.parseInt(env.get("SNS_AOT_TRAIN_JOBS", "2"));
        try (ExecutorService trainers = Executors.newFixedThreadPool(jobs)) {
            List<Future<Void>> runs = todo.stream().map(module -> trainers.submit(() -> trainOne(module))).toList();
            for (Future<Void> run : runs) {
                run.get();
            }
        } catch (ExecutionException e) {
            throw new SuiteException("AOT training failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SuiteException("interrupted");
        }
    }

    /**
     * Extracts the exec jar unless the extracted copy is of the same content (a new extraction replaces the folder,
     * cache included); drops a cache left empty. Afterwards the module is {@link Aot#ready()} exactly when its cache
     * is a file, which its callers check without summing the jar again.
     */
    void extract(String module) throws IOException {
        Aot aot = aot(module);
        Path dir = aot.dir();
        String sum = Aot.cksum(env.jar(module));
        Path recorded = dir.resolve("jar.cksum");
        boolean current = isFile(recorded) && Files.readString(recorded).strip().equals(sum) && isFile(aot.jar());
        if (!current) {
            Path fresh = dir.resolveSibling(dir.getFileName() + ".new");
            Path old = dir.resolveSibling(dir.getFileName() + ".old");
            deleteTree(fresh);
            int exit = run(List.of(SuiteEnv.java(), "-Djarmode=tools", "-jar", env.jar(module).toString(), "extract",
                    "--destination", fresh.toString()), ProcessBuilder.Redirect.DISCARD, env.root());
            if (exit != 0) {
                throw new SuiteException("cannot extract " + env.jar(module));
            }
            Files.writeString(fresh.resolve("jar.cksum"), sum + "\n");
            deleteTree(old);
            if (Files.isDirectory(dir)) {
                Files.move(dir, old);
            }
            Files.move(fresh, dir);
            deleteTree(old);
        }
        if (Files.isRegularFile(aot.cache()) && Files.size(aot.cache()) == 0) {
            Files.delete(aot.cache()); // a training JVM killed before it wrote the cache
        }
    }

    /** One training run, its log in {@code logs/aot/train-<module>.log}. */
    private Void trainOne(String module) throws IOException {
        Aot aot = aot(module);
        Path log = env.logs().resolve("aot").resolve("train-" + module + ".log");
        Files.createDirectories(log.getParent());
        long started = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(SuiteEnv.java()));
        command.addAll(env.javaOptions().stream().filter(option -> !option.equals("-Xshare:auto")).toList());
        // ports 0 and no Eureka registration: nothing listens or registers anyway before the lifecycle starts, which
        // the training never reaches; this only makes sure a training JVM can never be mistaken for an instance
        command.addAll(List.of("-XX:AOTCacheOutput=" + aot.cache(), "-Dspring.context.exit=onRefresh", "-jar",
                aot.jar().toString(), "--server.port=0", "--management.server.port=0",
                "--eureka.client.register-with-eureka=false"));
        run(command, ProcessBuilder.Redirect.to(log.toFile()), env.root());
        if (isFile(aot.cache())) {
            Say.say(module + ": AOT cache trained in " + (System.nanoTime() - started) / 1_000_000_000 + " s ("
                    + Files.size(aot.cache()) / (1024 * 1024) + " MB)");
        } else {
            Files.deleteIfExists(aot.cache());
            Say.say(module + ": AOT training failed, it starts without a cache (see " + log + ")");
        }
        return null;
    }

    private int run(List<String> command, ProcessBuilder.Redirect output, Path directory) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(output).redirectInput(new File("/dev/null"));
        builder.environment().put("SNS_PORT", "0");
        builder.environment().put("SPRING_PROFILES_ACTIVE", env.get("SPRING_PROFILES_ACTIVE", "local"));
        try {
            return builder.start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SuiteException("interrupted");
        }
    }

    private Aot aot(String module) {
        return new Aot(env.jar(module));
    }

    private static boolean isFile(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
