package dev.sns.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The Kubernetes manifests of k8s/: raw files, kustomizations, and what `kubectl kustomize` renders of them. */
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

    /**
     * The documents of the manifest files as written, but for what is no Kubernetes object: JSON patches (a file
     * whose document is a list of operations, e.g. k8s/components/spring-service/container.yaml) and kustomize's
     * local-config objects (read by replacements, never rendered: {@link #isLocalConfig}). Some service files hold
     * partial objects that the components complete; the complete ones are {@link #renderedBase()}.
     */
    static List<Document> rawDocuments() {
        List<Document> documents = new ArrayList<>();
        for (Path file : manifestFiles()) {
            for (Object document : Repo.yamlDocuments(file)) {
                if (document instanceof List<?>) {
                    continue; // a JSON patch: its effect is checked on the rendered output
                }
                if (!(document instanceof Map<?, ?> map)) {
                    throw new IllegalStateException(Repo.relative(file)
                            + ": a document that is neither a mapping nor a JSON patch");
                }
                if (!isLocalConfig(map)) {
                    documents.add(new Document(Repo.relative(file), map));
                }
            }
        }
        return documents;
    }

    /** A kustomize input that is never deployed (annotation config.kubernetes.io/local-config: "true"). */
    static boolean isLocalConfig(Map<?, ?> document) {
        return "true".equals(Yamls.map(document, "metadata.annotations").get("config.kubernetes.io/local-config"));
    }

    private static List<Document> renderedBase;

    /** k8s/base as kustomize renders it: the complete objects (the service files hold only their own parts). */
    static synchronized List<Document> renderedBase() {
        if (renderedBase == null) {
            renderedBase = render(K8S.resolve("base"));
        }
        return renderedBase;
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

    static List<Document> render(Path folder) {
        return render(Kubectl.path(), folder);
    }

    /** `kubectl kustomize folder` (offline), as documents. */
    private static List<Document> render(Path kubectl, Path folder) {
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
