package dev.sns.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test toolkit's way to the repository's own files (config-repo/, k8s/, docs/, the POMs) from any test, whatever
 * folder it runs in: the root is the first folder, from {@code -Dsns.root} when given (./sns and the POMs give it),
 * else from the working directory (a module's folder under Maven), up to the one that holds both {@code pom.xml} and
 * {@code config-repo/}.
 */
public final class Repository {

    /** The repository's root folder (absolute, normalized). */
    public static Path root() {
        String configured = System.getProperty("sns.root");
        Path start = (configured != null ? Path.of(configured) : Path.of("")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("config-repo"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root (pom.xml and config-repo/) not found from " + start);
    }

    /** A file of the repository by its path from the root, e.g. {@code config-repo/application-local.yml}. */
    public static Path file(String relative) {
        return root().resolve(relative);
    }

    private Repository() {
    }
}
