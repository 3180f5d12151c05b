package dev.sns.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The rollout and operations rules of docs/deployment.md, on the rendered base and every rendered overlay:
 * zero-downtime rolling updates, probes on Boot's health groups, preStop and grace period, PDBs, HPAs, exposure.
 */
class KubernetesRolloutTest {

    private static final Set<String> AUTOSCALED = Set.of("post-service", "timeline-service", "gateway-service");
    private static final String DISCOVERY = "discovery-service";
    private static final Pattern SLEEP = Pattern.compile("sleep\\s+(\\d+)");

    private final List<ServiceConfig> services = ServiceConfig.all();

    @TestFactory
    Stream<DynamicTest> rollingUpdatesNeverDropServingPods() {
        return forEachServiceIn(Cluster.all(), (cluster, service) -> {
            if (service.module().equals(DISCOVERY)) {
                return; // a StatefulSet of peers, rolled one pod at a time: DiscoveryHighAvailabilityTest
            }
            Deployment deployment = cluster.deployment(service.module());
            var strategy = deployment.getSpec().getStrategy();
            assertThat(strategy.getType()).isEqualTo("RollingUpdate");
            assertThat(strategy.getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
            assertThat(strategy.getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(1);
            assertThat(deployment.getSpec().getMinReadySeconds()).isPositive();
        });
    }

    @TestFactory
    Stream<DynamicTest> preStopDrainsTheInstanceAndTheGracePeriodCoversTheShutdown() {
        long shutdownPhase = shutdownPhaseSeconds();
        return forEachServiceIn(Cluster.all(), (cluster, service) -> {
            PodTemplateSpec template = cluster.podTemplate(service.module());
            Container container = Cluster.container(template);
            assertThat(container.getLifecycle()).as("lifecycle of %s", service.module()).isNotNull();
            List<String> command = container.getLifecycle().getPreStop().getExec().getCommand();
            String script = String.join(" ", command);
            Matcher sleep = SLEEP.matcher(script);
            assertThat(sleep.find()).as("preStop of %s sleeps: %s", service.module(), script).isTrue();
            long preStop = Long.parseLong(sleep.group(1));
            long grace = template.getSpec().getTerminationGracePeriodSeconds();
            assertThat(grace).as("terminationGracePeriodSeconds of %s > preStop %d s + shutdown phase %d s",
                    service.module(), preStop, shutdownPhase).isGreaterThan(preStop + shutdownPhase);
            if (service.configClient()) {
                // the instance leaves the registry before SIGTERM, by its pod-name instance id
                assertThat(preStop).as("preStop sleep of %s covers registry cache 3 s + fetch 5 s + LB cache 5 s",
                        service.module()).isGreaterThanOrEqualTo(15);
                assertThat(script).contains("/eureka/apps/" + service.module() + "/" + service.module()
                        + ":$HOSTNAME/status?value=OUT_OF_SERVICE");
                // the registry answers only the suite's credentials (the pod's own, SecretsTest)
                assertThat(script).contains("-u \"$SNS_DISCOVERY_USER:$SNS_DISCOVERY_PASSWORD\"");
                assertThat(env(container, "SPRING_PROFILES_ACTIVE")).isEqualTo("kubernetes");
            }
        });
    }

    @Test
    void theKubernetesProfileMakesTheEurekaInstanceIdThePodName() {
        Object kubernetesDocument = Repo.yamlDocuments(Repo.path("config-repo/application.yml")).stream()
                .filter(document -> "kubernetes".equals(ServiceConfig.profileOf(document))).findFirst()
                .orElseThrow(() -> new AssertionError("config-repo/application.yml has no kubernetes profile"));
        assertThat(Yamls.string(kubernetesDocument, "eureka.instance.instance-id"))
                .isEqualTo("${spring.application.name}:${HOSTNAME}");
    }

    @TestFactory
    Stream<DynamicTest> probesUseBootHealthGroupsAndResourcesAreBounded() {
        return forEachServiceIn(Cluster.all(), (cluster, service) -> {
            Container container = cluster.container(service.module());
            assertHttpProbe(container.getStartupProbe(), "/actuator/health/liveness", "startupProbe", service);
            assertHttpProbe(container.getReadinessProbe(), "/actuator/health/readiness", "readinessProbe", service);
            assertHttpProbe(container.getLivenessProbe(), "/actuator/health/liveness", "livenessProbe", service);
            var resources = container.getResources();
            assertThat(resources.getRequests()).as("requests of %s", service.module()).containsKeys("cpu", "memory");
            assertThat(resources.getLimits()).as("limits of %s", service.module()).containsKey("memory");
            assertThat(resources.getLimits().get("memory")).isEqualTo(resources.getRequests().get("memory"));
            assertThat(cluster.podTemplate(service.module()).getSpec().getSecurityContext()
                    .getRunAsNonRoot()).isTrue();
        });
    }

    @TestFactory
    Stream<DynamicTest> everyServiceHasADisruptionBudgetAndTheBusyOnesAnAutoscaler() {
        return forEachServiceIn(Cluster.all(), (cluster, service) -> {
            Map<String, String> podLabels = cluster.podTemplate(service.module()).getMetadata().getLabels();
            assertThat(cluster.all(PodDisruptionBudget.class)).as("PDB selecting %s", service.module())
                    .anySatisfy(pdb -> assertThat(podLabels).containsAllEntriesOf(
                            pdb.getSpec().getSelector().getMatchLabels()));
            if (AUTOSCALED.contains(service.module())) {
                HorizontalPodAutoscaler hpa = cluster.find(HorizontalPodAutoscaler.class, service.module())
                        .orElseThrow(() -> new AssertionError(cluster + ": no HPA for " + service.module()));
                assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
                assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
                assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(service.module());
                assertThat(hpa.getSpec().getMinReplicas()).isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
                assertThat(cluster.deployment(service.module()).getSpec().getReplicas()).as("replicas of %s (owned by its HPA)", service.module())
                        .isNull();
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> onlyTheGatewayIsReachableFromOutside() {
        return Cluster.all().stream().map(cluster -> dynamicTest(cluster.name(), () -> {
            for (Service service : cluster.all(Service.class)) {
                String type = service.getSpec().getType() == null ? "ClusterIP" : service.getSpec().getType();
                if (!service.getMetadata().getName().equals("gateway-service")) {
                    assertThat(type).as("type of Service %s", service.getMetadata().getName()).isEqualTo("ClusterIP");
                }
            }
            assertThat(cluster.service("gateway-service").getSpec().getType()).isIn("LoadBalancer", "NodePort", "ClusterIP");
            for (Ingress ingress : cluster.all(Ingress.class)) {
                ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path ->
                        assertThat(path.getBackend().getService().getName()).isEqualTo("gateway-service")));
            }
            boolean exposed = "LoadBalancer".equals(cluster.service("gateway-service").getSpec().getType())
                    || !cluster.all(Ingress.class).isEmpty();
            assertThat(exposed).as("%s exposes the gateway (LoadBalancer or Ingress)", cluster).isTrue();
        }));
    }

    @Test
    void noSecretValueLivesInBaseOrInTheProductionOverlay() {
        assertThat(Manifests.renderedBase()).noneSatisfy(document -> assertThat(document.kind()).isEqualTo("Secret"));
        assertThat(Repo.yamlMap(Repo.path("k8s/base/kustomization.yaml"))).doesNotContainKey("secretGenerator");
        assertThat(Repo.yamlMap(Repo.path("k8s/overlays/production/kustomization.yaml")))
                .doesNotContainKey("secretGenerator");
        assertThat(Manifests.rawDocuments()).noneSatisfy(document -> assertThat(document.kind()).isEqualTo("Secret"));
    }

    private Stream<DynamicTest> forEachServiceIn(List<Cluster> clusters, ServiceCheck check) {
        assertThat(services).isNotEmpty();
        return clusters.stream().flatMap(cluster -> services.stream().map(service ->
                dynamicTest(cluster.name() + ": " + service.module(), () -> check.verify(cluster, service))));
    }

    private static void assertHttpProbe(Probe probe, String path, String what, ServiceConfig service) {
        assertThat(probe).as("%s of %s", what, service.module()).isNotNull();
        assertThat(probe.getHttpGet()).as("%s of %s is an HTTP GET", what, service.module()).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as("%s of %s", what, service.module()).isEqualTo(path);
    }

    static String env(Container container, String name) {
        return container.getEnv().stream().filter(env -> env.getName().equals(name)).map(EnvVar::getValue)
                .findFirst().orElse(null);
    }

    /** spring.lifecycle.timeout-per-shutdown-phase of config-repo/application.yml, in seconds. */
    static long shutdownPhaseSeconds() {
        Object document = Repo.yamlDocuments(Repo.path("config-repo/application.yml")).getFirst();
        String value = Yamls.string(document, "spring.lifecycle.timeout-per-shutdown-phase");
        assertThat(value).as("spring.lifecycle.timeout-per-shutdown-phase").matches("\\d+s");
        return Long.parseLong(value.substring(0, value.length() - 1));
    }

    @FunctionalInterface
    interface ServiceCheck {
        void verify(Cluster cluster, ServiceConfig service) throws Exception;
    }
}
