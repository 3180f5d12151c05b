package dev.sns.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The database that is deployed is the engine that is tested: MariaDB 10.11 (Debian's mariadb-server in ./sns and the
 * tests) in compose and in the local overlay; no MySQL image anywhere (docs/deployment.md "The database engine").
 */
class DatabaseEngineTest {

    static final String IMAGE = "mariadb:10.11";

    @Test
    void noDeploymentFileRunsAMysqlImage() {
        List<Path> files = new ArrayList<>(Manifests.manifestFiles());
        files.add(Repo.path("docker-compose.yml"));
        for (Path file : files) {
            assertThat(Repo.read(file)).as(Repo.relative(file)).doesNotContainPattern("(?i)image:\\s*\\S*mysql");
        }
        Cluster.all().forEach(cluster -> cluster.all(StatefulSet.class).forEach(statefulSet ->
                statefulSet.getSpec().getTemplate().getSpec().getContainers().forEach(container ->
                        assertThat(container.getImage()).as("%s: image of %s", cluster, statefulSet.getMetadata().getName())
                                .doesNotContainIgnoringCase("mysql"))));
    }

    @TestFactory
    Stream<DynamicTest> theLocalOverlayRunsMariadbWithTheImagesHealthCheck() {
        List<Cluster> withDatabase = Cluster.all().stream()
                .filter(cluster -> cluster.find(StatefulSet.class, "mariadb").isPresent()).toList();
        return Stream.concat(Stream.of(Cluster.of("k8s/overlays/local/infra (files)", Manifests.rawDocuments().stream()
                        .filter(d -> d.source().equals("k8s/overlays/local/infra/mariadb.yaml")).toList())),
                withDatabase.stream()).map(cluster -> dynamicTest(cluster.name(), () -> {
            StatefulSet mariadb = cluster.find(StatefulSet.class, "mariadb").orElseThrow();
            Container container = mariadb.getSpec().getTemplate().getSpec().getContainers().getFirst();
            assertThat(container.getImage()).isEqualTo(IMAGE);
            assertThat(container.getEnv()).anySatisfy(env -> assertThat(env.getName()).isEqualTo("MARIADB_ROOT_PASSWORD"));
            assertThat(container.getEnv()).noneSatisfy(env -> assertThat(env.getName()).startsWith("MYSQL_"));
            assertThat(container.getReadinessProbe().getExec().getCommand())
                    .containsExactly("healthcheck.sh", "--connect", "--innodb_initialized");
        }));
    }

    @Test
    void theServicesFindTheDatabaseUnderItsName() {
        assertThat(Yamls.string(Repo.yamlMap(Repo.path("k8s/base/infrastructure.yaml")), "data.SNS_DB_HOST"))
                .isEqualTo("mariadb");
        assertThat(Repo.read(Repo.path("k8s/overlays/production/infrastructure.yaml"))).doesNotContainIgnoringCase("mysql");
    }
}
