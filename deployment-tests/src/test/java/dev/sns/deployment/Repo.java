package dev.sns.deployment;

import dev.sns.testsupport.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The repository under test: its files (found from the test toolkit's {@link Repository#root()}), and YAML read the
 * way Kubernetes and compose read it.
 */
final class Repo {

    static final Path ROOT = Repository.root();

    private Repo() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every document of a (multi-document) YAML text, as plain maps/lists/scalars. SnakeYAML resolves scalars like
     * YAML 1.1 (`yes`, `on` are booleans), as Kubernetes' own YAML reader does; anchors and `<<` merge keys are
     * applied; a key given twice in one mapping is an error.
     */
    static List<Object> yamlDocuments(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        List<Object> documents = new ArrayList<>();
        for (Object document : yaml.loadAll(text)) {
            if (document != null) {
                documents.add(document);
            }
        }
        return documents;
    }

    static List<Object> yamlDocuments(Path file) {
        return yamlDocuments(read(file));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yamlMap(Path file) {
        List<Object> documents = yamlDocuments(file);
        if (documents.size() != 1 || !(documents.getFirst() instanceof Map)) {
            throw new IllegalStateException(file + ": expected one YAML mapping");
        }
        return (Map<String, Object>) documents.getFirst();
    }

    /** Files under a folder, sorted, relative paths with forward slashes. */
    static List<Path> files(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String relative(Path file) {
        return ROOT.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
