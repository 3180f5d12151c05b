package dev.sns.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Metrics;
import dev.sns.testsupport.Users;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Auth without lookups: the gateway, post-service and alarm-service check a request with the token alone. While
 * people read, like, comment and list their alarms, user-service serves no request and its connection pool hands
 * out no connection but those of its outbox's background work (the follow events' relay rounds and purge, which it
 * counts itself), so the users schema sees no query at all. Counted on user-service's own metrics.
 */
class AuthWithoutLookupsE2ETest {

    private static final int ROUNDS = 10;

    @BeforeAll
    static void warmSuite() {
        Gateway.awaitWarm();
    }

    @Test
    void authenticatedRequestsToPostAndAlarmServiceCostNoUserQueryAndNoUserServiceCall() {
        Users.User alice = Users.newUser("alice");
        Users.User bob = Users.newUser("bob");
        long postId = Gateway.post("/api/v1/posts", alice.token(), "{\"title\":\"t\",\"body\":\"b\"}").result().get("id").asLong();
        String post = "/api/v1/posts/" + postId;
        // the names these pages show are fetched once and then served from post-service's author cache
        Gateway.post(post + "/comments", bob.token(), "{\"comment\":\"first\"}");
        assertThat(Gateway.get(post + "/comments", bob.token()).result().get("content").get(0).get("userName").asString())
                .isEqualTo(bob.name());
        assertThat(Gateway.get(post, bob.token()).result().get("user").get("userName").asString()).isEqualTo(alice.name());

        double requestsBefore = userServiceRequests();
        double connectionsBefore = userServiceConnectionsForRequests();
        for (int round = 0; round < ROUNDS; round++) {
            assertOk(Gateway.get(post, bob.token()));
            assertOk(Gateway.post(post + "/likes", bob.token(), null));
            assertOk(Gateway.get(post + "/likes", alice.token()));
            assertOk(Gateway.call("DELETE", post + "/likes", bob.token(), null));
            assertOk(Gateway.post(post + "/comments", bob.token(), "{\"comment\":\"again " + round + "\"}"));
            assertOk(Gateway.get(post + "/comments", alice.token()));
            assertOk(Gateway.get("/api/v1/posts/my", alice.token()));
            assertOk(Gateway.get("/api/v1/users/alarm", alice.token()));
            assertOk(Gateway.get("/api/v1/users/alarm", bob.token()));
        }
        assertThat(userServiceRequests() - requestsBefore).as("requests user-service served").isZero();
        assertThat(userServiceConnectionsForRequests() - connectionsBefore).as("connections user-service took from its pool")
                .isZero();

        // the same counters do move when user-service works: a join is a request and an insert into the users schema
        Users.newUser("carol");
        assertThat(userServiceRequests() - requestsBefore).isGreaterThanOrEqualTo(2);
        assertThat(userServiceConnectionsForRequests() - connectionsBefore).isGreaterThanOrEqualTo(1);
    }

    private static void assertOk(Gateway.Reply reply) {
        assertThat(reply.status()).as(reply.outcome()).isEqualTo(200);
    }

    /** Requests user-service answered, its own probes and metric scrapes (under /actuator) left out. */
    private static double userServiceRequests() {
        return Metrics.sum("user-service", "http_server_requests_seconds_count",
                labels -> !labels.contains("uri=\"/actuator"));
    }

    /**
     * Every statement of user-service runs on a connection borrowed from its Hikari pool; those its outbox's background
     * work took (relay rounds every 500 ms, purge, backlog gauge) are left out.
     */
    private static double userServiceConnectionsForRequests() {
        return Metrics.difference("user-service", "hikaricp_connections_acquire_seconds_count",
                "sns_outbox_connections_total");
    }
}
