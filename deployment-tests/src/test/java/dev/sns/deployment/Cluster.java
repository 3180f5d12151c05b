package dev.sns.deployment;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One set of Kubernetes objects as typed fabric8 models: what `kubectl kustomize` renders of base or an overlay. */
record Cluster(String name, List<HasMetadata> objects) {

    static Cluster base() {
        return all().getFirst();
    }

    private static List<Cluster> all;

    /** The kustomize output of base, then of every overlay. */
    static synchronized List<Cluster> all() {
        if (all == null) {
            all = List.copyOf(load());
        }
        return all;
    }

    private static List<Cluster> load() {
        List<Cluster> clusters = new ArrayList<>(List.of(of("kustomize k8s/base", Manifests.renderedBase())));
        Manifests.deployableFolders().stream().filter(folder -> !folder.equals(Manifests.K8S.resolve("base")))
                .forEach(folder -> clusters.add(of("kustomize " + Repo.relative(folder), Manifests.render(folder))));
        return clusters;
    }

    static Cluster of(String name, List<Manifests.Document> documents) {
        StrictKubernetesBinder binder = new StrictKubernetesBinder();
        return new Cluster(name, documents.stream().map(document -> binder.bind(document.content())).toList());
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String objectName) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(objectName)).findFirst();
    }

    Deployment deployment(String objectName) {
        return find(Deployment.class, objectName)
                .orElseThrow(() -> new AssertionError(name + ": no Deployment " + objectName));
    }

    Service service(String objectName) {
        return find(Service.class, objectName).orElseThrow(() -> new AssertionError(name + ": no Service " + objectName));
    }

    /** The pod templates of every Deployment and StatefulSet, by workload name. */
    Map<String, PodTemplateSpec> podTemplates() {
        Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
        all(Deployment.class).forEach(d -> templates.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        all(StatefulSet.class).forEach(s -> templates.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
        return templates;
    }

    /** The pod template of a service, whether a Deployment or (discovery-service) a StatefulSet runs it. */
    PodTemplateSpec podTemplate(String workload) {
        PodTemplateSpec template = podTemplates().get(workload);
        if (template == null) {
            throw new AssertionError(name + ": no Deployment or StatefulSet " + workload);
        }
        return template;
    }

    /** The one container of a service's pods. */
    Container container(String workload) {
        return container(podTemplate(workload));
    }

    static Container container(Deployment deployment) {
        return container(deployment.getSpec().getTemplate());
    }

    static Container container(PodTemplateSpec template) {
        List<Container> containers = template.getSpec().getContainers();
        if (containers.size() != 1) {
            throw new AssertionError(template.getMetadata().getLabels() + ": expected one container");
        }
        return containers.getFirst();
    }

    @Override
    public String toString() {
        return name;
    }
}
