package dev.sns.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Who gets which secret, and where no secret may be: the registry's credentials reach every pod and container that
 * talks to discovery-service, from a Secret / the compose environment; the service-identity keys reach only who needs
 * them; the local profile's development keys stay out of everything a non-local deployment reads.
 */
class SecretsTest {

    private static final String DISCOVERY = "discovery-service";
    private static final List<String> DISCOVERY_CREDENTIALS = List.of("SNS_DISCOVERY_USER", "SNS_DISCOVERY_PASSWORD");
    private static final String SERVICE_TOKEN_PUBLIC_KEY = "SNS_SERVICE_TOKEN_PUBLIC_KEY";
    private static final String SERVICE_TOKEN_PRIVATE_KEY = "SNS_SERVICE_TOKEN_PRIVATE_KEY";
    /** A placeholder for a secret setting: from the environment, with no default or an empty one. */
    private static final Pattern FROM_ENVIRONMENT = Pattern.compile("\\$\\{SNS_[A-Z0-9_]+:?}");
    private static final Pattern SECRET_SETTING = Pattern.compile(".*(password|private-key|secret).*");

    private final List<ServiceConfig> services = ServiceConfig.all();

    /** Every deployed module talks to discovery: the services as config and Eureka clients, discovery as the server. */
    @TestFactory
    Stream<DynamicTest> everyPodThatTalksToDiscoveryGetsTheSameCredentialsFromASecret() {
        return Cluster.all().stream().map(cluster -> dynamicTest(cluster.name(), () -> {
            Map<String, SecretKeySelector> first = new LinkedHashMap<>();
            for (ServiceConfig service : services) {
                assertThat(service.configClient() || service.module().equals(DISCOVERY))
                        .as("%s talks to discovery", service.module()).isTrue();
                Container container = cluster.container(service.module());
                for (String variable : DISCOVERY_CREDENTIALS) {
                    SecretKeySelector secret = secretOf(container, variable);
                    assertThat(secret).as("%s of %s comes from a Secret", variable, service.module()).isNotNull();
                    first.putIfAbsent(variable, secret);
                    assertThat(secret).as("%s of %s: the same Secret key as every other pod", variable, service.module())
                            .isEqualTo(first.get(variable));
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> composeGivesEveryJavaContainerTheRegistryCredentialsFromTheEnvironment() {
        Map<String, Map<String, Object>> compose = Compose.services(Compose.file());
        return services.stream().map(service -> dynamicTest(service.module(), () -> {
            Map<String, String> environment = Compose.environment(compose.get(service.module()));
            assertThat(environment.get("SNS_DISCOVERY_PASSWORD")).as("password of %s", service.module())
                    .startsWith("${SNS_DISCOVERY_PASSWORD:?");
            assertThat(environment.get("SNS_DISCOVERY_USER")).as("user of %s", service.module())
                    .isEqualTo(Compose.environment(compose.get(DISCOVERY)).get("SNS_DISCOVERY_USER"));
        }));
    }

    /** Prometheus finds its targets in the registry, so it needs the credentials too (a secret file, not the config). */
    @Test
    void composePrometheusReadsTheRegistryWithTheSameCredentials() {
        Map<String, Map<String, Object>> compose = Compose.services(Compose.file());
        Map<String, Object> prometheusConfig = Repo.yamlMap(Repo.path("docker/prometheus/prometheus.yml"));
        Object eureka = Yamls.list(prometheusConfig, "scrape_configs").stream()
                .flatMap(job -> Yamls.list(job, "eureka_sd_configs").stream()).findFirst().orElseThrow();
        assertThat(Yamls.string(eureka, "basic_auth.username"))
                .isEqualTo(Compose.environment(compose.get(DISCOVERY)).get("SNS_DISCOVERY_USER"));
        String passwordFile = Yamls.string(eureka, "basic_auth.password_file");
        assertThat(passwordFile).startsWith("/run/secrets/");
        String secret = passwordFile.substring("/run/secrets/".length());
        assertThat(Yamls.list(compose.get("prometheus"), "secrets")).map(String::valueOf).contains(secret);
        assertThat(Yamls.string(Compose.file(), "secrets." + secret + ".environment")).isEqualTo("SNS_DISCOVERY_PASSWORD");
        assertThat(Repo.read(Repo.path("docker/prometheus/prometheus.yml"))).doesNotContain("password:");
    }

    /**
     * Every servlet service (web-support: its /internal/** chain) gets the service-identity public key; the private key
     * reaches only the services that sign (their configuration reads it), from a Secret no other pod references.
     */
    @TestFactory
    Stream<DynamicTest> theServiceIdentityKeysReachOnlyWhoNeedsThem() {
        return Cluster.all().stream().map(cluster -> dynamicTest(cluster.name(), () -> {
            Set<String> signers = new TreeSet<>();
            for (ServiceConfig service : services) {
                Container container = cluster.container(service.module());
                boolean internalEndpoints = service.dependencies().contains("web-support");
                assertThat(secretOf(container, SERVICE_TOKEN_PUBLIC_KEY) != null)
                        .as("%s gets %s from a Secret", service.module(), SERVICE_TOKEN_PUBLIC_KEY).isEqualTo(internalEndpoints);
                boolean signs = service.placeholders().containsKey(SERVICE_TOKEN_PRIVATE_KEY)
                        && service.placeholders().get(SERVICE_TOKEN_PRIVATE_KEY) == null;
                SecretKeySelector privateKey = secretOf(container, SERVICE_TOKEN_PRIVATE_KEY);
                assertThat(privateKey != null).as("%s gets %s from a Secret", service.module(), SERVICE_TOKEN_PRIVATE_KEY)
                        .isEqualTo(signs);
                if (signs) {
                    signers.add(service.module());
                }
            }
            assertThat(signers).as("post-service calls user-service's /internal/users").contains("post-service");
            assertThat(signers).as("timeline-service calls user- and post-service's /internal/**")
                    .contains("timeline-service");
        }));
    }

    /**
     * A Secret that holds a private key is referenced only by the Deployments that sign with it: those whose
     * configuration reads the variable and cannot start without it (the user-token key: user-service; the
     * service-identity key: the callers of /internal/**, post-service and timeline-service).
     */
    @TestFactory
    Stream<DynamicTest> aSecretWithAPrivateKeyIsMountedOnlyIntoTheDeploymentsThatSignWithIt() {
        return Cluster.all().stream().map(cluster -> dynamicTest(cluster.name(), () -> {
            Map<String, Set<String>> readersBySecret = new TreeMap<>();
            for (var workload : cluster.podTemplates().entrySet()) {
                for (EnvVar env : Cluster.container(workload.getValue()).getEnv()) {
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null
                            && env.getValueFrom().getSecretKeyRef().getKey().endsWith("private-key")) {
                        readersBySecret.computeIfAbsent(env.getValueFrom().getSecretKeyRef().getName(), name -> new TreeSet<>())
                                .add(workload.getKey());
                        ServiceConfig reader = services.stream().filter(service -> service.module().equals(workload.getKey()))
                                .findFirst().orElseThrow(() -> new AssertionError(workload.getKey() + " is no service module"));
                        assertThat(reader.placeholders()).as("%s signs with %s (its config requires it)", reader.module(),
                                env.getName()).containsKey(env.getName());
                        assertThat(reader.placeholders().get(env.getName())).as("default of %s in %s", env.getName(),
                                reader.module()).isNull();
                    }
                }
            }
            assertThat(readersBySecret).as("Secrets with a private key").hasSizeGreaterThanOrEqualTo(2);
            // the local overlay generates the Secrets with a content hash in their names
            assertThat(readersBySecret).as("only user-service issues user tokens").hasEntrySatisfying(
                    readersBySecret.keySet().stream().filter(name -> name.startsWith("sns-jwt-signing-key")).findFirst()
                            .orElseThrow(), readers -> assertThat(readers).containsExactly("user-service"));
        }));
    }

    @Test
    void composeGivesTheServiceIdentityPrivateKeyOnlyToTheSigners() {
        Map<String, Map<String, Object>> compose = Compose.services(Compose.file());
        compose.forEach((name, container) -> {
            Map<String, String> environment = Compose.environment(container);
            boolean signs = services.stream().anyMatch(service -> service.module().equals(name)
                    && service.placeholders().containsKey(SERVICE_TOKEN_PRIVATE_KEY));
            assertThat(environment.containsKey(SERVICE_TOKEN_PRIVATE_KEY)).as("%s has %s", name, SERVICE_TOKEN_PRIVATE_KEY)
                    .isEqualTo(signs);
            boolean internalEndpoints = services.stream().anyMatch(service -> service.module().equals(name)
                    && service.dependencies().contains("web-support"));
            assertThat(environment.containsKey(SERVICE_TOKEN_PUBLIC_KEY)).as("%s has %s", name, SERVICE_TOKEN_PUBLIC_KEY)
                    .isEqualTo(internalEndpoints);
        });
    }

    /** Key material and Secrets live in the local overlay only; base and every other overlay reference Secrets. */
    @Test
    void noCommittedSecretOutsideTheLocalOverlay() {
        Path local = Repo.path("k8s/overlays/local");
        List<Path> files = Repo.files(Manifests.K8S).stream().filter(file -> !file.startsWith(local)).toList();
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String text = Repo.read(file);
            assertThat(text).as(Repo.relative(file)).doesNotContain("-----BEGIN").doesNotContain("secretGenerator");
            assertThat(Repo.yamlDocuments(text)).as(Repo.relative(file))
                    .noneSatisfy(document -> assertThat(Yamls.string(document, "kind")).isEqualTo("Secret"));
        }
        assertThat(Repo.read(Repo.path(".env.example"))).doesNotContain("-----BEGIN");
    }

    /**
     * The config files a non-local profile reads hold no secret: every password and key setting is a placeholder for
     * the environment, and no PEM text is in them. The development values live in the *-local.yml files only.
     */
    @Test
    void theSharedConfigFilesReadSecretsOnlyFromTheEnvironment() {
        for (Path file : configFiles(false)) {
            String text = Repo.read(file);
            assertThat(text).as(Repo.relative(file)).doesNotContain("-----BEGIN");
            for (Object document : Repo.yamlDocuments(text)) {
                assertThat(ServiceConfig.profileOf(document)).as("%s: the local profile has files of its own", Repo.relative(file))
                        .isNotEqualTo("local");
                secretSettings(document, "").forEach((key, value) -> assertThat(value)
                        .as("%s: %s", Repo.relative(file), key).matches(FROM_ENVIRONMENT));
            }
        }
        assertThat(configFiles(true)).extracting(file -> file.getFileName().toString())
                .contains("application-local.yml", "user-service-local.yml", "post-service-local.yml");
    }

    /** The ConfigMap of every Kubernetes deployment packs the shared config files and none of the local ones. */
    @Test
    void theConfigMapPacksNoLocalDevelopmentKeys() {
        Map<String, Object> kustomization = Repo.yamlMap(Repo.path("config-repo/kustomization.yaml"));
        List<String> packed = Yamls.list(kustomization, "configMapGenerator").stream()
                .flatMap(generator -> Yamls.list(generator, "files").stream()).map(String::valueOf).toList();
        assertThat(packed).isNotEmpty().noneSatisfy(file -> assertThat(file).endsWith("-local.yml"));

        for (Cluster cluster : Cluster.all()) {
            for (ConfigMap configMap : cluster.all(ConfigMap.class)) {
                if (configMap.getMetadata().getName().startsWith("sns-config-repo")) {
                    assertThat(configMap.getData().keySet()).as("%s: %s", cluster, configMap.getMetadata().getName())
                            .isNotEmpty().noneSatisfy(key -> assertThat(key).endsWith("-local.yml"));
                    configMap.getData().forEach((key, value) -> assertThat(value).as("%s: %s", cluster, key)
                            .doesNotContain("-----BEGIN"));
                }
            }
        }
    }

    /**
     * docs/deployment.md tells an operator which Secrets to create for production: its commands must create every
     * key the Deployments read (names and keys of {@code kubectl create secret generic} lines).
     */
    @Test
    void theProductionStepsCreateEverySecretKeyTheDeploymentsRead() {
        Map<String, Set<String>> documented = documentedSecretKeys(Repo.read(Repo.path("docs/deployment.md")));
        Map<String, Set<String>> referenced = new TreeMap<>();
        for (var template : Cluster.base().podTemplates().values()) {
            for (EnvVar env : Cluster.container(template).getEnv()) {
                if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    SecretKeySelector secret = env.getValueFrom().getSecretKeyRef();
                    referenced.computeIfAbsent(secret.getName(), name -> new TreeSet<>()).add(secret.getKey());
                }
            }
        }
        assertThat(referenced).isNotEmpty();
        referenced.forEach((secret, keys) -> assertThat(documented.getOrDefault(secret, Set.of()))
                .as("docs/deployment.md creates Secret %s with", secret).containsAll(keys));
    }

    private static final Pattern CREATE_SECRET = Pattern.compile("create secret generic ([a-z0-9-]+)((?:\\\\\\n|[^\\n])*)");
    private static final Pattern FROM = Pattern.compile("--from-(?:literal|file)=([A-Za-z0-9_.-]+)=");

    private static Map<String, Set<String>> documentedSecretKeys(String markdown) {
        Map<String, Set<String>> secrets = new TreeMap<>();
        Matcher command = CREATE_SECRET.matcher(markdown);
        while (command.find()) {
            Matcher key = FROM.matcher(command.group(2));
            while (key.find()) {
                secrets.computeIfAbsent(command.group(1), name -> new TreeSet<>()).add(key.group(1));
            }
        }
        return secrets;
    }

    private static SecretKeySelector secretOf(Container container, String variable) {
        return container.getEnv().stream().filter(env -> env.getName().equals(variable))
                .filter(env -> env.getValueFrom() != null).map(env -> env.getValueFrom().getSecretKeyRef())
                .findFirst().orElse(null);
    }

    /** config-repo/*.yml: the local profile's files, or the others (the kustomization is no config file). */
    private static List<Path> configFiles(boolean local) {
        return Repo.files(Repo.path("config-repo")).stream().filter(Manifests::isYaml)
                .filter(file -> !Manifests.isKustomization(file))
                .filter(file -> file.getFileName().toString().endsWith("-local.yml") == local).toList();
    }

    /** dotted key -> value of every setting whose key names a password, private key or secret. */
    private static Map<String, String> secretSettings(Object node, String prefix) {
        Map<String, String> found = new TreeMap<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                String path = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
                if (value instanceof Map<?, ?>) {
                    found.putAll(secretSettings(value, path));
                } else if (SECRET_SETTING.matcher(String.valueOf(key)).matches()) {
                    found.put(path, String.valueOf(value));
                }
            });
        }
        return found;
    }
}
