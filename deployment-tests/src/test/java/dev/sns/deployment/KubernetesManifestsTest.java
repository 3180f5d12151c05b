package dev.sns.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Kubernetes document binds strictly to its fabric8 model: the raw files (base, components, overlays and their
 * patches; partial objects too, so a misspelt field fails here with its file) and the output of `kubectl kustomize`
 * for base and every overlay (kubectl from PATH or fetched: {@link Kubectl}).
 */
class KubernetesManifestsTest {

    private static final Set<String> KUSTOMIZATION_FIELDS = Set.of("apiVersion", "kind", "namespace", "namePrefix",
            "nameSuffix", "labels", "commonLabels", "commonAnnotations", "resources", "components",
            "configMapGenerator", "secretGenerator", "generatorOptions", "patches", "replacements", "images",
            "replicas");

    private final StrictKubernetesBinder binder = new StrictKubernetesBinder();

    @TestFactory
    Stream<DynamicTest> everyDocumentInK8sBindsStrictlyToItsModel() {
        List<Manifests.Document> documents = Manifests.rawDocuments();
        assertThat(documents).hasSizeGreaterThan(20);
        return documents.stream().map(document -> dynamicTest(document.toString(), () -> binder.bind(document.content())));
    }

    /** The kustomize whose features (components, replacements with delimiters, local-config) the manifests use. */
    @Test
    void theKubectlInUseRendersWithKustomize5() {
        assertThat(Kubectl.version()).as("kubectl version --client of %s", Kubectl.path())
                .anySatisfy(line -> assertThat(line).startsWith("Kustomize Version: v5."));
    }

    @TestFactory
    Stream<DynamicTest> theKustomizeOutputOfBaseAndEveryOverlayBindsStrictly() {
        return Manifests.deployableFolders().stream().map(folder -> dynamicTest(Repo.relative(folder), () -> {
            List<Manifests.Document> rendered = Manifests.render(folder);
            assertThat(rendered).as("documents rendered from %s", folder).isNotEmpty();
            List<String> problems = new ArrayList<>();
            for (Manifests.Document document : rendered) {
                try {
                    binder.bind(document.content());
                } catch (IllegalArgumentException e) {
                    problems.add(document + ": " + e.getMessage());
                }
            }
            assertThat(problems).isEmpty();
        }));
    }

    /**
     * A service file lists a shared variable by name only and a component fills in its value (k8s/components): a
     * name the components do not know, or a component the service's kustomization does not list, would render as an
     * empty variable.
     */
    @TestFactory
    Stream<DynamicTest> everyRenderedVariableHasAValue() {
        return Cluster.all().stream().map(cluster -> dynamicTest(cluster.name(), () -> {
            assertThat(cluster.podTemplates()).isNotEmpty();
            cluster.podTemplates().forEach((workload, template) -> template.getSpec().getContainers().forEach(
                    container -> assertThat(container.getEnv()).as("variables of %s", workload).allSatisfy(env ->
                            assertThat(env.getValue() != null || env.getValueFrom() != null)
                                    .as("%s of %s has a value or valueFrom", env.getName(), workload).isTrue())));
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyKustomizationUsesKnownFieldsAndExistingFiles() {
        return Manifests.kustomizations().stream().map(file -> dynamicTest(Repo.relative(file), () -> {
            Map<String, Object> kustomization = Repo.yamlMap(file);
            assertThat(kustomization.keySet()).as("fields of %s", file).isSubsetOf(KUSTOMIZATION_FIELDS);
            // a Component only among the shared pieces of k8s/components (a folder that is not deployed alone)
            assertThat(kustomization.get("kind")).isEqualTo(
                    file.startsWith(Manifests.K8S.resolve("components")) ? "Component" : "Kustomization");
            assertThat(kustomization.get("apiVersion")).isEqualTo(kustomization.get("kind").equals("Component")
                    ? "kustomize.config.k8s.io/v1alpha1" : "kustomize.config.k8s.io/v1beta1");
            Path folder = file.getParent();
            for (String target : referencedPaths(kustomization)) {
                Path referenced = folder.resolve(target).normalize();
                assertThat(Files.isRegularFile(referenced)
                        || Files.isRegularFile(referenced.resolve("kustomization.yaml")))
                        .as("%s refers to %s, which does not exist", Repo.relative(file), target).isTrue();
            }
        }));
    }

    @Test
    void everyManifestFileIsUsedByAKustomization() {
        Set<Path> used = new HashSet<>();
        for (Path file : Manifests.kustomizations()) {
            referencedPaths(Repo.yamlMap(file)).forEach(p -> used.add(file.getParent().resolve(p).normalize()));
        }
        assertThat(Manifests.manifestFiles()).allSatisfy(file ->
                assertThat(used).as("a kustomization lists %s", Repo.relative(file)).contains(file.normalize()));
        List<Path> deployed = Manifests.deployableFolders();
        assertThat(Manifests.kustomizations()).allSatisfy(file -> {
            if (!deployed.contains(file.getParent()) && !file.equals(Repo.path("config-repo/kustomization.yaml"))) {
                assertThat(used).as("a kustomization uses the folder %s", Repo.relative(file.getParent()))
                        .contains(file.getParent().normalize());
            }
        });
    }

    /** Every config file but the local profile's (*-local.yml: development keys, never in a cluster, SecretsTest). */
    @Test
    void theConfigMapGeneratorPacksEveryConfigRepoFile() {
        Map<String, Object> kustomization = Repo.yamlMap(Repo.path("config-repo/kustomization.yaml"));
        List<String> packed = Yamls.list(kustomization, "configMapGenerator").stream()
                .flatMap(generator -> Yamls.list(generator, "files").stream()).map(String::valueOf).toList();
        List<String> configFiles = Repo.files(Repo.path("config-repo")).stream()
                .filter(Manifests::isYaml).filter(file -> !Manifests.isKustomization(file))
                .map(file -> file.getFileName().toString()).filter(name -> !name.endsWith("-local.yml")).toList();
        assertThat(packed).containsExactlyInAnyOrderElementsOf(configFiles);
    }

    /** Files and folders a kustomization reads: resources, generator files/envs, patch files. */
    static List<String> referencedPaths(Map<String, Object> kustomization) {
        List<String> paths = new ArrayList<>();
        Yamls.list(kustomization, "resources").forEach(resource -> paths.add(String.valueOf(resource)));
        Yamls.list(kustomization, "components").forEach(component -> paths.add(String.valueOf(component)));
        for (String generators : List.of("configMapGenerator", "secretGenerator")) {
            for (Object generator : Yamls.list(kustomization, generators)) {
                Yamls.list(generator, "files").forEach(f -> paths.add(String.valueOf(f).replaceFirst("^[^=]*=", "")));
                Yamls.list(generator, "envs").forEach(env -> paths.add(String.valueOf(env)));
            }
        }
        Yamls.list(kustomization, "patches").stream().map(patch -> Yamls.string(patch, "path"))
                .filter(path -> path != null).forEach(paths::add);
        return paths;
    }
}
