package dev.sns.user.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Users;
import dev.sns.user.IntegrationTest;
import dev.sns.user.Names;
import dev.sns.web.test.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Redis is only a cache: with nothing listening on its port, every endpoint still answers. */
class RedisDownTest extends IntegrationTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void deadRedis(DynamicPropertyRegistry registry) {
        int closed = closedPort();
        // the config reads spring.data.redis.port from SNS_REDIS_PORT; set the target itself so the order of the
        // two @DynamicPropertySource methods cannot matter
        registry.add("spring.data.redis.port", () -> closed);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void joinLoginMeAndLookupWorkWithoutRedis() {
        Client http = Client.local(port);
        String name = Names.unique("noredis");

        Users.User user = Users.join(http.baseUrl(), name, "password1");
        long id = user.id();
        String token = user.token();

        assertThat(http.get("/api/v1/users/me", token).result().path("userName").asString()).isEqualTo(name);
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            Gateway.Reply answer = http.get("/internal/users?ids=" + id + ",999999999", TestTokens.service("user-service"));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.result().size()).isEqualTo(1);
            assertThat(answer.result().get(0).path("userName").asString()).isEqualTo(name);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }
}
