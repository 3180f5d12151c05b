package dev.sns.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The services' schemas and database users have one source, {@link #TEMPLATE}: docker-compose mounts its directory
 * as the image's init directory, the Kubernetes local overlay generates its init ConfigMap from the same files, and
 * local-infra's build copies the template onto its classpath (its {@code ServiceSchema} only fills in the local
 * passwords). Compose's mount is checked in {@link ComposeFileTest}, the StatefulSet's env in
 * {@link DeploymentConsistencyTest}'s Secret checks.
 */
class SchemaSourceTest {

    static final String DIRECTORY = "k8s/overlays/local/infra/mariadb-init";
    static final String TEMPLATE = DIRECTORY + "/sns-schemas.sql.in";
    static final String SCRIPT = DIRECTORY + "/10-sns-schemas.sh";

    private static final Pattern USER =
            Pattern.compile("CREATE USER IF NOT EXISTS '(\\w+)'@'%' IDENTIFIED BY '\\$\\{([A-Z0-9_]+)}';");
    private static final Pattern SCHEMA = Pattern.compile("GRANT ALL PRIVILEGES ON (\\w+)\\.\\* TO '(\\w+)'@'%';");
    private static final Pattern ENUM_CONSTANT =
            Pattern.compile("\\w+\\(\"(\\w+)\", \"(\\w+)\", \"([A-Z0-9_]+)\", \"[^\"]+\"\\)[,;]");

    static String template() {
        return Repo.read(Repo.path(TEMPLATE));
    }

    /** The password placeholders of the template, in order. */
    static List<String> passwordVariables() {
        List<String> variables = new ArrayList<>();
        Matcher user = USER.matcher(template());
        while (user.find()) {
            variables.add(user.group(2));
        }
        return variables;
    }

    /** "schema user VARIABLE" for each service the template creates. */
    private static Set<String> templateServices() {
        Map<String, String> variableOfUser = new HashMap<>();
        Matcher user = USER.matcher(template());
        while (user.find()) {
            variableOfUser.put(user.group(1), user.group(2));
        }
        Set<String> services = new LinkedHashSet<>();
        Matcher grant = SCHEMA.matcher(template());
        while (grant.find()) {
            services.add(grant.group(1) + " " + grant.group(2) + " " + variableOfUser.get(grant.group(2)));
            assertThat(template()).contains("CREATE DATABASE IF NOT EXISTS " + grant.group(1)
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;");
        }
        return services;
    }

    @Test
    void theTemplateCreatesOneSchemaAndOneUserPerServiceWithAPasswordFromTheEnvironment() {
        assertThat(templateServices()).containsExactly("sns_user user_service SNS_USER_DB_PASSWORD",
                "sns_post post_service SNS_POST_DB_PASSWORD", "sns_alarm alarm_service SNS_ALARM_DB_PASSWORD");
        assertThat(template()).doesNotContain("-local'"); // no password in the shared file, local ones are local-infra's
        assertThat(Repo.read(Repo.path(SCRIPT))).contains("sns-schemas.sql.in").contains("docker_process_sql");
    }

    @Test
    void theKubernetesLocalOverlayGeneratesItsInitConfigMapFromTheSameFiles() {
        Map<String, Object> kustomization = Repo.yamlMap(Repo.path("k8s/overlays/local/kustomization.yaml"));
        List<Object> files = Yamls.list(kustomization, "configMapGenerator").stream()
                .map(generator -> (Map<?, ?>) generator)
                .filter(generator -> "sns-mariadb-init".equals(generator.get("name")))
                .map(generator -> (List<?>) generator.get("files")).findFirst().map(List::<Object>copyOf).orElseThrow();
        String prefix = "k8s/overlays/local/";
        assertThat(files).map(String::valueOf).containsExactlyInAnyOrder(
                SCRIPT.substring(prefix.length()), TEMPLATE.substring(prefix.length()));
    }

    @Test
    void localInfraReadsTheTemplateFromItsClasspathAndNamesTheSameServices() {
        String pom = Repo.read(Repo.path("local-infra/pom.xml"));
        assertThat(pom).contains("<directory>${project.basedir}/../" + DIRECTORY + "</directory>")
                .contains("<include>sns-schemas.sql.in</include>");
        String serviceSchema = Repo.read(Repo.path("local-infra/src/main/java/dev/sns/infra/ServiceSchema.java"));
        Set<String> named = new LinkedHashSet<>();
        Matcher constant = ENUM_CONSTANT.matcher(serviceSchema);
        while (constant.find()) {
            named.add(constant.group(1) + " " + constant.group(2) + " " + constant.group(3));
        }
        assertThat(named).containsExactlyElementsOf(templateServices());
        assertThat(serviceSchema).contains("sns-schemas.sql.in").doesNotContain("CREATE USER")
                .doesNotContain("GRANT ");
    }

    @Test
    void noOtherFileCreatesTheUsers() throws IOException {
        List<String> creators = new ArrayList<>();
        Files.walkFileTree(Repo.ROOT, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = String.valueOf(dir.getFileName());
                return Set.of(".git", "target", "node_modules", "test").contains(name)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (file.toString().matches(".*\\.(sh|sql|in|java|ya?ml|env)$")
                        && Files.readString(file).contains("GRANT ALL PRIVILEGES")) {
                    creators.add(Repo.relative(file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        assertThat(creators).containsExactly(TEMPLATE);
    }
}
