package dev.sns.infra.suite;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether {@code ./sns up} has to build first ({@code stale}: exit 0 if so), and the time the build gives its jars
 * ({@code built}). The exec jars carry the fixed build timestamp of the reproducible build, so {@code built} gives them
 * the time of the build, which {@code stale} compares with the sources: a build is due when a jar is missing or a
 * source file or POM is newer than the oldest jar.
 */
final class Build {

    static final List<String> MODULES = Stream.concat(Stream.of("local-infra", "discovery-service", "gateway-service"),
            SuiteEnv.SERVICES.stream()).toList();

    /** Not sources: build output, the runner's homes, dependencies and git's own files. */
    private static final Set<String> SKIPPED = Set.of("target", ".sns", ".git", "node_modules");

    private final SuiteEnv env;

    Build(SuiteEnv env) {
        this.env = env;
    }

    boolean stale() throws IOException {
        FileTime oldest = null;
        for (String module : MODULES) {
            Path jar = env.jar(module);
            if (!Files.isRegularFile(jar)) {
                return true;
            }
            FileTime time = Files.getLastModifiedTime(jar);
            oldest = oldest == null || time.compareTo(oldest) < 0 ? time : oldest;
        }
        return newerSource(env.root(), oldest);
    }

    void built() throws IOException {
        FileTime now = FileTime.fromMillis(System.currentTimeMillis());
        for (String module : MODULES) {
            if (Files.isRegularFile(env.jar(module))) {
                Files.setLastModifiedTime(env.jar(module), now);
            }
        }
    }

    /** Whether a file under a {@code src} folder, or a {@code pom.xml}, is newer than {@code than}. */
    static boolean newerSource(Path root, FileTime than) throws IOException {
        boolean[] found = {false};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return !dir.equals(root) && SKIPPED.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                boolean source = file.getFileName().toString().equals("pom.xml")
                        || root.relativize(file).toString().contains("/src/");
                if (source && attributes.lastModifiedTime().compareTo(than) > 0) {
                    found[0] = true;
                    return FileVisitResult.TERMINATE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // a file removed meanwhile
            }
        });
        return found[0];
    }
}
