package dev.sns.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * docker-compose.yml and k8s/ against the services themselves: every service module of the root POM is deployed,
 * on its port, with its health paths, and with every SNS_* variable its configuration needs (and none it ignores).
 */
class DeploymentConsistencyTest {

    private static final String DISCOVERY = "discovery-service";

    private final List<ServiceConfig> services = ServiceConfig.all();
    private final Map<String, Map<String, Object>> compose = Compose.services(Compose.file());

    @Test
    void theServiceModulesAreTheOnesOfTheRootPom() {
        assertThat(services).extracting(ServiceConfig::module)
                .contains(DISCOVERY, "gateway-service", "user-service", "post-service", "alarm-service", "timeline-service")
                .doesNotContain("local-infra", "web-support", "deployment-tests");
    }

    @Test
    void everyServiceExposesTheHealthGroupsAndMetricsTheDeploymentsUse() {
        for (ServiceConfig service : services) {
            assertThat(String.valueOf(ServiceConfig.setting(service, "management.endpoint.health.probes.enabled")))
                    .as("%s enables the liveness/readiness groups", service.module()).isEqualTo("true");
            assertThat(String.valueOf(ServiceConfig.setting(service, "management.endpoints.web.exposure.include")))
                    .as("%s exposes health and prometheus", service.module()).contains("health").contains("prometheus");
        }
    }

    @TestFactory
    Stream<DynamicTest> composeRunsEveryServiceOnItsPortWithTheVariablesItNeeds() {
        return services.stream().map(service -> dynamicTest(service.module(), () -> {
            Map<String, Object> container = compose.get(service.module());
            assertThat(container).as("compose service %s", service.module()).isNotNull();
            String port = String.valueOf(service.port());
            assertThat(Yamls.string(container, "build.args.SERVICE")).isEqualTo(service.module());
            assertThat(Yamls.string(container, "build.args.PORT")).isEqualTo(port);
            assertThat(Yamls.string(container, "build.dockerfile")).isEqualTo("docker/Dockerfile");
            Map<String, String> environment = Compose.environment(container);
            assertThat(environment).containsEntry(service.portVariable(), port)
                    .containsEntry("SPRING_PROFILES_ACTIVE", "docker");
            assertThat(Compose.healthcheck(container))
                    .contains("http://127.0.0.1:" + port + "/readyz");
            assertThat(environment.keySet()).as("variables of %s", service.module())
                    .containsAll(service.requiredVariables("docker"));
            assertThat(snsVariables(environment.keySet())).as("SNS_* variables of %s that its config reads",
                    service.module()).isSubsetOf(service.placeholders().keySet());
            assertAddressesPointAtTheSuite(service, environment, compose.keySet());
        }));
    }

    @TestFactory
    Stream<DynamicTest> kubernetesRunsEveryServiceOnItsPortWithTheVariablesItNeeds() {
        Cluster base = Cluster.base();
        return services.stream().map(service -> dynamicTest(service.module(), () -> {
            PodTemplateSpec template = base.podTemplate(service.module());
            Container container = Cluster.container(template);
            assertThat(container.getPorts().getFirst().getContainerPort()).isEqualTo(service.port());
            assertThat(container.getPorts().getFirst().getName()).isEqualTo("http");
            Map<String, String> environment = new LinkedHashMap<>();
            container.getEnv().forEach(env -> environment.put(env.getName(), env.getValue()));
            // a further port is a second server of the service, on a port its config takes from a variable set here
            // (alarm-service's stream server: SNS_ALARM_STREAM_PORT)
            container.getPorts().stream().skip(1).forEach(port -> assertThat(environment)
                    .as("the variable that puts %s on port %d", service.module(), port.getContainerPort())
                    .containsValue(String.valueOf(port.getContainerPort())));
            assertThat(environment).containsEntry(service.portVariable(), String.valueOf(service.port()))
                    .containsEntry("SPRING_PROFILES_ACTIVE", "kubernetes");
            assertThat(environment.keySet()).as("variables of %s", service.module())
                    .containsAll(service.requiredVariables("kubernetes"));
            assertThat(snsVariables(environment.keySet())).as("SNS_* variables of %s that its config reads",
                    service.module()).isSubsetOf(service.placeholders().keySet());
            assertThat(container.getEnvFrom()).as("env of %s is listed name by name", service.module()).isEmpty();
            Set<String> names = base.all(Service.class).stream().map(s -> s.getMetadata().getName())
                    .collect(Collectors.toSet());
            assertAddressesPointAtTheSuite(service, environment, names);

            Service kubernetesService = base.service(service.module());
            assertThat(kubernetesService.getSpec().getSelector())
                    .isEqualTo(template.getMetadata().getLabels());
            assertThat(kubernetesService.getSpec().getPorts()).singleElement().satisfies(servicePort ->
                    assertThat(servicePort.getTargetPort().getStrVal()).isEqualTo("http"));
        }));
    }

    /**
     * The topics the services create take their durability from the environment: one broker locally, and in the
     * production overlay three replicas with two in sync (acks=all then survives a broker), with a partition for
     * every alarm-service and timeline-service consumer that may run (one per instance).
     */
    @Test
    void kafkaTopicsAreReplicatedInProductionAndPartitionedForEveryConsumer() {
        ServiceConfig alarms = ServiceConfig.of("alarm-service");
        for (String producer : List.of("post-service", "user-service")) { // post events, follow events
            ServiceConfig outbox = ServiceConfig.of(producer);
            assertThat(String.valueOf(ServiceConfig.setting(outbox, "sns.outbox.topic-replicas"))).as(producer)
                    .isEqualTo("${SNS_KAFKA_REPLICATION_FACTOR:1}");
            assertThat(String.valueOf(ServiceConfig.setting(outbox, "sns.outbox.topic-min-insync-replicas"))).as(producer)
                    .isEqualTo("${SNS_KAFKA_MIN_INSYNC_REPLICAS:1}");
            assertThat(String.valueOf(ServiceConfig.setting(outbox, "sns.outbox.topic-partitions"))).as(producer)
                    .isEqualTo("${SNS_KAFKA_PARTITIONS:3}");
            assertThat(Cluster.base().container(producer).getEnv()).as("%s gets the topics' durability", producer)
                    .extracting(EnvVar::getName).contains("SNS_KAFKA_REPLICATION_FACTOR",
                            "SNS_KAFKA_MIN_INSYNC_REPLICAS", "SNS_KAFKA_PARTITIONS");
        }
        assertThat(String.valueOf(ServiceConfig.setting(alarms, "sns.alarm.events.dead-letter-replicas")))
                .isEqualTo("${SNS_KAFKA_REPLICATION_FACTOR:1}");
        assertThat(String.valueOf(ServiceConfig.setting(alarms, "sns.alarm.events.dead-letter-min-insync-replicas")))
                .isEqualTo("${SNS_KAFKA_MIN_INSYNC_REPLICAS:1}");

        Map<String, Object> production = Repo.yamlMap(Repo.path("k8s/overlays/production/infrastructure.yaml"));
        assertThat(Yamls.string(production, "data.SNS_KAFKA_REPLICATION_FACTOR")).isEqualTo("3");
        assertThat(Yamls.string(production, "data.SNS_KAFKA_MIN_INSYNC_REPLICAS")).isEqualTo("2");
        for (String consumer : List.of("alarm-service", "timeline-service")) {
            int consumers = Cluster.base().find(io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class,
                            consumer).map(hpa -> hpa.getSpec().getMaxReplicas())
                    .orElse(Cluster.base().deployment(consumer).getSpec().getReplicas());
            assertThat(Integer.parseInt(Yamls.string(production, "data.SNS_KAFKA_PARTITIONS")))
                    .as("partitions for %d %s consumers", consumers, consumer).isGreaterThanOrEqualTo(consumers);
        }
        for (String overlay : List.of("k8s/base/infrastructure.yaml")) {
            Map<String, Object> local = Repo.yamlMap(Repo.path(overlay));
            assertThat(Yamls.string(local, "data.SNS_KAFKA_REPLICATION_FACTOR")).as(overlay).isEqualTo("1");
        }
    }

    @Test
    void everySecretAndConfigMapKeyAServiceReadsIsProvided() {
        Cluster base = Cluster.base();
        Map<String, Set<String>> localSecrets = generatedSecretKeys("k8s/overlays/local");
        ConfigMap infrastructure = base.find(ConfigMap.class, "sns-infrastructure").orElseThrow();
        Map<String, Object> productionInfrastructure = Repo.yamlMap(Repo.path("k8s/overlays/production/infrastructure.yaml"));
        assertThat(Yamls.map(productionInfrastructure, "data").keySet())
                .as("the production overlay sets every address").isEqualTo(infrastructure.getData().keySet());

        // the services (rendered base) and the local overlay's MariaDB/Kafka/Redis as written (names without the
        // hash suffix that the local overlay's generated Secrets get)
        StrictKubernetesBinder binder = new StrictKubernetesBinder();
        Stream<PodTemplateSpec> templates = Stream.concat(base.podTemplates().values().stream(),
                Manifests.rawDocuments().stream()
                        .filter(d -> d.source().startsWith("k8s/overlays/local/infra/"))
                        .filter(d -> d.kind().equals("Deployment") || d.kind().equals("StatefulSet"))
                        .map(d -> binder.bind(d.content()))
                        .map(o -> o instanceof Deployment deployment ? deployment.getSpec().getTemplate()
                                : ((StatefulSet) o).getSpec().getTemplate()));
        List<EnvVar> references = templates.flatMap(template -> template.getSpec().getContainers().stream())
                .flatMap(container -> container.getEnv().stream())
                .filter(env -> env.getValueFrom() != null).toList();
        assertThat(references).isNotEmpty();
        for (EnvVar env : references) {
            var secret = env.getValueFrom().getSecretKeyRef();
            var configMap = env.getValueFrom().getConfigMapKeyRef();
            if (secret != null) {
                assertThat(localSecrets).as("the local overlay generates Secret %s", secret.getName())
                        .containsKey(secret.getName());
                assertThat(localSecrets.get(secret.getName())).as("keys of Secret %s", secret.getName())
                        .contains(secret.getKey());
            }
            if (configMap != null) {
                assertThat(configMap.getName()).isEqualTo("sns-infrastructure");
                assertThat(infrastructure.getData()).containsKey(configMap.getKey());
            }
        }
    }

    @Test
    void discoveryServesTheConfigRepoThatTheServicesImport() {
        ServiceConfig discovery = ServiceConfig.of(DISCOVERY);
        Map<String, Object> own = ServiceConfig.ownDefaults(DISCOVERY);
        String prefix = Yamls.string(own, "spring.cloud.config.server.prefix");
        String configUri = "http://" + DISCOVERY + ":" + discovery.port() + prefix;

        for (ServiceConfig service : services) {
            if (service.configClient()) {
                assertThat(Compose.environment(compose.get(service.module()))).containsEntry("SNS_CONFIG_URI", configUri);
                Container container = Cluster.base().container(service.module());
                assertThat(KubernetesRolloutTest.env(container, "SNS_CONFIG_URI")).isEqualTo(configUri);
            }
        }
        assertThat(Compose.environment(compose.get(DISCOVERY))).containsEntry("SNS_CONFIG_REPO", "file:/config-repo/");
        assertThat(Yamls.list(compose.get(DISCOVERY), "volumes")).map(String::valueOf)
                .contains("./config-repo:/config-repo:ro");
        PodTemplateSpec template = Cluster.base().podTemplate(DISCOVERY);
        Container container = Cluster.container(template);
        assertThat(KubernetesRolloutTest.env(container, "SNS_CONFIG_REPO")).isEqualTo("file:/config-repo/");
        assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getMountPath()).isEqualTo("/config-repo");
            String configMap = template.getSpec().getVolumes().stream()
                    .filter(volume -> volume.getName().equals(mount.getName())).findFirst().orElseThrow()
                    .getConfigMap().getName();
            // the ConfigMap generated from config-repo/ (kustomize appends a hash of its content to the name)
            assertThat(configMap).matches("sns-config-repo-[a-z0-9]{10}");
            assertThat(Cluster.base().find(ConfigMap.class, configMap)).as("rendered ConfigMap %s", configMap)
                    .isPresent();
        });
    }

    @Test
    void theImageRecipeMatchesTheDeployments() {
        String dockerfile = Repo.read(Repo.path("docker/Dockerfile"));
        assertThat(dockerfile).contains("java -Djarmode=tools -jar app.jar extract --layers --launcher")
                .contains("-XX:MaxRAMPercentage=75")
                .contains("org.springframework.boot.loader.launch.JarLauncher")
                .contains("/readyz")
                .contains("EXPOSE ${PORT}")
                .containsPattern("(?m)^USER 10001")
                .containsPattern("(?m)^FROM eclipse-temurin:25-jre");
        // the runtime user is the one the Deployments require
        services.forEach(service -> assertThat(Cluster.base().podTemplate(service.module()).getSpec()
                .getSecurityContext().getRunAsUser()).isEqualTo(10001L));
        assertThat(Repo.read(Repo.path(".dockerignore"))).contains("**/target").contains("!*/target/*-exec.jar");
    }

    /** Hosts the suite itself provides must name a compose service / Kubernetes Service that exists. */
    private static void assertAddressesPointAtTheSuite(ServiceConfig service, Map<String, String> environment,
                                                       Set<String> names) {
        String discoveryHost = environment.get("SNS_DISCOVERY_HOST");
        if (service.requiredVariables().contains("SNS_DISCOVERY_HOST")) {
            assertThat(discoveryHost).isEqualTo(DISCOVERY);
            assertThat(names).contains(discoveryHost);
        }
    }

    private static Set<String> snsVariables(Set<String> names) {
        return names.stream().filter(name -> name.startsWith("SNS_")).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Secret name -> keys, from a kustomization's secretGenerator (envs files and files entries). */
    private static Map<String, Set<String>> generatedSecretKeys(String folder) {
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        Map<String, Object> kustomization = Repo.yamlMap(Repo.path(folder + "/kustomization.yaml"));
        for (Object generator : Yamls.list(kustomization, "secretGenerator")) {
            Set<String> keys = new TreeSet<>();
            for (Object envFile : Yamls.list(generator, "envs")) {
                Properties properties = new Properties();
                try (var reader = Files.newBufferedReader(Repo.path(folder + "/" + envFile))) {
                    properties.load(reader);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                keys.addAll(properties.stringPropertyNames());
            }
            for (Object file : Yamls.list(generator, "files")) {
                String entry = String.valueOf(file);
                keys.add(entry.contains("=") ? entry.substring(0, entry.indexOf('='))
                        : entry.substring(entry.lastIndexOf('/') + 1));
            }
            secrets.put(Yamls.string(generator, "name"), keys);
        }
        return secrets;
    }
}
