package dev.sns.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Users;
import dev.sns.user.IntegrationTest;
import dev.sns.user.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

class JoinTest extends IntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Client http;

    @BeforeEach
    void client() {
        http = Client.local(port);
    }

    private Gateway.Reply join(String name, String password) {
        return http.post("/api/v1/users/join", null, Client.json(Map.of("name", name, "password", password)));
    }

    @Test
    void joinCreatesAUserWithRoleUserAndAHashedPassword() {
        String name = Names.unique("alice");

        Gateway.Reply answer = join(name, "correct horse");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.resultCode()).isEqualTo("SUCCESS");
        assertThat(answer.result().path("id").asLong()).isPositive();
        assertThat(answer.result().path("userName").asString()).isEqualTo(name);
        assertThat(answer.result().path("role").asString()).isEqualTo("USER");
        assertThat(answer.result().has("password")).isFalse();

        String stored = jdbc.queryForObject("SELECT password FROM users WHERE id = ?", String.class,
                answer.result().path("id").asLong());
        assertThat(stored).matches("\\$2[ab]\\$10\\$.{53}").doesNotContain("correct horse");
    }

    @Test
    void namesMayUseLettersDigitsAndUnderscoreDotDash() {
        assertThat(join("Zoë_1.x-" + Names.unique("z").substring(2), "password1").status()).isEqualTo(200);
        assertThat(join(Names.unique("한글"), "password1").status()).isEqualTo(200);
    }

    @Test
    void aPasswordOf72BytesIsAccepted() {
        String password = "한".repeat(24); // 24 characters, 72 bytes in UTF-8
        String name = Names.unique("bytes");

        assertThat(join(name, password).status()).isEqualTo(200);
        assertThat(Users.login(http.baseUrl(), name, password)).isNotBlank();
    }

    @Test
    void aTakenNameIsRefusedWhateverItsCase() {
        String name = Names.unique("bob");
        assertThat(join(name, "password1").status()).isEqualTo(200);

        Gateway.Reply same = join(name, "password2");
        Gateway.Reply otherCase = join(name.toUpperCase(), "password3");

        for (Gateway.Reply answer : List.of(same, otherCase)) {
            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.resultCode()).isEqualTo("DUPLICATED_USER_NAME");
            assertThat(answer.result().isNull()).isTrue();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM users WHERE user_name = ?", Integer.class, name)).isEqualTo(1);
    }

    @Test
    void namesDifferingOnlyInAccentsClashToo() {
        String suffix = Names.unique("").substring(1);
        assertThat(join("jose" + suffix, "password1").status()).isEqualTo(200);

        assertThat(join("José" + suffix, "password1").resultCode()).isEqualTo("DUPLICATED_USER_NAME");
    }

    @Test
    void simultaneousJoinsWithOneNameCreateExactlyOneUser() throws Exception {
        String name = Names.unique("race");
        int threads = 8;
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Gateway.Reply>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                String password = "password" + i;
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return join(name, password);
                }));
            }
            ready.await();
            go.countDown();
        }

        List<Integer> statuses = new ArrayList<>();
        for (Future<Gateway.Reply> answer : answers) {
            statuses.add(answer.get().status());
            if (answer.get().status() == 409) {
                assertThat(answer.get().resultCode()).isEqualTo("DUPLICATED_USER_NAME");
            }
        }
        assertThat(statuses).containsOnly(200, 409).containsOnlyOnce(200).hasSize(threads);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM users WHERE user_name = ?", Integer.class, name)).isEqualTo(1);
    }
}
