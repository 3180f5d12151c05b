package dev.sns.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Repository;
import dev.sns.testsupport.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Operators roll out a new version one instance at a time. With steady traffic through the gateway, restarting
 * both post-service instances one after the other ({@code ./sns restart post-service}) must not fail a request, and
 * neither must a restart of the registry ({@code ./sns restart discovery}).
 */
class RollingRestartE2ETest {

    @Test
    void restartingEveryPostServiceInstanceUnderTrafficLosesNoRequest() throws Exception {
        underTrafficNoRequestFails("post-service x2", "restart", "post-service");
    }

    /**
     * The registry (and Config Server) restarts: the gateway and the services route on their cached registries
     * meanwhile, and every instance is registered again afterwards, which the runner waits for.
     */
    @Test
    void restartingTheRegistryUnderTrafficLosesNoRequest() throws Exception {
        List<Integer> before = Gateway.instancePorts("post-service");

        underTrafficNoRequestFails("discovery", "restart", "discovery");

        assertThat(Gateway.instancePorts("post-service")).as("registered again").containsExactlyInAnyOrderElementsOf(before);
        assertThat(Gateway.instancePorts("user-service")).isNotEmpty();
        assertThat(Gateway.instancePorts("alarm-service")).isNotEmpty();
    }

    private static void underTrafficNoRequestFails(String what, String... sns) throws Exception {
        Users.User alice = Users.newUser("alice");
        Users.User bob = Users.newUser("bob");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        Map<String, Integer> failures = new ConcurrentHashMap<>();

        ExecutorService traffic = Executors.newFixedThreadPool(3);
        List<Future<?>> clients = IntStream.range(0, 3).<Future<?>>mapToObj(i -> traffic.submit(() -> {
            while (running.get()) {
                Gateway.Reply created = record(requests, failures, "create post",
                        Gateway.post("/api/v1/posts", alice.token(), "{\"title\":\"t\",\"body\":\"rolling\"}"));
                if (created.status() == 200) {
                    long id = created.result().get("id").asLong();
                    record(requests, failures, "like", Gateway.post("/api/v1/posts/" + id + "/likes", bob.token(), null));
                    record(requests, failures, "comment",
                            Gateway.post("/api/v1/posts/" + id + "/comments", bob.token(), "{\"comment\":\"c\"}"));
                    record(requests, failures, "like count", Gateway.get("/api/v1/posts/" + id + "/likes", bob.token()));
                }
                record(requests, failures, "feed", Gateway.get("/api/v1/posts?size=10", bob.token()));
            }
        })).toList();

        List<String> command = new ArrayList<>(List.of(Repository.file("sns").toString()));
        command.addAll(List.of(sns));
        Process restart = new ProcessBuilder(command).inheritIO().start();
        boolean finished = restart.waitFor(8, TimeUnit.MINUTES);
        running.set(false);
        for (Future<?> client : clients) {
            client.get(1, TimeUnit.MINUTES);
        }
        traffic.shutdown();

        System.out.printf("ROLLING RESTART of %s: %d requests, %d failed %s%n", what,
                requests.get(), failures.values().stream().mapToInt(Integer::intValue).sum(), failures);
        assertThat(finished).as("./sns restart finished").isTrue();
        assertThat(restart.exitValue()).isZero();
        assertThat(requests.get()).isGreaterThan(100);
        assertThat(failures).as("failed requests by kind").isEmpty();
    }

    private static Gateway.Reply record(AtomicInteger requests, Map<String, Integer> failures, String kind, Gateway.Reply reply) {
        requests.incrementAndGet();
        if (reply.status() != 200) {
            failures.merge(kind + " " + reply.status() + " " + reply.json().path("resultCode").asString(), 1, Integer::sum);
        }
        return reply;
    }
}
