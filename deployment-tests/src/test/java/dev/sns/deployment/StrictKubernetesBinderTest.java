package dev.sns.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker itself: each kind of mistake in a manifest is caught (so a green manifest test means something). */
class StrictKubernetesBinderTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
              labels:
                app: demo
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: demo
              template:
                metadata:
                  labels:
                    app: demo
                spec:
                  containers:
                    - name: demo
                      image: demo:1
                      ports:
                        - containerPort: 8080
                      env:
                        - name: A
                          value: "8080"
                      readinessProbe:
                        httpGet:
                          path: /ready
                          port: 8080
                      resources:
                        limits:
                          cpu: 2
                          memory: 512Mi
            """;

    private final StrictKubernetesBinder binder = new StrictKubernetesBinder();

    @Test
    void aCorrectDeploymentBindsToItsModel() {
        HasMetadata bound = binder.bind(document(DEPLOYMENT));

        assertThat(bound).isInstanceOf(Deployment.class);
        assertThat(((Deployment) bound).getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void anUnknownFieldAnywhereIsRejected() {
        assertThatThrownBy(() -> binder.bind(document(DEPLOYMENT.replace("  replicas: 2", "  replica: 2"))))
                .hasMessageContaining("spec.replica");
        assertThatThrownBy(() -> binder.bind(document(DEPLOYMENT.replace("path: /ready", "pth: /ready"))))
                .hasMessageContaining("readinessProbe.httpGet.pth");
        assertThatThrownBy(() -> binder.bind(document(DEPLOYMENT.replace("      image: demo:1",
                "      image: demo:1\n                      imagePulPolicy: Always"))))
                .hasMessageContaining("imagePulPolicy");
    }

    @Test
    void aScalarOfTheWrongTypeIsRejected() {
        assertThatThrownBy(() -> binder.bind(document(DEPLOYMENT.replace("replicas: 2", "replicas: \"2\""))))
                .hasMessageContaining("Cannot coerce");
        assertThatThrownBy(() -> binder.bind(document(DEPLOYMENT.replace("value: \"8080\"", "value: 8080"))))
                .hasMessageContaining("Cannot coerce");
        assertThatThrownBy(() -> binder.bind(document(DEPLOYMENT.replace("app: demo\nspec:", "app: true\nspec:"))))
                .hasMessageContaining("Cannot coerce");
        assertThatThrownBy(() -> binder.bind(document(DEPLOYMENT.replace("containerPort: 8080",
                "containerPort: \"8080\"")))).hasMessageContaining("Cannot coerce");
    }

    @Test
    void anUnknownKindOrApiVersionIsRejected() {
        assertThatThrownBy(() -> binder.bind(document(DEPLOYMENT.replace("apps/v1", "apps/v1beta9"))))
                .hasMessageContaining("no Kubernetes model");
        assertThatThrownBy(() -> binder.bind(document(DEPLOYMENT.replace("kind: Deployment", "kind: Deploymnt"))))
                .hasMessageContaining("no Kubernetes model");
    }

    private static Map<?, ?> document(String yaml) {
        return (Map<?, ?>) Repo.yamlDocuments(yaml).getFirst();
    }
}
