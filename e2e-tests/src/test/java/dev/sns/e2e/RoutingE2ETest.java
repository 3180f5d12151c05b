package dev.sns.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Metrics;
import dev.sns.testsupport.Users;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discovery, the gateway and the services as separate processes: routing by service id and load balancing. */
class RoutingE2ETest {

    @Test
    void eachRoutePrefixReachesItsService() {
        Users.User alice = Users.newUser("alice"); // join + login: user-service

        Gateway.Reply me = Gateway.get("/api/v1/users/me", alice.token());
        Gateway.Reply feed = Gateway.get("/api/v1/posts", alice.token());
        Gateway.Reply alarms = Gateway.get("/api/v1/users/alarm", alice.token());

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.result().get("userName").asString()).isEqualTo(alice.name());
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.result().has("content")).isTrue();
        assertThat(alarms.status()).isEqualTo(200);
        assertThat(alarms.result().get("totalElements").asLong()).isZero();
    }

    @Test
    void unknownPathsGetTheNotFoundEnvelope() {
        Users.User bob = Users.newUser("bob");

        Gateway.Reply reply = Gateway.get("/api/v1/unknown", bob.token());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.resultCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void theGatewaySpreadsRequestsOverBothPostServiceInstancesFoundInEureka() {
        List<Integer> ports = Gateway.instancePorts("post-service");
        assertThat(ports).hasSize(2);
        Map<Integer, Double> before = new HashMap<>();
        ports.forEach(port -> before.put(port, feedRequestsServedBy(port)));
        Users.User carol = Users.newUser("carol");

        for (int i = 0; i < 20; i++) {
            assertThat(Gateway.get("/api/v1/posts", carol.token()).status()).isEqualTo(200);
        }

        double total = 0;
        for (int port : ports) {
            double served = feedRequestsServedBy(port) - before.get(port);
            assertThat(served).as("feed requests served by the instance on port %d", port).isGreaterThanOrEqualTo(5);
            total += served;
        }
        assertThat(total).isEqualTo(20);
    }

    /** The instance's own count of GET /api/v1/posts requests, from its Prometheus endpoint. */
    private static double feedRequestsServedBy(int port) {
        return Metrics.sumOf(Metrics.scrape(port), "http_server_requests_seconds_count",
                labels -> labels.contains("uri=\"/api/v1/posts\""));
    }
}
