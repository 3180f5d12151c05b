package dev.sns.user.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Tokens;
import dev.sns.testsupport.Users;
import dev.sns.user.IntegrationTest;
import dev.sns.user.Names;
import dev.sns.user.account.UserResponse;
import dev.sns.web.cache.RedisLookAsideCache;
import dev.sns.web.test.TestTokens;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

class InternalLookupTest extends IntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisLookAsideCache<UserResponse> userCache;

    Client http;
    String token;

    @BeforeEach
    void client() {
        http = Client.local(port);
        token = TestTokens.service("user-service");
    }

    private Gateway.Reply lookup(String ids) {
        return http.get("/internal/users?ids=" + ids, token);
    }

    private static List<String> names(Gateway.Reply answer) {
        return answer.result().valueStream().map(u -> u.path("userName").asString()).toList();
    }

    @Test
    void returnsTheKnownUsersInTheOrderAskedAndOmitsUnknownIds() {
        String ann = Names.unique("ann");
        String ben = Names.unique("ben");
        long annId = Users.join(http.baseUrl(), ann, "password1").id();
        long benId = Users.join(http.baseUrl(), ben, "password1").id();

        Gateway.Reply answer = lookup(benId + ",999999999," + annId + "," + benId);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.resultCode()).isEqualTo("SUCCESS");
        assertThat(names(answer)).containsExactly(ben, ann);
        JsonNode first = answer.result().get(0);
        assertThat(first.path("id").asLong()).isEqualTo(benId);
        assertThat(first.path("role").asString()).isEqualTo("USER");
        assertThat(first.propertyNames()).containsExactlyInAnyOrder("id", "userName", "role");
        assertThat(http.get("/internal/users?ids=" + annId + "&ids=" + benId, token).result().size()).isEqualTo(2);
    }

    @Test
    void onlyUnknownIdsGiveAnEmptyList() {
        Gateway.Reply answer = lookup("999999998,999999997");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.result().isArray()).isTrue();
        assertThat(answer.result().size()).isZero();
    }

    @Test
    void aSecondLookupIsServedFromRedis() {
        String name = Names.unique("cached");
        long id = Users.join(http.baseUrl(), name, "password1").id();
        assertThat(names(lookup(String.valueOf(id)))).containsExactly(name);

        Long ttl = redis.getExpire(userCache.key(id), TimeUnit.SECONDS);
        assertThat(ttl).isBetween(1L, 600L);
        assertThat(redis.opsForValue().get(userCache.key(id))).contains(name);

        // Changed behind the service's back: the cached entry answers until it is evicted
        String renamed = Names.unique("renamed");
        jdbc.update("UPDATE users SET user_name = ? WHERE id = ?", renamed, id);
        assertThat(names(lookup(String.valueOf(id)))).containsExactly(name);

        redis.delete(userCache.key(id));
        assertThat(names(lookup(String.valueOf(id)))).containsExactly(renamed);
    }

    @Test
    void needsAValidToken() {
        long id = Users.join(http.baseUrl(), Names.unique("secret"), "password1").id();

        for (String bad : new String[] {null, Tokens.expired(1, "x"), Tokens.unsigned(1, "x")}) {
            Gateway.Reply answer = http.get("/internal/users?ids=" + id, bad);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.resultCode()).isEqualTo("INVALID_TOKEN");
        }
    }

    @Test
    void answersOnlyAServiceIdentityNeverAnEndUsersToken() {
        long id = Users.join(http.baseUrl(), Names.unique("private"), "password1").id();

        Gateway.Reply user = http.get("/internal/users?ids=" + id, Tokens.valid(id, "private"));
        assertThat(user.status()).as("a valid user token is known, but not allowed here").isEqualTo(403);
        assertThat(user.resultCode()).isEqualTo("INVALID_PERMISSION");

        for (String forged : new String[] {TestTokens.serviceSignedWithAnotherKey("user-service"), TestTokens.service("post-service")}) {
            Gateway.Reply answer = http.get("/internal/users?ids=" + id, forged);
            assertThat(answer.status()).as("another key, or a token for another service").isEqualTo(401);
            assertThat(answer.resultCode()).isEqualTo("INVALID_TOKEN");
        }
        assertThat(http.get("/api/v1/users/me", token).status())
                .as("a service identity is no user: the public API does not take it").isEqualTo(401);
    }

    @Test
    void atMostOneHundredIds() {
        String hundred = LongStream.rangeClosed(1, 100).mapToObj(String::valueOf).collect(Collectors.joining(","));
        assertThat(lookup(hundred).status()).isEqualTo(200);

        Gateway.Reply answer = lookup(hundred + ",101");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.resultCode()).isEqualTo("INVALID_REQUEST");
        assertThat(answer.result().get(0).path("field").asString()).isEqualTo("ids");
    }

    @Test
    void idsMustBeNumbers() {
        for (String ids : new String[] {"1,abc", "1.5", "99999999999999999999"}) {
            Gateway.Reply answer = lookup(ids);
            assertThat(answer.status()).as(ids).isEqualTo(400);
            assertThat(answer.resultCode()).as(ids).isEqualTo("INVALID_REQUEST");
        }
        Gateway.Reply missing = http.get("/internal/users", token);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.resultCode()).isEqualTo("INVALID_REQUEST");
    }
}
