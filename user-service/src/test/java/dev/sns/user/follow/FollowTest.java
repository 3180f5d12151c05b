package dev.sns.user.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Users;
import dev.sns.user.IntegrationTest;
import dev.sns.user.Names;
import dev.sns.web.test.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The follow graph through the real API, database and Kafka: idempotent, exact counts, one event per change. */
class FollowTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    String kafka;

    Client http;

    record Person(long id, String name, String token) {
    }

    @BeforeEach
    void client() {
        http = Client.local(port);
    }

    private Person person(String prefix) {
        String name = Names.unique(prefix);
        Users.User user = Users.join(http.baseUrl(), name, "password1");
        return new Person(user.id(), name, user.token());
    }

    private JsonNode profile(Person viewer, Person of) {
        Gateway.Reply answer = http.get("/api/v1/profiles/" + of.name(), viewer.token());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.result();
    }

    @Test
    void followAndUnfollowAreIdempotentAndTheProfileShowsExactCounts() {
        Person ann = person("ann");
        Person ben = person("ben");

        for (int i = 0; i < 2; i++) {
            Gateway.Reply follow = http.post("/api/v1/profiles/" + ben.name() + "/follow", ann.token(), null);
            assertThat(follow.status()).isEqualTo(200);
            assertThat(follow.resultCode()).isEqualTo("SUCCESS");
            assertThat(follow.result().isNull()).isTrue();
        }
        JsonNode benSeenByAnn = profile(ann, ben);
        assertThat(benSeenByAnn.propertyNames()).containsExactly("id", "userName", "role", "followerCount",
                "followingCount", "followedByMe");
        assertThat(benSeenByAnn.get("id").asLong()).isEqualTo(ben.id());
        assertThat(benSeenByAnn.get("userName").asString()).isEqualTo(ben.name());
        assertThat(benSeenByAnn.get("role").asString()).isEqualTo("USER");
        assertThat(benSeenByAnn.get("followerCount").asLong()).isEqualTo(1);
        assertThat(benSeenByAnn.get("followingCount").asLong()).isZero();
        assertThat(benSeenByAnn.get("followedByMe").asBoolean()).isTrue();
        assertThat(profile(ben, ben).get("followedByMe").asBoolean()).isFalse();
        JsonNode annSeenByBen = profile(ben, ann);
        assertThat(annSeenByBen.get("followingCount").asLong()).isEqualTo(1);
        assertThat(annSeenByBen.get("followerCount").asLong()).isZero();
        assertThat(annSeenByBen.get("followedByMe").asBoolean()).isFalse();

        for (int i = 0; i < 2; i++) {
            assertThat(http.delete("/api/v1/profiles/" + ben.name() + "/follow", ann.token()).status()).isEqualTo(200);
        }
        assertThat(profile(ann, ben).get("followerCount").asLong()).isZero();
        assertThat(profile(ann, ben).get("followedByMe").asBoolean()).isFalse();
        assertThat(profile(ann, ann).get("followingCount").asLong()).isZero();
    }

    @Test
    void followingYourselfIsInvalidAndAnUnknownUserIsNotFound() {
        Person ann = person("ann");
        Gateway.Reply self = http.post("/api/v1/profiles/" + ann.name() + "/follow", ann.token(), null);
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.resultCode()).isEqualTo("INVALID_REQUEST");
        assertThat(http.delete("/api/v1/profiles/" + ann.name() + "/follow", ann.token()).resultCode()).isEqualTo("INVALID_REQUEST");
        for (Gateway.Reply unknown : List.of(
                http.post("/api/v1/profiles/nobody-" + Names.unique("x") + "/follow", ann.token(), null),
                http.delete("/api/v1/profiles/nobody-" + Names.unique("x") + "/follow", ann.token()),
                http.get("/api/v1/profiles/nobody-" + Names.unique("x"), ann.token()),
                http.get("/api/v1/profiles/nobody-" + Names.unique("x") + "/followers", ann.token()),
                http.get("/api/v1/profiles/nobody-" + Names.unique("x") + "/following", ann.token()))) {
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.resultCode()).isEqualTo("USER_NOT_FOUND");
        }
        Gateway.Reply noToken = http.get("/api/v1/profiles/" + ann.name(), null);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.resultCode()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void followersAndFollowingArePagesNewestFollowFirst() {
        Person star = person("star");
        List<Person> fans = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Person fan = person("fan");
            assertThat(http.post("/api/v1/profiles/" + star.name() + "/follow", fan.token(), null).status()).isEqualTo(200);
            fans.add(fan);
        }
        Gateway.Reply first = http.get("/api/v1/profiles/" + star.name() + "/followers?size=2", fans.getFirst().token());
        JsonNode page = first.result();
        assertThat(page.propertyNames()).containsExactlyInAnyOrder("content", "number", "size", "totalElements",
                "totalPages", "numberOfElements", "first", "last", "empty");
        assertThat(page.get("totalElements").asLong()).isEqualTo(3);
        assertThat(page.get("totalPages").asInt()).isEqualTo(2);
        assertThat(page.get("content").get(0).get("userName").asString()).isEqualTo(fans.get(2).name());
        assertThat(page.get("content").get(1).get("userName").asString()).isEqualTo(fans.get(1).name());
        assertThat(page.get("content").get(0).propertyNames()).containsExactly("id", "userName", "role");
        JsonNode second = http.get("/api/v1/profiles/" + star.name() + "/followers?size=2&page=1",
                fans.getFirst().token()).result();
        assertThat(second.get("content").get(0).get("userName").asString()).isEqualTo(fans.get(0).name());
        assertThat(second.get("last").asBoolean()).isTrue();
        JsonNode byId = http.get("/api/v1/profiles/" + star.name() + "/followers?sort=id,asc",
                star.token()).result();
        assertThat(byId.get("content").get(0).get("id").asLong()).isEqualTo(fans.get(0).id());

        JsonNode following = http.get("/api/v1/profiles/" + fans.get(1).name() + "/following", star.token()).result();
        assertThat(following.get("totalElements").asLong()).isEqualTo(1);
        assertThat(following.get("content").get(0).get("id").asLong()).isEqualTo(star.id());
        assertThat(http.get("/api/v1/profiles/" + star.name() + "/followers?sort=userName", star.token()).resultCode())
                .isEqualTo("INVALID_REQUEST");
    }

    @Test
    void racingFollowsAndUnfollowsLeaveCountsEqualToTheRows() throws Exception {
        Person star = person("star");
        List<Person> fans = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            fans.add(person("fan"));
        }
        List<Callable<Integer>> clicks = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (Person fan : fans) {
                String path = "/api/v1/profiles/" + star.name() + "/follow";
                clicks.add(() -> http.post(path, fan.token(), null).status());
                clicks.add(() -> http.post(path, fan.token(), null).status());
                clicks.add(() -> http.delete(path, fan.token()).status());
                // the star follows back at the same time: both users' rows are counted in both directions at once
                clicks.add(() -> http.post("/api/v1/profiles/" + fan.name() + "/follow", star.token(), null).status());
                clicks.add(() -> http.delete("/api/v1/profiles/" + fan.name() + "/follow", star.token()).status());
            }
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<Integer> click : pool.invokeAll(clicks)) {
                assertThat(click.get()).isEqualTo(200);
            }
        }
        long followers = count("SELECT COUNT(*) FROM follows WHERE followee_id = ?", star.id());
        long following = count("SELECT COUNT(*) FROM follows WHERE follower_id = ?", star.id());
        JsonNode profile = profile(star, star);
        assertThat(profile.get("followerCount").asLong()).isEqualTo(followers);
        assertThat(profile.get("followingCount").asLong()).isEqualTo(following);
        for (Person fan : fans) {
            JsonNode fanProfile = profile(star, fan);
            assertThat(fanProfile.get("followerCount").asLong())
                    .isEqualTo(count("SELECT COUNT(*) FROM follows WHERE followee_id = ?", fan.id()));
            assertThat(fanProfile.get("followingCount").asLong())
                    .isEqualTo(count("SELECT COUNT(*) FROM follows WHERE follower_id = ?", fan.id()));
        }
    }

    @Test
    void eachRealChangeIsOneEventOnTheFollowTopic_keyedByTheFollower() {
        Person ann = person("ann");
        Person ben = person("ben");
        String path = "/api/v1/profiles/" + ben.name() + "/follow";
        http.post(path, ann.token(), null);
        http.post(path, ann.token(), null); // no change, no event
        http.delete(path, ann.token());
        http.delete(path, ann.token()); // no change, no event
        http.post(path, ann.token(), null);

        List<JsonNode> events = eventsOf(ann.id(), 3);
        assertThat(events).extracting(e -> e.get("type").asString())
                .containsExactly("FOLLOWED", "UNFOLLOWED", "FOLLOWED");
        JsonNode first = events.getFirst();
        assertThat(first.propertyNames()).containsExactlyInAnyOrder("eventId", "type", "followerId", "followerName",
                "followeeId", "occurredAt");
        assertThat(first.get("followerId").asLong()).isEqualTo(ann.id());
        assertThat(first.get("followerName").asString()).isEqualTo(ann.name());
        assertThat(first.get("followeeId").asLong()).isEqualTo(ben.id());
        assertThat(events).extracting(e -> e.get("eventId").asString()).doesNotHaveDuplicates();
    }

    @Test
    void theInternalGraphIsForServicesOnly_keysetPagesWithCounts() {
        Person star = person("star");
        List<Long> fanIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Person fan = person("fan");
            http.post("/api/v1/profiles/" + star.name() + "/follow", fan.token(), null);
            fanIds.add(fan.id());
        }
        String service = TestTokens.service("user-service");
        JsonNode firstTwo = http.get("/internal/follows/" + star.id() + "/followers?limit=2", service).result();
        assertThat(firstTwo.get("followerCount").asLong()).isEqualTo(3);
        assertThat(firstTwo.get("ids").valueStream().map(JsonNode::asLong).toList()).isEqualTo(fanIds.subList(0, 2));
        JsonNode rest = http.get("/internal/follows/" + star.id() + "/followers?limit=2&after=" + fanIds.get(1), service).result();
        assertThat(rest.get("ids").valueStream().map(JsonNode::asLong).toList()).containsExactly(fanIds.get(2));

        JsonNode followees = http.get("/internal/follows/" + fanIds.get(0) + "/following", service).result();
        assertThat(followees.size()).isEqualTo(1);
        assertThat(followees.get(0).get("id").asLong()).isEqualTo(star.id());
        assertThat(followees.get(0).get("followerCount").asLong()).isEqualTo(3);

        assertThat(http.get("/internal/follows/" + star.id() + "/followers", star.token()).status()).isEqualTo(403);
        assertThat(http.get("/internal/follows/" + star.id() + "/followers?limit=0", service).resultCode()).isEqualTo("INVALID_REQUEST");
    }

    private long count(String sql, long id) {
        return jdbc.queryForObject(sql, Long.class, id);
    }

    /** The follow events keyed by {@code followerId}, in their partition's order, once {@code expected} are there. */
    private List<JsonNode> eventsOf(long followerId, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.GROUP_ID_CONFIG, "follow-test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<JsonNode> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("sns.follow-events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals(String.valueOf(followerId))) {
                        found.add(JSON.readTree(record.value()));
                    }
                }
            }
            // anything more would come right behind: one more short poll to catch a duplicate
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                if (record.key().equals(String.valueOf(followerId))) {
                    found.add(JSON.readTree(record.value()));
                }
            }
        }
        return found;
    }
}
