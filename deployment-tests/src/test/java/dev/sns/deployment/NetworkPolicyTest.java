package dev.sns.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The NetworkPolicies of k8s/ evaluated the way a CNI enforces them, on the rendered base and every rendered overlay:
 * every connection a source pod could open to a workload's port is computed and compared with the allowed flows of
 * docs/deployment.md, exactly. A workload the matrix does not know fails the test: a new Deployment needs its row
 * (and, because every pod is denied by default, its policy).
 */
class NetworkPolicyTest {

    static final String OUTSIDE = "outside";
    static final String MONITORING = "monitoring";

    private static final String NAME = "app.kubernetes.io/name";
    private static final Map<String, String> NAMESPACE = Map.of("kubernetes.io/metadata.name", "sns");
    private static final Set<String> SUITE = Set.of("discovery-service", "gateway-service", "user-service",
            "post-service", "alarm-service", "timeline-service");

    /** The ports a workload listens on, by workload; a flow is "source -> workload:port". */
    private static final Map<String, Set<Integer>> PORTS = Map.of(
            "discovery-service", Set.of(8761),
            "gateway-service", Set.of(8080, 8090),
            "user-service", Set.of(8081),
            "post-service", Set.of(8082),
            "alarm-service", Set.of(8083, 8084),
            "timeline-service", Set.of(8084),
            "mariadb", Set.of(3306),
            "redis", Set.of(6379),
            "kafka", Set.of(9092));

    /** What may connect where. Everything else must be refused. */
    static Set<String> allowedFlows(Set<String> workloads) {
        Set<String> flows = new TreeSet<>();
        List<String> sources = new ArrayList<>(workloads);
        sources.add(OUTSIDE);
        sources.add(MONITORING);
        for (String source : sources) {
            flows.add(source + " -> gateway-service:8080"); // the public port, from anywhere
        }
        flows.add(MONITORING + " -> gateway-service:8090");
        for (String service : List.of("discovery-service:8761", "user-service:8081", "post-service:8082",
                "alarm-service:8083", "timeline-service:8084")) {
            flows.add(MONITORING + " -> " + service);
        }
        for (String suitePod : SUITE) {
            flows.add(suitePod + " -> discovery-service:8761");
        }
        for (String backend : List.of("user-service:8081", "post-service:8082", "alarm-service:8083",
                "timeline-service:8084")) {
            flows.add("gateway-service -> " + backend);
        }
        flows.add("gateway-service -> alarm-service:8084"); // the SSE streams' own server
        flows.add("post-service -> user-service:8081");
        // fan-out and rebuilds: followers from user-service, post bodies from post-service (/internal/**)
        flows.add("timeline-service -> user-service:8081");
        flows.add("timeline-service -> post-service:8082");
        if (workloads.contains("mariadb")) {
            List.of("user-service", "post-service", "alarm-service").forEach(s -> flows.add(s + " -> mariadb:3306"));
        }
        if (workloads.contains("redis")) {
            List.of("gateway-service", "user-service", "post-service", "alarm-service", "timeline-service")
                    .forEach(s -> flows.add(s + " -> redis:6379"));
        }
        if (workloads.contains("kafka")) {
            // producers: post events (post-service), follow events (user-service); consumers: alarm-, timeline-service
            List.of("user-service", "post-service", "alarm-service", "timeline-service")
                    .forEach(s -> flows.add(s + " -> kafka:9092"));
        }
        return flows;
    }

    /** A pod that may open a connection: its labels and its namespace's labels. */
    record Source(String name, Map<String, String> podLabels, Map<String, String> namespaceLabels, boolean inNamespace) {
    }

    /** A pod template that receives connections. */
    record Workload(String name, Map<String, String> labels, Set<Integer> ports) {
    }

    @TestFactory
    Stream<DynamicTest> exactlyTheDocumentedFlowsAreAllowed() {
        return Cluster.all().stream().map(cluster -> dynamicTest(cluster.name(), () -> {
            List<Workload> workloads = workloads(cluster);
            Set<String> names = new TreeSet<>(workloads.stream().map(Workload::name).toList());
            assertThat(PORTS.keySet()).as("%s: workloads the flow matrix knows (add a new one there, with its policy)",
                    cluster).containsAll(names);
            for (Workload workload : workloads) {
                assertThat(workload.ports()).as("ports of %s", workload.name())
                        .containsExactlyInAnyOrderElementsOf(PORTS.get(workload.name()));
            }
            assertThat(actualFlows(cluster, workloads)).containsExactlyElementsOf(allowedFlows(names));
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyPodIsDeniedByDefault() {
        return Cluster.all().stream().map(cluster -> dynamicTest(cluster.name(), () ->
                assertThat(cluster.all(NetworkPolicy.class)).anySatisfy(policy -> {
                    assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
                    assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
                    assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
                    assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
                })));
    }

    /** The evaluator itself: a workload without any policy is open to everyone, which the matrix would reject. */
    @Test
    void aWorkloadNoPolicySelectsIsReachableFromEverywhere() {
        Workload newcomer = new Workload("newcomer", Map.of(NAME, "newcomer"), Set.of(9000));
        Cluster base = Cluster.base();
        List<NetworkPolicy> withoutDefaultDeny = base.all(NetworkPolicy.class).stream()
                .filter(policy -> !policy.getMetadata().getName().equals("default-deny-ingress")).toList();
        assertThat(allowed(withoutDefaultDeny, outside(), newcomer, 9000)).isTrue();
        assertThat(allowed(base.all(NetworkPolicy.class), outside(), newcomer, 9000)).isFalse();
        assertThat(allowed(base.all(NetworkPolicy.class), pod("newcomer"), workload(base, "user-service"), 8081))
                .isFalse();
        assertThat(allowed(base.all(NetworkPolicy.class), pod("post-service"), workload(base, "user-service"), 8081))
                .isTrue();
    }

    private static Set<String> actualFlows(Cluster cluster, List<Workload> workloads) {
        List<Source> sources = new ArrayList<>();
        workloads.forEach(workload -> sources.add(new Source(workload.name(), workload.labels(), NAMESPACE, true)));
        sources.add(outside());
        sources.add(new Source(MONITORING, Map.of(NAME, "prometheus"),
                Map.of("kubernetes.io/metadata.name", "monitoring", "sns.dev/monitoring", "true"), false));
        List<NetworkPolicy> policies = cluster.all(NetworkPolicy.class);
        Set<String> flows = new TreeSet<>();
        for (Source source : sources) {
            for (Workload target : workloads) {
                for (int port : target.ports()) {
                    if (allowed(policies, source, target, port)) {
                        flows.add(source.name() + " -> " + target.name() + ":" + port);
                    }
                }
            }
        }
        return flows;
    }

    private static Source outside() {
        return new Source(OUTSIDE, Map.of(), Map.of("kubernetes.io/metadata.name", "elsewhere"), false);
    }

    private static Source pod(String name) {
        return new Source(name, Map.of(NAME, name), NAMESPACE, true);
    }

    private static Workload workload(Cluster cluster, String name) {
        return workloads(cluster).stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }

    /** Kubernetes' semantics: open unless an Ingress policy selects the pod; then open only if one of them allows. */
    static boolean allowed(List<NetworkPolicy> policies, Source source, Workload target, int port) {
        List<NetworkPolicy> selecting = policies.stream()
                .filter(policy -> policy.getSpec().getPolicyTypes() == null
                        || policy.getSpec().getPolicyTypes().contains("Ingress"))
                .filter(policy -> matches(policy.getSpec().getPodSelector(), target.labels())).toList();
        if (selecting.isEmpty()) {
            return true;
        }
        for (NetworkPolicy policy : selecting) {
            for (NetworkPolicyIngressRule rule : nullToEmpty(policy.getSpec().getIngress())) {
                if (portMatches(rule.getPorts(), target, port) && peerMatches(rule.getFrom(), source)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean portMatches(List<NetworkPolicyPort> ports, Workload target, int port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort rulePort : ports) {
            if (rulePort.getProtocol() != null && !rulePort.getProtocol().equals("TCP")) {
                continue;
            }
            if (rulePort.getPort() == null) {
                return true;
            }
            if (rulePort.getPort().getStrVal() != null) {
                throw new AssertionError("named port " + rulePort.getPort().getStrVal()
                        + " in a policy for " + target.name() + ": use the number, as the matrix does");
            }
            int from = rulePort.getPort().getIntVal();
            int to = rulePort.getEndPort() == null ? from : rulePort.getEndPort();
            if (port >= from && port <= to) {
                return true;
            }
        }
        return false;
    }

    private static boolean peerMatches(List<NetworkPolicyPeer> peers, Source source) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer peer : peers) {
            if (peer.getIpBlock() != null) {
                if (!source.inNamespace()) {
                    return true; // an address block: take it to cover clients outside the namespace
                }
                continue;
            }
            boolean namespaceOk = peer.getNamespaceSelector() == null ? source.inNamespace()
                    : matches(peer.getNamespaceSelector(), source.namespaceLabels());
            boolean podOk = peer.getPodSelector() == null || matches(peer.getPodSelector(), source.podLabels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    /** A label selector against a set of labels; the empty selector matches everything. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> entry : selector.getMatchLabels().entrySet()) {
                if (!entry.getValue().equals(labels.get(entry.getKey()))) {
                    return false;
                }
            }
        }
        for (var expression : nullToEmpty(selector.getMatchExpressions())) {
            String value = labels.get(expression.getKey());
            boolean ok = switch (expression.getOperator()) {
                case "In" -> value != null && expression.getValues().contains(value);
                case "NotIn" -> value == null || !expression.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown operator " + expression.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Deployments and StatefulSets with the ports their pods listen on (container ports, probes, metrics). */
    static List<Workload> workloads(Cluster cluster) {
        List<Workload> workloads = new ArrayList<>();
        cluster.podTemplates().forEach((name, template) -> {
            Set<Integer> ports = new TreeSet<>();
            for (Container container : template.getSpec().getContainers()) {
                container.getPorts().stream().map(ContainerPort::getContainerPort).forEach(ports::add);
                for (Probe probe : new Probe[] {container.getStartupProbe(), container.getReadinessProbe(),
                        container.getLivenessProbe()}) {
                    if (probe != null && probe.getHttpGet() != null && probe.getHttpGet().getPort().getIntVal() != null) {
                        ports.add(probe.getHttpGet().getPort().getIntVal());
                    }
                }
            }
            Map<String, String> annotations = template.getMetadata().getAnnotations();
            if (annotations != null && annotations.containsKey("prometheus.io/port")) {
                ports.add(Integer.parseInt(annotations.get("prometheus.io/port")));
            }
            workloads.add(new Workload(name, template.getMetadata().getLabels(), ports));
        });
        return workloads;
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
