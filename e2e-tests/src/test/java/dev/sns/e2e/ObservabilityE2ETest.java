package dev.sns.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Metrics;
import dev.sns.testsupport.Repository;
import dev.sns.testsupport.SseSubscriber;
import dev.sns.testsupport.Users;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Where time goes, as an operator sees it: one trace from the gateway through the services, the Feign call, Kafka and
 * the Redis fan-out to the alarm streams, and business metrics that move with the actions.
 */
class ObservabilityE2ETest {

    private static SpanReceiver receiver;

    @BeforeAll
    static void traceBackend() {
        receiver = new SpanReceiver(Integer.getInteger("sns.otlp.port", 18999));
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void oneTraceCrossesTheGatewayFeignAndKafka() {
        Users.User alice = Users.newUser("alice");
        Users.User bob = Users.newUser("bob");
        long postId = Gateway.post("/api/v1/posts", alice.token(), "{\"title\":\"traced\",\"body\":\"b\"}").result().get("id").asLong();
        // bob reads alice's first post: post-service has not cached her yet and asks user-service for her name (Feign,
        // on the circuit breaker's thread)
        String feedTrace = newTraceId();
        assertThat(Gateway.call("GET", "/api/v1/posts/" + postId, bob.token(), null, "traceparent", traceParent(feedTrace))
                .status()).isEqualTo(200);
        // a like on someone else's post: outbox → Kafka → alarm-service → alice's open stream (the fan-out is routed:
        // only an instance holding a stream of hers receives the alarm and pushes it)
        String likeTrace = newTraceId();
        try (SseSubscriber stream = new SseSubscriber(alice.token())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events().isEmpty()); // connected
            assertThat(Gateway.call("POST", "/api/v1/posts/" + postId + "/likes", bob.token(), null, "traceparent",
                    traceParent(likeTrace)).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.events().size() >= 2); // the alarm
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(receiver.servicesIn(feedTrace)).as("services in the read trace")
                    .contains("gateway-service", "post-service", "user-service");
            assertThat(receiver.servicesIn(likeTrace)).as("services in the like trace")
                    .contains("gateway-service", "post-service", "alarm-service");
            // the stored alarm's way through Redis pub/sub to the open streams
            assertThat(receiver.spansOf(likeTrace)).as("spans of the like trace")
                    .anyMatch(s -> s.service().equals("alarm-service") && s.name().equals("alarm fan-out publish"))
                    .anyMatch(s -> s.service().equals("alarm-service") && s.name().equals("alarm push"));
        });
        List<SpanReceiver.ReceivedSpan> likeSpans = receiver.spansOf(likeTrace);
        assertThat(likeSpans).anyMatch(s -> s.service().equals("post-service") && s.kind() == Span.SpanKind.SPAN_KIND_PRODUCER);
        assertThat(likeSpans).anyMatch(s -> s.service().equals("alarm-service") && s.kind() == Span.SpanKind.SPAN_KIND_CONSUMER);
    }

    @Test
    void businessMetricsMoveWhenPeopleAct() throws Exception {
        Users.User alice = Users.newUser("alice");
        Users.User bob = Users.newUser("bob");
        long postId = Gateway.post("/api/v1/posts", alice.token(), "{\"title\":\"counted\",\"body\":\"b\"}").result().get("id").asLong();
        double likesBefore = Metrics.sum("post-service", "sns_likes_total");
        double commentsBefore = Metrics.sum("post-service", "sns_comments_total");
        double storedBefore = Metrics.sum("alarm-service", "sns_alarms_stored_total");
        double deliveredBefore = Metrics.sum("alarm-service", "sns_alarms_delivered_total");

        try (SseSubscriber stream = new SseSubscriber(alice.token())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events().isEmpty());
            assertThat(Metrics.sum("alarm-service", "sns_sse_connections")).isGreaterThanOrEqualTo(1);

            Gateway.post("/api/v1/posts/" + postId + "/likes", bob.token(), null);
            Gateway.post("/api/v1/posts/" + postId + "/comments", bob.token(), "{\"comment\":\"counted\"}");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(Metrics.sum("post-service", "sns_likes_total") - likesBefore).isEqualTo(1);
                assertThat(Metrics.sum("post-service", "sns_comments_total") - commentsBefore).isEqualTo(1);
                assertThat(Metrics.sum("alarm-service", "sns_alarms_stored_total") - storedBefore).isEqualTo(2);
                assertThat(Metrics.sum("alarm-service", "sns_alarms_delivered_total") - deliveredBefore).isGreaterThanOrEqualTo(2);
            });
        }
        assertThat(Gateway.getDirect(Gateway.instancePorts("alarm-service").getFirst(), "/actuator/prometheus"))
                .contains("sns_alarm_delivery_latency_seconds");
        assertThat(Gateway.getDirect(Gateway.instancePorts("post-service").getFirst(), "/actuator/prometheus"))
                .contains("sns_outbox_backlog");
    }

    @Test
    void everyDashboardPanelQueriesMetricsTheSuiteExports() throws Exception {
        Path dashboard = Repository.file("docker/grafana/dashboards/sns-suite.json");
        Set<String> exported = new HashSet<>();
        for (String service : List.of("user-service", "post-service", "alarm-service")) {
            for (int port : Gateway.instancePorts(service)) {
                exported.addAll(metricNames(Gateway.getDirect(port, "/actuator/prometheus")));
            }
        }
        exported.addAll(metricNames(Gateway.getDirect(Gateway.gatewayManagementPort(), "/actuator/prometheus")));

        JsonNode panels = Gateway.JSON.readTree(Files.readString(dashboard)).get("panels");
        assertThat(panels).isNotEmpty();
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.get("targets")) {
                String expr = target.get("expr").asString();
                Matcher metric = Pattern.compile("\\b(sns_[a-z_]+|http_[a-z_]+|jvm_[a-z_]+|hikaricp_[a-z_]+)").matcher(expr);
                assertThat(metric.find()).as("panel %s names a metric", panel.get("title")).isTrue();
                do {
                    assertThat(exported).as("panel '%s' queries %s", panel.get("title").asString(), metric.group(1))
                            .contains(metric.group(1));
                } while (metric.find());
            }
        }
    }

    private static Set<String> metricNames(String prometheusText) {
        Set<String> names = new HashSet<>();
        for (String line : prometheusText.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static String newTraceId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    private static String traceParent(String traceId) {
        byte[] span = new byte[8];
        ThreadLocalRandom.current().nextBytes(span);
        return "00-" + traceId + "-" + HexFormat.of().formatHex(span) + "-01";
    }
}
