package dev.sns.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a deployment must give each service, read from the services' own configuration: the service modules of the
 * root POM, the port variable of each, and the SNS_* placeholders of the configuration it runs with
 * ({@code placeholders}: name -> default, "" for ${X:}, null when there is none).
 */
record ServiceConfig(String module, String portVariable, int port, boolean configClient,
                     Map<String, String> placeholders, Map<String, String> profileOnly, Set<String> dependencies) {

    /** Modules that are not deployed although they build a runnable jar. */
    static final Set<String> NOT_DEPLOYED = Set.of("local-infra");

    /**
     * Profiles no deployment activates: {@code local} (./sns and the tests). What only their documents read is not
     * required of a container.
     */
    static final Set<String> OPT_IN_PROFILES = Set.of("local");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(SNS_[A-Z0-9_]+)(?::([^}]*))?}");

    /**
     * The variables a container must set: the port variable, those without a default, and those whose default only
     * works on the developer's machine (an address on the loopback interface, a path relative to the checkout).
     * The shared config-repo/application.yml configures every technology for everyone; a variable of a technology
     * the module does not depend on (Kafka in the gateway) is inert and not required.
     */
    Set<String> requiredVariables() {
        return requiredVariables(null);
    }

    /**
     * The variables a container that runs {@code profile} must set (docker: compose, kubernetes: k8s/): a variable
     * that only a document of another profile reads is not required (the kubernetes profile's registry peers).
     */
    Set<String> requiredVariables(String profile) {
        Set<String> required = new TreeSet<>();
        placeholders.forEach((name, fallback) -> {
            if (profile != null && profileOnly.containsKey(name) && !profileOnly.get(name).equals(profile)) {
                return;
            }
            boolean noDefault = fallback == null;
            boolean loopbackAddress = !noDefault && name.matches(".*_(HOST|URI|URL|SERVERS)")
                    && (fallback.contains("127.0.0.1") || fallback.contains("localhost"));
            boolean checkoutPath = !noDefault && fallback.startsWith("file:./");
            if ((noDefault || loopbackAddress || checkoutPath) && usesTechnologyOf(name)) {
                required.add(name);
            }
        });
        required.add(portVariable);
        return required;
    }

    /** Whether the module depends (outside tests) on what the variable configures. */
    boolean usesTechnologyOf(String variable) {
        if (variable.startsWith("SNS_KAFKA_")) {
            return dependencies.stream().anyMatch(artifact -> artifact.contains("kafka"));
        }
        if (variable.startsWith("SNS_REDIS_")) {
            return dependencies.stream().anyMatch(artifact -> artifact.contains("redis"));
        }
        if (variable.startsWith("SNS_DB_")) {
            return dependencies.stream().anyMatch(artifact -> artifact.contains("jpa") || artifact.contains("jdbc"));
        }
        return true;
    }

    /** Every service module of the root POM (a spring-boot-maven-plugin, not in {@link #NOT_DEPLOYED}). */
    static List<ServiceConfig> all() {
        List<ServiceConfig> services = new ArrayList<>();
        for (String module : rootModules()) {
            Path pom = Repo.path(module + "/pom.xml");
            if (!NOT_DEPLOYED.contains(module) && Repo.read(pom).contains("<artifactId>spring-boot-maven-plugin</artifactId>")) {
                services.add(of(module));
            }
        }
        return services;
    }

    static ServiceConfig of(String module) {
        Path ownConfig = Repo.path(module + "/src/main/resources/application.yml");
        Map<String, Object> own = ownDefaults(module);
        String portExpression = Yamls.string(own, "server.port");
        Matcher port = PLACEHOLDER.matcher(portExpression == null ? "" : portExpression);
        if (!port.matches() || port.group(2) == null) {
            throw new IllegalStateException(module + ": server.port is not ${SNS_...:<port>}: " + portExpression);
        }
        boolean configClient = String.valueOf(Yamls.at(own, "spring.config.import")).contains("configserver:");

        List<Path> files = new ArrayList<>(List.of(ownConfig));
        if (configClient) {
            files.add(Repo.path("config-repo/application.yml"));
            Path serviceFile = Repo.path("config-repo/" + module + ".yml");
            if (Files.isRegularFile(serviceFile)) {
                files.add(serviceFile);
            }
        }
        Map<String, String> placeholders = new LinkedHashMap<>();
        Map<String, String> profileOnly = new LinkedHashMap<>();
        Set<String> everyProfile = new TreeSet<>();
        for (Path file : files) {
            for (Object document : Repo.yamlDocuments(file)) {
                if (onlyForOptInProfile(document)) {
                    continue; // ./sns up and tests, or an opt-in profile: not active in a container as deployed
                }
                Map<String, String> found = new LinkedHashMap<>();
                collectPlaceholders(document, found);
                found.forEach(placeholders::putIfAbsent);
                String profile = profileOf(document);
                if (profile == null) {
                    everyProfile.addAll(found.keySet());
                } else {
                    found.keySet().forEach(name -> profileOnly.putIfAbsent(name, profile));
                }
            }
        }
        profileOnly.keySet().removeAll(everyProfile);
        return new ServiceConfig(module, port.group(1), Integer.parseInt(port.group(2)), configClient, placeholders,
                profileOnly, dependencies(Repo.path(module + "/pom.xml")));
    }

    /** A value of the service's effective (non-local) configuration at a dotted path, from any of its files. */
    static Object setting(ServiceConfig service, String dottedPath) {
        List<Path> files = new ArrayList<>();
        files.add(Repo.path(service.module() + "/src/main/resources/application.yml"));
        if (service.configClient()) {
            files.add(Repo.path("config-repo/application.yml"));
            files.add(Repo.path("config-repo/" + service.module() + ".yml"));
        }
        Object found = null;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            for (Object document : Repo.yamlDocuments(file)) {
                if (profileOf(document) != null) {
                    continue;
                }
                Object value = flatLookup(document, dottedPath);
                if (value != null) {
                    found = value;
                }
            }
        }
        return found;
    }

    /** Looks a dotted key up both as nested maps and as keys that contain dots themselves (`a.b: x`). */
    private static Object flatLookup(Object node, String dottedPath) {
        if (node == null) {
            return null;
        }
        if (!(node instanceof Map<?, ?> map)) {
            return dottedPath.isEmpty() ? node : null;
        }
        if (map.containsKey(dottedPath)) {
            return map.get(dottedPath);
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (dottedPath.startsWith(key + ".")) {
                Object value = flatLookup(entry.getValue(), dottedPath.substring(key.length() + 1));
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    static String profileOf(Object document) {
        return Yamls.string(document, "spring.config.activate.on-profile");
    }

    private static boolean onlyForOptInProfile(Object document) {
        String profile = profileOf(document);
        return profile != null && OPT_IN_PROFILES.contains(profile);
    }

    /** The first document of the module's own application.yml: the settings of every profile. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> ownDefaults(String module) {
        Path file = Repo.path(module + "/src/main/resources/application.yml");
        List<Object> documents = Repo.yamlDocuments(file);
        if (documents.isEmpty() || !(documents.getFirst() instanceof Map<?, ?>) || profileOf(documents.getFirst()) != null) {
            throw new IllegalStateException(file + ": expected a first YAML document without a profile");
        }
        return (Map<String, Object>) documents.getFirst();
    }

    private static void collectPlaceholders(Object node, Map<String, String> into) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(value -> collectPlaceholders(value, into));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collectPlaceholders(value, into));
        } else if (node != null) {
            Matcher matcher = PLACEHOLDER.matcher(String.valueOf(node));
            while (matcher.find()) {
                into.putIfAbsent(matcher.group(1), matcher.group(2));
            }
        }
    }

    /** artifactIds of the module's dependencies outside the test scope. */
    private static Set<String> dependencies(Path pomFile) {
        Set<String> artifacts = new TreeSet<>();
        Element project = parse(pomFile).getDocumentElement();
        NodeList children = project.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element && element.getTagName().equals("dependencies")) {
                NodeList dependencies = element.getElementsByTagName("dependency");
                for (int j = 0; j < dependencies.getLength(); j++) {
                    Element dependency = (Element) dependencies.item(j);
                    if (!"test".equals(childText(dependency, "scope"))) {
                        artifacts.add(childText(dependency, "artifactId"));
                    }
                }
            }
        }
        return artifacts;
    }

    private static String childText(Element element, String tag) {
        NodeList nodes = element.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    private static Document parse(Path xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            return factory.newDocumentBuilder().parse(xml.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + xml, e);
        }
    }

    static List<String> rootModules() {
        Element project = parse(Repo.path("pom.xml")).getDocumentElement();
        List<String> modules = new ArrayList<>();
        NodeList children = project.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            // only <project><modules>, not the modules of a profile (e2e-tests)
            if (children.item(i) instanceof Element element && element.getTagName().equals("modules")) {
                NodeList entries = element.getElementsByTagName("module");
                for (int j = 0; j < entries.getLength(); j++) {
                    modules.add(entries.item(j).getTextContent().trim());
                }
            }
        }
        return modules;
    }
}
