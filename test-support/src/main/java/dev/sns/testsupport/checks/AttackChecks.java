package dev.sns.testsupport.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Probe;
import dev.sns.testsupport.Probe.Answer;
import dev.sns.testsupport.Probe.Request;
import dev.sns.testsupport.SseSubscriber;
import dev.sns.testsupport.Tokens;
import dev.sns.testsupport.Users;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an attacker tries through the gateway: tokens that are forged, expired, unsigned or signed with another key;
 * identity headers; other users' data by id; internal endpoints; guessing a password. Not one attempt may succeed,
 * and every answer is the envelope.
 * <p>Run by e2e-tests ({@code AttackE2ETest}, ./sns test) and chaos-tests ({@code AttackChaosTest}, ./sns chaos), which extend it.
 */
public abstract class AttackChecks {

    static Users.User alice; // the victim: a post, a like and a comment on it, so alarms
    static Users.User bob;   // the attacker, with a valid account of his own
    static Users.User carol;
    static long alicePost;

    @BeforeAll
    static void victimWithData() {
        alice = Users.newUser("victim");
        bob = Users.newUser("attacker");
        carol = Users.newUser("friend");
        alicePost = Gateway.post("/api/v1/posts", alice.token(), "{\"title\":\"mine\",\"body\":\"only I may change this\"}")
                .result().get("id").asLong();
        Gateway.post("/api/v1/posts/" + alicePost + "/likes", carol.token(), null);
        Gateway.post("/api/v1/posts/" + alicePost + "/comments", carol.token(), "{\"comment\":\"nice\"}");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Gateway.get("/api/v1/users/alarm", alice.token()).result().get("totalElements").asLong() == 2);
    }

    @Test
    void forgedExpiredUnsignedAndForeignTokensAreRefused() {
        Map<String, Object> asAlice = Tokens.claims(alice.id(), alice.name());
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("alg none", Tokens.unsigned("none", asAlice));
        tokens.put("alg None", Tokens.unsigned("None", asAlice));
        tokens.put("alg NONE", Tokens.unsigned("NONE", asAlice));
        tokens.put("bob's signature on alice's claims", Tokens.withPayload(bob.token(), asAlice));
        tokens.put("bob's token made admin", Tokens.withPayload(bob.token(), Tokens.with(Tokens.claims(bob.id(), bob.name()), "role", "ADMIN")));
        tokens.put("bob's token extended", Tokens.withPayload(bob.token(),
                Tokens.with(Tokens.claims(bob.id(), bob.name()), "exp", 4_102_444_800L)));
        tokens.put("signed with another RSA key", Tokens.rs256(asAlice, Tokens.otherKey()));
        tokens.put("another key named by kid/jku", Tokens.rs256(Map.of("alg", "RS256", "kid", "attacker",
                "jku", "http://127.0.0.1:1/jwks.json"), asAlice, Tokens.otherKey()));
        tokens.put("HS256 keyed with the public key", Tokens.hs256(asAlice, Tokens.localPublicKeyPem().getBytes(StandardCharsets.US_ASCII)));
        tokens.put("HS256 keyed with an empty secret", Tokens.hs256(asAlice, new byte[32]));
        tokens.put("expired an hour ago (real key)", Tokens.rs256(Tokens.with(Tokens.with(asAlice, "iat",
                java.time.Instant.now().minusSeconds(7200).getEpochSecond()), "exp", java.time.Instant.now().minusSeconds(3600).getEpochSecond()),
                Tokens.localSigningKey()));
        tokens.put("another issuer (real key)", Tokens.rs256(Tokens.with(asAlice, "iss", "evil"), Tokens.localSigningKey()));
        tokens.put("not valid before tomorrow (real key)", Tokens.rs256(Tokens.with(asAlice, "nbf",
                java.time.Instant.now().plusSeconds(86_400).getEpochSecond()), Tokens.localSigningKey()));
        tokens.put("signature cut off", bob.token().substring(0, bob.token().lastIndexOf('.') + 1));
        tokens.put("signature of another token", bob.token().substring(0, bob.token().lastIndexOf('.'))
                + alice.token().substring(alice.token().lastIndexOf('.')));

        Probe.Tally tally = new Probe.Tally();
        List<String> accepted = new ArrayList<>();
        tokens.forEach((label, token) -> {
            for (Request request : List.of(
                    Request.of(label + ": me", "GET", "/api/v1/users/me", token),
                    Request.of(label + ": my posts", "GET", "/api/v1/posts/my", token),
                    Request.of(label + ": alarms", "GET", "/api/v1/users/alarm", token),
                    Request.json(label + ": create post", "POST", "/api/v1/posts", token, "{\"title\":\"forged\",\"body\":\"b\"}"),
                    Request.json(label + ": edit alice's post", "PUT", "/api/v1/posts/" + alicePost, token, "{\"title\":\"pwned\",\"body\":\"b\"}"),
                    Request.of(label + ": delete alice's post", "DELETE", "/api/v1/posts/" + alicePost, token),
                    Request.of(label + ": like", "POST", "/api/v1/posts/" + alicePost + "/likes", token),
                    Request.of(label + ": alarm stream", "GET", "/api/v1/users/alarm/subscribe?token=" + token, null))) {
                Answer answer = tally.record(Probe.send(request, Duration.ofSeconds(20)));
                if (answer.status() != 401 || !"INVALID_TOKEN".equals(answer.resultCode())) {
                    accepted.add(answer.toString());
                }
            }
        });
        Answer untouched = Probe.send(Request.of("alice's post", "GET", "/api/v1/posts/" + alicePost, alice.token()));

        System.out.printf("CHAOS attack-tokens: %d requests with %d kinds of bad token, %d not refused with 401 INVALID_TOKEN; %s%n",
                tally.requests.get(), tokens.size(), accepted.size(), tally.summary());
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(accepted).as("bad tokens not refused with 401 INVALID_TOKEN").isEmpty();
            softly.assertThat(tally.notEnvelope).as("answers outside the envelope").isEmpty();
            softly.assertThat(untouched.result().get("title").asString()).isEqualTo("mine");
            softly.assertThat(untouched.result().get("likeCount").asInt()).isEqualTo(1);
        });
    }

    @Test
    void identityComesFromTheTokenNeverFromHeadersOrParameters() {
        String[] spoofed = {"X-User-Id", String.valueOf(alice.id()), "X-User-Name", alice.name(), "X-User-Role", "ADMIN",
                "X-Forwarded-User", alice.name(), "X-Auth-Request-User", alice.name(), "X-Remote-User", alice.name(),
                "X-Original-URL", "/internal/users?ids=" + alice.id(), "X-Rewrite-URL", "/internal/users?ids=" + alice.id()};
        Probe.Tally tally = new Probe.Tally();

        Answer me = tally.record(Probe.send(Request.of("me as bob", "GET", "/api/v1/users/me", bob.token()).withHeaders(spoofed)));
        Answer mine = tally.record(Probe.send(Request.of("my posts as bob", "GET", "/api/v1/posts/my?userId=" + alice.id(),
                bob.token()).withHeaders(spoofed)));
        Answer alarms = tally.record(Probe.send(Request.of("alarms as bob", "GET", "/api/v1/users/alarm?userId=" + alice.id(),
                bob.token()).withHeaders(spoofed)));
        Answer created = tally.record(Probe.send(Request.json("create as bob", "POST", "/api/v1/posts", bob.token(),
                "{\"title\":\"t\",\"body\":\"b\",\"userId\":" + alice.id() + ",\"user\":{\"id\":" + alice.id() + "}}").withHeaders(spoofed)));
        Answer edit = tally.record(Probe.send(Request.json("edit alice's post as bob", "PUT", "/api/v1/posts/" + alicePost,
                bob.token(), "{\"title\":\"pwned\",\"body\":\"b\"}").withHeaders(spoofed)));
        Answer delete = tally.record(Probe.send(Request.of("delete alice's post as bob", "DELETE", "/api/v1/posts/" + alicePost,
                bob.token()).withHeaders(spoofed)));
        Answer noToken = tally.record(Probe.send(Request.of("me without a token", "GET", "/api/v1/users/me", null).withHeaders(spoofed)));
        Answer join = tally.record(Probe.sendPatiently(Request.json("join as admin", "POST", "/api/v1/users/join", null,
                "{\"name\":\"admin_" + System.nanoTime() % 1_000_000 + "\",\"password\":\"secret-password-1\",\"role\":\"ADMIN\",\"id\":" + alice.id() + "}")));

        System.out.printf("CHAOS attack-identity: %s%n", tally.summary());
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(me.result().get("id").asLong()).as("me").isEqualTo(bob.id());
            softly.assertThat(mine.result().get("content")).as("bob's posts").allSatisfy(post ->
                    assertThat(post.get("user").get("id").asLong()).isEqualTo(bob.id()));
            softly.assertThat(alarms.result().get("totalElements").asLong()).as("bob's alarms").isZero();
            softly.assertThat(created.result().get("user").get("id").asLong()).as("author of bob's post").isEqualTo(bob.id());
            softly.assertThat(edit.status()).isEqualTo(403);
            softly.assertThat(edit.resultCode()).isEqualTo("INVALID_PERMISSION");
            softly.assertThat(delete.status()).isEqualTo(403);
            softly.assertThat(noToken.status()).isEqualTo(401);
            softly.assertThat(join.status()).isEqualTo(200);
            softly.assertThat(join.result().get("role").asString()).as("role chosen at join").isEqualTo("USER");
            softly.assertThat(join.result().get("id").asLong()).isNotEqualTo(alice.id());
            softly.assertThat(tally.notEnvelope).as("answers outside the envelope").isEmpty();
        });
    }

    @Test
    void otherUsersDataCannotBeChangedOrReadById() throws Exception {
        Probe.Tally tally = new Probe.Tally();
        List<String> successes = new ArrayList<>();
        for (Request request : List.of(
                Request.json("edit", "PUT", "/api/v1/posts/" + alicePost, bob.token(), "{\"title\":\"pwned\",\"body\":\"pwned\"}"),
                Request.of("delete", "DELETE", "/api/v1/posts/" + alicePost, bob.token()),
                Request.of("alarms of alice by path", "GET", "/api/v1/users/" + alice.id() + "/alarm", bob.token()),
                Request.of("alice by id", "GET", "/api/v1/users/" + alice.id(), bob.token()),
                Request.of("alice's posts by path", "GET", "/api/v1/users/" + alice.id() + "/posts", bob.token()),
                Request.of("alarm by id", "GET", "/api/v1/users/alarm/1", bob.token()))) {
            Answer answer = tally.record(Probe.send(request));
            if (answer.status() / 100 == 2) {
                successes.add(answer.toString());
            }
        }
        // bob's unlike takes back bob's like only, whoever else liked the post
        Answer unlike = tally.record(Probe.send(Request.of("unlike", "DELETE", "/api/v1/posts/" + alicePost + "/likes", bob.token())));
        Answer post = tally.record(Probe.send(Request.of("alice's post", "GET", "/api/v1/posts/" + alicePost, bob.token())));
        Answer bobsAlarms = tally.record(Probe.send(Request.of("bob's alarms", "GET", "/api/v1/users/alarm", bob.token())));
        // a stream that asks for a replay from the first alarm ever gets its own alarms only
        List<SseSubscriber.Event> replayed;
        try (SseSubscriber stream = new SseSubscriber(bob.token(), "0")) {
            assertThat(stream.status(Duration.ofSeconds(20))).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events().isEmpty());
            Probe.sleep(Duration.ofSeconds(2)); // a replay follows "connect completed" at once
            replayed = List.copyOf(stream.events());
        }

        System.out.printf("CHAOS attack-foreign-data: %s; %d of them succeeded%n", tally.summary(), successes.size());
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(successes).as("requests on alice's data that succeeded").isEmpty();
            softly.assertThat(unlike.status()).isEqualTo(200);
            softly.assertThat(post.result().get("title").asString()).isEqualTo("mine");
            softly.assertThat(post.result().get("body").asString()).isEqualTo("only I may change this");
            softly.assertThat(post.result().get("likeCount").asInt()).as("carol's like stays").isEqualTo(1);
            softly.assertThat(bobsAlarms.result().get("totalElements").asLong()).isZero();
            softly.assertThat(replayed).extracting(SseSubscriber.Event::data).containsExactly("connect completed");
            softly.assertThat(tally.notEnvelope).as("answers outside the envelope").isEmpty();
        });
    }

    @Test
    void internalEndpointsAreNotReachableThroughTheGateway() {
        String ids = "?ids=" + alice.id() + "," + bob.id();
        Probe.Tally tally = new Probe.Tally();
        List<String> reached = new ArrayList<>();
        int webClientPages = 0;
        for (String path : List.of("/internal/users" + ids, "//internal/users" + ids, "/internal/users/" + ids,
                "/INTERNAL/users" + ids, "/internal;x=y/users" + ids, "/internal/%75sers" + ids,
                "/api/v1/users/../../internal/users" + ids, "/api/v1/users/%2e%2e/%2e%2e/internal/users" + ids,
                "/api/v1/users/..%2f..%2finternal%2fusers" + ids, "/api/v1/users/%2E%2E%2F%2E%2E%2Finternal%2Fusers" + ids,
                "/api/v1/users/..;/..;/internal/users" + ids, "/api/v1/users/./../../internal/users" + ids,
                "/api/v1/posts/../../internal/users" + ids, "/api/v1/users/alarm/../../../internal/users" + ids,
                "/api/v1/users/internal/users" + ids, "/api/v1/users/%5C..%5C..%5Cinternal%5Cusers" + ids,
                "/api/v1/users/%252e%252e/%252e%252e/internal/users" + ids, "/api/v1/users/..%00/../internal/users" + ids,
                "/actuator/prometheus", "/actuator/metrics", "/actuator/health", "/actuator/env", "/actuator/configprops", "/actuator/heapdump", "/actuator/gateway/routes", "/actuator/loggers",
                "/api/v1/users/../../actuator/env", "/eureka/apps", "/config/user-service/local",
                "/api/v1/posts/../../../config/user-service/local")) {
            for (String token : new String[] {bob.token(), null}) {
                Answer answer = Probe.send(Request.of("GET " + path, "GET", path, token));
                if (answer.isWebClientPage()) { // the browser app's deep-link fallback: a page, not the endpoint
                    webClientPages++;
                    continue;
                }
                tally.record(answer);
                if (answer.status() / 100 == 2 || answer.body().contains(alice.name()) || answer.body().contains("PRIVATE KEY")
                        || answer.body().contains("password")) {
                    reached.add(answer.toString());
                }
            }
        }

        System.out.printf("CHAOS attack-internal: %s, and %d answered with the web client's page; %d reached something%n",
                tally.summary(), webClientPages, reached.size());
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(reached).as("internal endpoints reached").isEmpty();
            softly.assertThat(tally.serverErrors).as("5xx").isEmpty();
            softly.assertThat(tally.noAnswer).as("requests without an answer").isEmpty();
            softly.assertThat(tally.notEnvelope).as("answers outside the envelope").isEmpty();
        });
    }

    @Test
    void guessingAPasswordRunsIntoTheRateLimit() throws Exception {
        List<Request> guesses = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // a botnet would come from many addresses: forwarded headers must not make it look so
            guesses.add(Request.json("guess " + i, "POST", "/api/v1/users/login", null,
                    "{\"name\":\"" + alice.name() + "\",\"password\":\"guess-" + i + "-password\"}").withHeaders(
                    "X-Forwarded-For", "203.0.113." + i, "X-Real-IP", "198.51.100." + i, "Forwarded", "for=192.0.2." + i));
        }
        // all at once, as a script would fire them, without waiting for the (slow, BCrypt) answers
        Probe.Tally tally = new Probe.Tally();
        ExecutorService attackers = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<Answer>> answers = new ArrayList<>();
        for (Request guess : guesses) {
            answers.add(attackers.submit(() -> tally.record(Probe.send(guess))));
        }
        int limited = 0;
        int wrongPassword = 0;
        List<String> successes = new ArrayList<>();
        for (Future<Answer> answer : answers) {
            Answer a = answer.get();
            limited += a.status() == 429 && "TOO_MANY_REQUESTS".equals(a.resultCode()) && a.retryAfter().isPresent() ? 1 : 0;
            wrongPassword += a.status() == 401 && "INVALID_PASSWORD".equals(a.resultCode()) ? 1 : 0;
            if (a.status() / 100 == 2) {
                successes.add(a.toString());
            }
        }
        attackers.shutdown();

        System.out.printf("CHAOS attack-brute-force: %d login guesses at once with rotating forwarded "
                + "headers: %d successes, %d INVALID_PASSWORD, %d TOO_MANY_REQUESTS; %s%n",
                guesses.size(), successes.size(), wrongPassword, limited, tally.summary());
        assertThat(successes).as("guesses that logged in").isEmpty();
        assertThat(limited).as("guesses stopped by the rate limit (429 with Retry-After)").isGreaterThan(0);
        assertThat(limited + wrongPassword).as("every guess refused").isEqualTo(guesses.size());
        assertThat(tally.notEnvelope).as("answers outside the envelope").isEmpty();
    }
}
