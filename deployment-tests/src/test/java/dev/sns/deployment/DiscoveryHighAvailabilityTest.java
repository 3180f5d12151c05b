package dev.sns.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The registry and Config Server on Kubernetes are replicated peers (docs/deployment.md "The registry, replicated"):
 * a StatefulSet of two or more, each replica's peer list naming every replica by its stable DNS name, every client
 * listing all of them, updated one pod at a time, and a disruption budget that keeps one running.
 */
class DiscoveryHighAvailabilityTest {

    private static final String DISCOVERY = "discovery-service";
    private static final String CREDENTIALS = "$(SNS_DISCOVERY_USER):$(SNS_DISCOVERY_PASSWORD)@";

    @TestFactory
    Stream<DynamicTest> twoOrMorePeersWithStableNamesReplicateToEachOther() {
        return Cluster.all().stream().map(cluster -> dynamicTest(cluster.name(), () -> {
            StatefulSet registry = registry(cluster);
            int replicas = registry.getSpec().getReplicas();
            assertThat(replicas).as("registry replicas").isGreaterThanOrEqualTo(2);

            Service peers = cluster.service(registry.getSpec().getServiceName());
            assertThat(peers.getSpec().getClusterIP()).as("the peers' Service is headless").isEqualTo("None");
            assertThat(peers.getSpec().getPublishNotReadyAddresses()).isTrue();
            assertThat(registry.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(peers.getSpec().getSelector());

            Container container = Cluster.container(registry.getSpec().getTemplate());
            assertThat(KubernetesRolloutTest.env(container, "SPRING_PROFILES_ACTIVE")).isEqualTo("kubernetes");
            assertThat(peerUrls(container)).containsExactlyElementsOf(expectedUrls(registry));
            EnvVar podName = variable(container, "POD_NAME");
            assertThat(podName.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
            assertThat(KubernetesRolloutTest.env(container, "SNS_EUREKA_HOSTNAME"))
                    .isEqualTo("$(POD_NAME)." + registry.getSpec().getServiceName());
            assertDefinedBefore(container, "SNS_EUREKA_HOSTNAME", "POD_NAME");
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyClientListsEveryPeer() {
        return Cluster.all().stream().flatMap(cluster -> ServiceConfig.all().stream()
                .filter(ServiceConfig::configClient)
                .map(service -> dynamicTest(cluster.name() + ": " + service.module(), () -> {
                    Container container = cluster.container(service.module());
                    assertThat(peerUrls(container)).as("SNS_EUREKA_URLS of %s", service.module())
                            .containsExactlyElementsOf(expectedUrls(registry(cluster)));
                    // the Config Server and the preStop hook go through the ClusterIP Service: any Ready replica
                    assertThat(KubernetesRolloutTest.env(container, "SNS_DISCOVERY_HOST")).isEqualTo(DISCOVERY);
                    assertThat(cluster.service(DISCOVERY).getSpec().getClusterIP()).isNotEqualTo("None");
                })));
    }

    @TestFactory
    Stream<DynamicTest> rolloutsAndDrainsKeepOneReplicaServing() {
        return Cluster.all().stream().map(cluster -> dynamicTest(cluster.name(), () -> {
            StatefulSet registry = registry(cluster);
            var strategy = registry.getSpec().getUpdateStrategy();
            assertThat(strategy.getType()).isEqualTo("RollingUpdate");
            if (strategy.getRollingUpdate() != null) {
                assertThat(strategy.getRollingUpdate().getPartition()).as("partition").isIn(null, 0);
                assertThat(strategy.getRollingUpdate().getMaxUnavailable()).as("one pod at a time").isNull();
            }
            assertThat(registry.getSpec().getMinReadySeconds()).isPositive();
            Container container = Cluster.container(registry.getSpec().getTemplate());
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");

            PodDisruptionBudget budget = cluster.find(PodDisruptionBudget.class, DISCOVERY).orElseThrow();
            assertThat(registry.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
            assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
            assertThat(budget.getSpec().getMinAvailable().getIntVal()).isLessThan(registry.getSpec().getReplicas());
        }));
    }

    /** The kubernetes profile makes every replica a peer; the default stays a single registry (./sns, compose). */
    @Test
    void theKubernetesProfileReplicatesAndTheDefaultStaysSingle() {
        List<Object> documents = Repo.yamlDocuments(Repo.path("discovery-service/src/main/resources/application.yml"));
        Object defaults = documents.getFirst();
        assertThat(Yamls.at(defaults, "eureka.client.register-with-eureka")).isEqualTo(false);
        assertThat(Yamls.at(defaults, "eureka.client.fetch-registry")).isEqualTo(false);
        assertThat(Yamls.string(defaults, "eureka.client.service-url.defaultZone"))
                .isEqualTo("http://localhost:${server.port}/eureka/");
        assertThat(Yamls.string(defaults, "eureka.instance.hostname")).isEqualTo("localhost");

        Object kubernetes = documents.stream().filter(d -> "kubernetes".equals(ServiceConfig.profileOf(d)))
                .findFirst().orElseThrow(() -> new AssertionError("discovery-service has no kubernetes profile"));
        assertThat(Yamls.at(kubernetes, "eureka.client.register-with-eureka")).isEqualTo(true);
        assertThat(Yamls.at(kubernetes, "eureka.client.fetch-registry")).isEqualTo(true);
        assertThat(Yamls.string(kubernetes, "eureka.client.service-url.defaultZone")).isEqualTo("${SNS_EUREKA_URLS}");
        assertThat(Yamls.string(kubernetes, "eureka.instance.hostname")).isEqualTo("${SNS_EUREKA_HOSTNAME}");
        assertThat(Yamls.at(kubernetes, "eureka.instance.prefer-ip-address")).isEqualTo(false);
        // the clients' defaultZone (config-repo/application.yml) takes the same list
        assertThat(Yamls.string(Repo.yamlDocuments(Repo.path("config-repo/application.yml")).getFirst(),
                "eureka.client.service-url.defaultZone")).startsWith("${SNS_EUREKA_URLS:");
    }

    private static StatefulSet registry(Cluster cluster) {
        return cluster.find(StatefulSet.class, DISCOVERY)
                .orElseThrow(() -> new AssertionError(cluster + ": discovery-service is not a StatefulSet"));
    }

    /** One URL per replica: its stable name under the headless Service, on the registry's port, with credentials. */
    private static List<String> expectedUrls(StatefulSet registry) {
        int port = ServiceConfig.of(DISCOVERY).port();
        return IntStream.range(0, registry.getSpec().getReplicas()).mapToObj(ordinal -> "http://" + CREDENTIALS
                + DISCOVERY + "-" + ordinal + "." + registry.getSpec().getServiceName() + ":" + port + "/eureka/").toList();
    }

    private static List<String> peerUrls(Container container) {
        String urls = KubernetesRolloutTest.env(container, "SNS_EUREKA_URLS");
        assertThat(urls).as("SNS_EUREKA_URLS").isNotNull();
        assertDefinedBefore(container, "SNS_EUREKA_URLS", "SNS_DISCOVERY_USER");
        assertDefinedBefore(container, "SNS_EUREKA_URLS", "SNS_DISCOVERY_PASSWORD");
        return List.of(urls.split(","));
    }

    private static EnvVar variable(Container container, String name) {
        return container.getEnv().stream().filter(env -> env.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no variable " + name));
    }

    /** Kubernetes expands $(NAME) only with variables listed earlier in the same container. */
    private static void assertDefinedBefore(Container container, String user, String dependency) {
        List<String> names = new ArrayList<>(container.getEnv().stream().map(EnvVar::getName).toList());
        assertThat(names.indexOf(dependency)).as("%s is defined before %s", dependency, user)
                .isNotNegative().isLessThan(names.indexOf(user));
    }
}
