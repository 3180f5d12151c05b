package dev.sns.deployment;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The Kubernetes manifests of k8s/: raw files, kustomizations, and (with kubectl) the rendered overlays. */
final class Manifests {

    static final Path K8S = Repo.path("k8s");

    /** One YAML document and where it came from. */
    record Document(String source, Map<?, ?> content) {
        String kind() {
            return String.valueOf(content.get("kind"));
        }

        String name() {
            return Yamls.string(content, "metadata.name");
        }

        @Override
        public String toString() {
            return source + " " + kind() + "/" + name();
        }
    }

    private Manifests() {
    }

    static boolean isKustomization(Path file) {
        return file.getFileName().toString().equals("kustomization.yaml");
    }

    static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** Every kustomization of the repository: k8s/ and the ConfigMap generator in config-repo/. */
    static List<Path> kustomizations() {
        List<Path> files = new ArrayList<>(Repo.files(K8S).stream().filter(Manifests::isKustomization).toList());
        files.add(Repo.path("config-repo/kustomization.yaml"));
        return files;
    }

    /** Every manifest and patch file under k8s/ (YAML that is not a kustomization). */
    static List<Path> manifestFiles() {
        return Repo.files(K8S).stream().filter(Manifests::isYaml).filter(file -> !isKustomization(file)).toList();
    }

    static List<Document> rawDocuments() {
        List<Document> documents = new ArrayList<>();
        for (Path file : manifestFiles()) {
            for (Object document : Repo.yamlDocuments(file)) {
                if (!(document instanceof Map<?, ?> map)) {
                    throw new IllegalStateException(Repo.relative(file) + ": a document that is not a mapping");
                }
                documents.add(new Document(Repo.relative(file), map));
            }
        }
        return documents;
    }

    /** The complete (non-patch) documents of k8s/base as written. */
    static List<Document> baseDocuments() {
        return rawDocuments().stream().filter(d -> d.source().startsWith("k8s/base/")).toList();
    }

    /** The kustomization folders that are deployed: base and every overlay. */
    static List<Path> deployableFolders() {
        List<Path> folders = new ArrayList<>();
        folders.add(K8S.resolve("base"));
        try (var overlays = Files.list(K8S.resolve("overlays"))) {
            overlays.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml"))).sorted()
                    .forEach(folders::add);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return folders;
    }

    /** kubectl from PATH; -Dsns.kubectl=none runs the tests as on a machine without it, or =/path/to/kubectl. */
    static Optional<Path> kubectl() {
        String configured = System.getProperty("sns.kubectl");
        if ("none".equals(configured)) {
            return Optional.empty();
        }
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** `kubectl kustomize folder` (offline), as documents. */
    static List<Document> render(Path kubectl, Path folder) {
        try {
            Path output = Files.createTempFile("kustomize", ".yaml");
            Path errors = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(kubectl.toString(), "kustomize", folder.toString())
                        .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kubectl kustomize " + folder + " did not finish in 120 s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("kubectl kustomize " + Repo.relative(folder) + " failed: "
                            + Files.readString(errors, StandardCharsets.UTF_8));
                }
                String source = "kustomize(" + Repo.relative(folder) + ")";
                return Repo.yamlDocuments(Files.readString(output, StandardCharsets.UTF_8)).stream()
                        .map(document -> new Document(source, (Map<?, ?>) document)).toList();
            } finally {
                Files.deleteIfExists(output);
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
