package dev.sns.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docker-compose.yml: valid Compose, and the rules the suite needs on one Docker host. */
class ComposeFileTest {

    private static final Set<String> MONITORING = Set.of("prometheus", "grafana", "jaeger");

    private final Map<String, Object> compose = Compose.file();
    private final Map<String, Map<String, Object>> services = Compose.services(compose);

    @Test
    void theFileIsValidAgainstTheComposeSpecification() throws Exception {
        List<String> errors = schemaErrors(compose);

        assertThat(errors).isEmpty();
    }

    @Test
    void theSchemaCheckCatchesUnknownKeysAndWrongTypes() throws Exception {
        Map<String, Object> broken = new LinkedHashMap<>(compose);
        Map<String, Object> brokenServices = new LinkedHashMap<>(services);
        Map<String, Object> redis = new LinkedHashMap<>(services.get("redis"));
        redis.put("helthcheck", Map.of("test", List.of("CMD", "true")));
        redis.put("restart", List.of("always"));
        brokenServices.put("redis", redis);
        broken.put("services", brokenServices);

        assertThat(schemaErrors(broken)).anySatisfy(error -> assertThat(error).contains("helthcheck"))
                .anySatisfy(error -> assertThat(error).contains("restart"));
    }

    @Test
    void everyVariableWithoutDefaultIsDeclaredInEnvExampleAndNoSecretIsCommitted() {
        Map<String, String> example = Compose.envExample();

        Compose.variables(compose).values().stream().filter(variable -> !variable.hasDefault())
                .forEach(variable -> assertThat(example).as(".env.example declares %s", variable.name())
                        .containsKey(variable.name()));
        example.forEach((name, value) -> {
            if (name.matches(".*(PASSWORD|SECRET|PRIVATE_KEY|PUBLIC_KEY|TOKEN).*")) {
                assertThat(value).as("%s in .env.example must stay empty", name).isEmpty();
            }
        });
    }

    @Test
    void everyContainerHasAHealthCheckAndAMemoryLimit() {
        services.forEach((name, service) -> {
            assertThat(Compose.healthcheck(service)).as("health check of %s", name).isNotBlank();
            assertThat(Yamls.at(service, "healthcheck.disable")).as("health check of %s disabled", name).isNotEqualTo(true);
            Object memory = Yamls.at(service, "deploy.resources.limits.memory");
            assertThat(memory != null || service.get("mem_limit") != null).as("memory limit of %s", name).isTrue();
        });
    }

    @Test
    void dependenciesWaitUntilTheirTargetIsHealthy() {
        services.forEach((name, service) -> {
            Object dependsOn = service.get("depends_on");
            if (dependsOn == null) {
                return;
            }
            assertThat(dependsOn).as("depends_on of %s must be the long form with conditions", name).isInstanceOf(Map.class);
            ((Map<?, ?>) dependsOn).forEach((target, condition) -> {
                assertThat(services).as("%s depends on %s", name, target).containsKey(String.valueOf(target));
                assertThat(Yamls.string(condition, "condition")).as("%s -> %s", name, target).isEqualTo("service_healthy");
            });
        });
    }

    @Test
    void onlyTheGatewayPublishesAPortAndNothingPinsAContainerName() {
        services.forEach((name, service) -> {
            assertThat(service).as("%s: container_name prevents --scale", name).doesNotContainKey("container_name");
            List<Object> ports = Yamls.list(service, "ports");
            if (MONITORING.contains(name)) {
                assertThat(Yamls.list(service, "profiles")).as("profiles of %s", name).contains("monitoring");
                assertThat(ports).as("%s is reachable from this host only", name)
                        .allSatisfy(port -> assertThat(String.valueOf(port)).startsWith("127.0.0.1:"));
            } else if (!name.equals("gateway-service")) {
                assertThat(ports).as("published ports of %s", name).isEmpty();
            }
        });
        assertThat(Yamls.list(services.get("gateway-service"), "ports")).hasSize(1);
    }

    @Test
    void theMonitoringProfileScrapesTheServicesThroughEureka() {
        assertThat(services).containsKeys("prometheus", "grafana");
        assertThat(Yamls.list(services.get("prometheus"), "volumes")).map(String::valueOf)
                .anySatisfy(volume -> assertThat(volume).startsWith("./docker/prometheus/prometheus.yml:"));
        assertThat(Yamls.list(services.get("grafana"), "volumes")).map(String::valueOf)
                .anySatisfy(volume -> assertThat(volume).startsWith("./docker/grafana/provisioning:"));

        Map<String, Object> prometheus = Repo.yamlMap(Repo.path("docker/prometheus/prometheus.yml"));
        Object eurekaJob = Yamls.list(prometheus, "scrape_configs").stream()
                .filter(job -> !Yamls.list(job, "eureka_sd_configs").isEmpty()).findFirst().orElseThrow();
        String discovery = "discovery-service";
        assertThat(Yamls.string(Yamls.list(eurekaJob, "eureka_sd_configs").getFirst(), "server"))
                .isEqualTo("http://" + discovery + ":" + ServiceConfig.of(discovery).port() + "/eureka");
        assertThat(Yamls.string(eurekaJob, "metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat(services).containsKey(discovery);

        Map<String, Object> datasources = Repo.yamlMap(Repo.path("docker/grafana/provisioning/datasources/prometheus.yml"));
        assertThat(Yamls.list(datasources, "datasources")).singleElement()
                .satisfies(source -> assertThat(Yamls.string(source, "url")).isEqualTo("http://prometheus:9090"));
    }

    @Test
    void theMonitoringProfileCarriesATraceBackendEveryServiceExportsTo() {
        assertThat(Yamls.list(services.get("jaeger"), "profiles")).contains("monitoring");
        Map<String, String> unset = Map.of();
        services.forEach((name, service) -> {
            if (name.endsWith("-service") && !name.equals("discovery-service")) {
                Map<String, String> environment = Compose.environment(service);
                assertThat(environment).as("environment of %s", name)
                        .containsKey("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT");
                assertThat(String.valueOf(Compose.interpolate(environment.get("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT"), unset)))
                        .as("default OTLP endpoint of %s", name).isEqualTo("http://jaeger:4318/v1/traces");
            }
        });
        Map<String, Object> datasources = Repo.yamlMap(Repo.path("docker/grafana/provisioning/datasources/jaeger.yml"));
        assertThat(Yamls.list(datasources, "datasources")).singleElement().satisfies(source -> {
            assertThat(Yamls.string(source, "type")).isEqualTo("jaeger");
            assertThat(Yamls.string(source, "url")).isEqualTo("http://jaeger:16686");
        });
    }

    @Test
    void mariadbCreatesOneSchemaAndOneUserPerServiceFromTheEnvironment() {
        Map<String, Object> mariadb = services.get("mariadb");
        assertThat(String.valueOf(mariadb.get("image"))).isEqualTo(DatabaseEngineTest.IMAGE);
        assertThat(Compose.environment(mariadb)).containsKey("MARIADB_ROOT_PASSWORD");
        assertThat(Compose.healthcheck(mariadb)).isEqualTo("CMD healthcheck.sh --connect --innodb_initialized");
        assertThat(Yamls.list(mariadb, "volumes")).map(String::valueOf)
                .contains("./" + SchemaSourceTest.DIRECTORY + ":/docker-entrypoint-initdb.d:ro");
        // every password placeholder of the one schema/user source is set from .env
        assertThat(Compose.environment(mariadb)).containsKeys(SchemaSourceTest.passwordVariables().toArray(String[]::new));
        for (String service : List.of("user-service", "post-service", "alarm-service")) {
            assertThat(Compose.environment(services.get(service))).containsEntry("SNS_DB_HOST", "mariadb");
            assertThat(Yamls.map(services.get(service), "depends_on")).containsKey("mariadb");
        }
    }

    @Test
    void kafkaRunsInKraftModeOnASingleNode() {
        Map<String, String> environment = Compose.environment(services.get("kafka"));
        assertThat(String.valueOf(services.get("kafka").get("image"))).startsWith("apache/kafka:4.");
        assertThat(environment).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092")
                .doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
        assertThat(environment.get("CLUSTER_ID")).matches("[A-Za-z0-9_-]{22}");
        assertThat(String.valueOf(services.get("redis").get("image"))).startsWith("redis:7");
    }

    static List<String> schemaErrors(Object composeFile) throws Exception {
        Object interpolated = Compose.interpolate(composeFile, Compose.envExample());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode document = mapper.valueToTree(interpolated);
        // loaded by location: the schema's relative "$id": "compose_spec.json" resolves against it
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(SchemaLocation.of("classpath:compose-spec/compose-spec.json"));
        return schema.validate(document).stream().map(ValidationMessage::toString).sorted().toList();
    }
}
