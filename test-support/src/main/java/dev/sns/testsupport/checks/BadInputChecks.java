package dev.sns.testsupport.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Probe;
import dev.sns.testsupport.Probe.Answer;
import dev.sns.testsupport.Probe.Request;
import dev.sns.testsupport.Users;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A generated batch of malformed requests against every endpoint, through the gateway: broken JSON, wrong types,
 * 5 MB bodies (413 at the gateway), Unicode edge cases, odd ids and page numbers, unknown fields, wrong content types, injection strings.
 * Not one may end in a 5xx or outside the envelope; injection strings that are valid input come back verbatim.
 * <p>Run by e2e-tests ({@code BadInputE2ETest}, ./sns test) and chaos-tests ({@code BadInputChaosTest}, ./sns chaos), which extend it.
 */
public abstract class BadInputChecks {

    /** SQL, script, template, path and shell injection attempts: valid text for a title, body or comment. */
    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1", "'; DROP TABLE posts; --", "1; DELETE FROM likes WHERE 1=1", "\" OR \"\"=\"",
            "admin'--", "' UNION SELECT user_name, password FROM sns_user.users --", "1' AND SLEEP(5)#",
            "<script>alert(document.cookie)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
            "\"><svg/onload=alert(1)>", "${jndi:ldap://127.0.0.1:1389/a}", "{{7*7}}", "#{7*7}", "${7*7}",
            "<%= 7*7 %>", "../../../../etc/passwd", "%00%0d%0aSet-Cookie: x=y", "$(rm -rf /)", "`id`",
            "{\"$gt\": \"\"}", "\\u0000\\x00", "--><!--", "\r\nX-Injected: 1");

    /** Unicode that is valid text and must survive the round trip unchanged. */
    static final List<String> UNICODE = List.of(
            "😀👍🏽👨‍👩‍👧‍👦", "한글 제목 テスト 中文", "\u202Eevil\u202C right-to-left override", "e\u0301\u0301\u0301 combining",
            "zero\u200Bwidth\u200Djoiner\uFEFF", "𝕳𝖊𝖑𝖑𝖔 𝟘𝟙𝟚", "\uFFFD replacement", "tab\tnew\nline\r\n", "null\u0000byte",
            "\uE000 private use \uFFFF", "Ω≈ç√∫˜µ≤≥÷", "ـــ عربي ـــ", "ﷺ ﷽", "\u00A0 nbsp \u3000 ideographic");

    static final List<String> BROKEN_JSON = List.of(
            "{", "}", "{\"title\":", "{\"title\":\"a\",}", "{\"title\":\"a\" \"body\":\"b\"}", "{'title':'a','body':'b'}",
            "{title:\"a\",body:\"b\"}", "[]", "[{\"title\":\"a\"}]", "null", "\"\"", "0", "true", "{\"title\":\"a\",\"body\":\"b\"}}",
            "{\"title\":\"a\",\"body\":\"b\"} trailing", "{\"title\":\"unterminated}", "{\"title\":\"\\x41\"}",
            "{\"title\":\"\\uZZZZ\"}", "{\"title\":NaN,\"body\":Infinity}", "{\"title\":\"a\" /* comment */,\"body\":\"b\"}",
            "\uFEFF{\"title\":\"a\",\"body\":\"b\"}", "{\"title\":\"a\",\"title\":\"b\",\"body\":\"c\"}", "   ", "",
            "{\"a\":" .repeat(2000) + "1" + "}".repeat(2000), "[".repeat(100_000), "{\"title\":1e999999999,\"body\":\"b\"}",
            "{\"title\":" + "9".repeat(5000) + ",\"body\":\"b\"}", "\u0000\u0001\u0002", "<xml><title>a</title></xml>",
            "title=a&body=b");

    /** Values of the wrong JSON type for a string field. */
    static final List<String> WRONG_TYPES = List.of("123", "-1.5e300", "true", "null", "[]", "[\"a\",\"b\"]", "{}",
            "{\"value\":\"a\"}", "\"\"", "\"   \"", "\"\\u0000\"", "\"\\ud800\"");

    static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/json; charset=nonsense",
            "application/json; charset=", "application/", "*/*", "application/octet-stream", "text/html; charset=utf-8",
            "application/merge-patch+json", "application/json;;;", "\u00e9/\u00e9");

    static final List<String> IDS = List.of("-1", "0", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "99999999999999999999999999", "abc", "1.5", "1e3", "0x10", "%00", "%20", "1%20OR%201=1", "1'%20OR%20'1'='1",
            "1;DROP%20TABLE%20posts", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "null", "undefined", "NaN", "%E2%80%8B1",
            "%F0%9F%98%80", "1".repeat(2000), "%2e%2e", "true", "%5B1%5D", "%7Bid%7D", "--1", "1-", "%25", "%C0%AF");

    static final List<String> PAGING = List.of("page=-1", "page=-2147483649", "page=2147483647", "page=9999999999999999999",
            "page=1e10", "page=abc", "page=", "page=%00", "page=undefined", "page=1&page=2", "size=0", "size=-1",
            "size=101", "size=2147483648", "size=abc", "size=1.5", "sort=title", "sort=id,sideways", "sort=id,asc,desc",
            "sort=registeredAt,ASC", "sort=", "sort=id%3BDROP%20TABLE%20posts", "sort=password", "sort=user.password",
            "sort=id&sort=registeredAt", "page=2147483647&size=100", "page=21474836&size=100", "page=99999&size=100",
            "unknown=1", "page%5B%5D=1", "page=%F0%9F%98%80", "sort=id,%27", "sort=%28select%201%29", "size=100&page=-5",
            "page=0x10", "sort=,,,");

    @Test
    void aThousandMalformedRequestsGetNoServerErrorAndAlwaysTheEnvelope() throws Exception {
        Users.User alice = Users.newUser("bad_alice");
        Users.User bob = Users.newUser("bad_bob");
        long postId = Gateway.post("/api/v1/posts", alice.token(), "{\"title\":\"target\",\"body\":\"of bad input\"}")
                .result().get("id").asLong();
        Gateway.post("/api/v1/posts/" + postId + "/comments", bob.token(), "{\"comment\":\"first\"}");

        List<Request> auth = new ArrayList<>(); // join and login: behind the rate limit, sent one by one
        List<Request> other = new ArrayList<>();

        // bodies of every endpoint that reads JSON
        record BodyEndpoint(String name, String method, String path, String token, Function<String, String> withValue,
                            List<String> fields) {
        }
        List<BodyEndpoint> bodyEndpoints = List.of(
                new BodyEndpoint("join", "POST", "/api/v1/users/join", null,
                        v -> "{\"name\":" + v + ",\"password\":\"secret-password-1\"}", List.of("name", "password")),
                new BodyEndpoint("login", "POST", "/api/v1/users/login", null,
                        v -> "{\"name\":" + v + ",\"password\":\"secret-password-1\"}", List.of("name", "password")),
                new BodyEndpoint("create post", "POST", "/api/v1/posts", alice.token(),
                        v -> "{\"title\":" + v + ",\"body\":\"b\"}", List.of("title", "body")),
                new BodyEndpoint("edit post", "PUT", "/api/v1/posts/" + postId, alice.token(),
                        v -> "{\"title\":" + v + ",\"body\":\"b\"}", List.of("title", "body")),
                new BodyEndpoint("comment", "POST", "/api/v1/posts/" + postId + "/comments", bob.token(),
                        v -> "{\"comment\":" + v + "}", List.of("comment")));
        for (BodyEndpoint endpoint : bodyEndpoints) {
            List<Request> target = endpoint.token() == null ? auth : other;
            for (String broken : BROKEN_JSON) {
                target.add(Request.json(endpoint.name() + " broken JSON " + abbreviate(broken), endpoint.method(),
                        endpoint.path(), endpoint.token(), broken));
            }
            for (String field : endpoint.fields()) {
                for (String wrong : WRONG_TYPES) {
                    String body = wrongTypeBody(endpoint.name(), field, wrong);
                    target.add(Request.json(endpoint.name() + " " + field + "=" + wrong, endpoint.method(), endpoint.path(),
                            endpoint.token(), body));
                }
            }
            for (String contentType : CONTENT_TYPES) {
                target.add(new Request(endpoint.name() + " as " + contentType, endpoint.method(), endpoint.path(),
                        endpoint.token(), contentType, endpoint.withValue().apply("\"valid-value-1\"").getBytes(StandardCharsets.UTF_8),
                        List.of()));
            }
            target.add(Request.of(endpoint.name() + " without a body", endpoint.method(), endpoint.path(), endpoint.token()));
            target.add(Request.json(endpoint.name() + " 5 MB string", endpoint.method(), endpoint.path(), endpoint.token(),
                    endpoint.withValue().apply("\"" + "a".repeat(5 * 1024 * 1024) + "\"")));
            target.add(Request.json(endpoint.name() + " unknown fields", endpoint.method(), endpoint.path(), endpoint.token(),
                    endpoint.withValue().apply("\"unknown-fields-1\"").replaceFirst("}$",
                            ",\"id\":1,\"userId\":1,\"role\":\"ADMIN\",\"likeCount\":1000,\"x\":{\"y\":[1,2]}}")));
            target.add(new Request(endpoint.name() + " invalid UTF-8", endpoint.method(), endpoint.path(), endpoint.token(),
                    "application/json", invalidUtf8(endpoint.withValue().apply("\"XX\"")), List.of()));
        }
        other.add(new Request("5 MB of random bytes", "POST", "/api/v1/posts", alice.token(), "application/json",
                randomBytes(5 * 1024 * 1024), List.of()));
        auth.add(new Request("5 MB of random bytes to join", "POST", "/api/v1/users/join", null, "application/json",
                randomBytes(5 * 1024 * 1024), List.of()));

        // ids in paths
        List<Function<String, Request>> idEndpoints = List.of(
                id -> Request.of("get post " + id, "GET", "/api/v1/posts/" + id, bob.token()),
                id -> Request.json("edit post " + id, "PUT", "/api/v1/posts/" + id, bob.token(), "{\"title\":\"t\",\"body\":\"b\"}"),
                id -> Request.of("delete post " + id, "DELETE", "/api/v1/posts/" + id, bob.token()),
                id -> Request.of("like " + id, "POST", "/api/v1/posts/" + id + "/likes", bob.token()),
                id -> Request.of("unlike " + id, "DELETE", "/api/v1/posts/" + id + "/likes", bob.token()),
                id -> Request.of("like count " + id, "GET", "/api/v1/posts/" + id + "/likes", bob.token()),
                id -> Request.json("comment " + id, "POST", "/api/v1/posts/" + id + "/comments", bob.token(), "{\"comment\":\"c\"}"),
                id -> Request.of("comments " + id, "GET", "/api/v1/posts/" + id + "/comments", bob.token()));
        for (String id : IDS) {
            idEndpoints.forEach(endpoint -> other.add(endpoint.apply(id)));
        }

        // paging
        for (String path : List.of("/api/v1/posts", "/api/v1/posts/my", "/api/v1/users/alarm", "/api/v1/posts/" + postId + "/comments")) {
            for (String query : PAGING) {
                other.add(Request.of("GET " + path + "?" + query, "GET", path + "?" + query, alice.token()));
            }
        }

        // wrong methods, unknown paths, odd headers
        for (String[] methodPath : new String[][] {{"PATCH", "/api/v1/posts/" + postId}, {"PUT", "/api/v1/posts"},
                {"DELETE", "/api/v1/posts"}, {"POST", "/api/v1/posts/my"}, {"PUT", "/api/v1/users/me"},
                {"DELETE", "/api/v1/users/alarm"}, {"POST", "/api/v1/users/alarm"}, {"PUT", "/api/v1/posts/" + postId + "/likes"},
                {"PATCH", "/api/v1/posts/" + postId + "/comments"}, {"DELETE", "/api/v1/posts/" + postId + "/comments"},
                {"GET", "/api/v1/users/join"}, {"GET", "/api/v1/users/login"}, {"GET", "/api/v1/"}, {"GET", "/api/v2/posts"},
                {"GET", "/api/v1/posts/" + postId + "/comments/1"}, {"GET", "/api/v1/%F0%9F%98%80"}, {"GET", "/api/v1/posts/" + postId + "/%2e%2e/%2e%2e"},
                {"GET", "/api/v1/posts//"}, {"GET", "/api/v1/posts/" + postId + ";jsessionid=1"}, {"POST", "/api/v1/users/alarm/subscribe"}}) {
            other.add(Request.of(methodPath[0] + " " + methodPath[1], methodPath[0], methodPath[1], alice.token()));
        }
        for (String[] header : new String[][] {{"Accept", "application/xml"}, {"Accept", "text/html"}, {"Accept", "image/png"},
                {"Accept", "*/*"}, {"Accept", "application/json;q=0"}, {"Accept", "nonsense"}, {"Accept-Charset", "ebcdic"},
                {"Accept-Language", "\u00e9\u00e9"}, {"If-None-Match", "*"}, {"Range", "bytes=0-1"}, {"X-HTTP-Method-Override", "DELETE"},
                {"Origin", "null"}, {"Cookie", "JSESSIONID=x; x=" + "y".repeat(1000)}, {"X-Forwarded-Host", "evil.example"}, {"X-Forwarded-Prefix", "/../../internal"}}) {
            for (String path : List.of("/api/v1/posts", "/api/v1/users/me", "/api/v1/users/alarm", "/api/v1/posts/" + postId)) {
                other.add(Request.of("GET " + path + " with " + header[0] + ": " + header[1], "GET", path, alice.token())
                        .withHeaders(header[0], header[1]));
            }
        }
        for (String authorization : List.of("Bearer ", "Bearer a.b.c", "Basic YWxpY2U6cGFzcw==", "Bearer " + "x".repeat(4000),
                "bearer " + alice.token(), "Bearer  " + alice.token(), "Bearer " + alice.token() + " extra", "Token " + alice.token(),
                "Bearer \u00e9\u00e9.\u00e9.\u00e9", "Bearer " + alice.token().replace('.', '_'))) {
            for (String path : List.of("/api/v1/posts", "/api/v1/users/me", "/api/v1/users/alarm")) {
                other.add(Request.of(path + " with Authorization: " + abbreviate(authorization), "GET", path, null)
                        .withHeaders("Authorization", authorization));
            }
        }
        for (String lastEventId : List.of("abc", "-1", "99999999999999999999", "%00", "1;DROP")) {
            other.add(Request.of("subscribe with a bad token and lastEventId=" + lastEventId, "GET",
                    "/api/v1/users/alarm/subscribe?token=not-a-token&lastEventId=" + lastEventId, null));
        }

        // valid input that looks like an attack, or like no text at all: stored and returned as sent
        List<String> verbatim = new ArrayList<>(INJECTIONS);
        verbatim.addAll(UNICODE);
        Collections.shuffle(other);

        Probe.Tally tally = new Probe.Tally();
        List<String> notVerbatim = Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(4);
        List<Future<?>> jobs = new ArrayList<>();
        jobs.add(workers.submit(() -> auth.forEach(request -> tally.record(Probe.sendPatiently(request)))));
        for (int w = 0; w < 3; w++) {
            int worker = w;
            jobs.add(workers.submit(() -> {
                for (int i = worker; i < other.size(); i += 3) {
                    tally.record(Probe.sendPatiently(other.get(i)));
                }
                for (int i = worker; i < verbatim.size(); i += 3) {
                    checkVerbatim(verbatim.get(i), alice, bob, tally, notVerbatim);
                }
            }));
        }
        for (Future<?> job : jobs) {
            job.get();
        }
        workers.shutdown();

        System.out.printf("CHAOS bad-input: %s (first answers, only the join/login rate limit waited out); "
                        + "%d injection/unicode strings round-tripped, %d changed%n",
                tally.summary(), verbatim.size(), notVerbatim.size());
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(tally.requests.get()).isGreaterThanOrEqualTo(1000);
            softly.assertThat(tally.serverErrors).as("answers with a 5xx").isEmpty();
            softly.assertThat(tally.noAnswer).as("requests without an answer").isEmpty();
            softly.assertThat(tally.notEnvelope).as("answers outside the envelope").isEmpty();
            softly.assertThat(notVerbatim).as("valid text not returned verbatim").isEmpty();
        });

        // the attacks were data, not code: the tables are there, the target post unchanged except by its owner
        Answer target = Probe.send(Request.of("target", "GET", "/api/v1/posts/" + postId, alice.token()));
        assertThat(target.status()).isEqualTo(200);
        assertThat(target.result().get("user").get("id").asLong()).isEqualTo(alice.id());
        assertThat(target.result().get("likeCount").asInt()).isLessThanOrEqualTo(1);
        assertThat(Gateway.get("/api/v1/posts?size=1", bob.token()).status()).isEqualTo(200);
    }

    /**
     * The string as a post title, a post body and a comment: each answer and each later read returns it unchanged.
     * Titles are limited to 200 characters, so longer strings go into the body only.
     */
    private static void checkVerbatim(String text, Users.User author, Users.User commenter, Probe.Tally tally, List<String> changed) {
        String json = Gateway.JSON.writeValueAsString(text);
        Answer created = tally.record(Probe.sendPatiently(Request.json("post " + abbreviate(text), "POST", "/api/v1/posts",
                author.token(), "{\"title\":" + json + ",\"body\":" + json + "}")));
        if (created.status() != 200) {
            changed.add("post not created: " + created);
            return;
        }
        long id = created.result().get("id").asLong();
        Answer read = tally.record(Probe.sendPatiently(Request.of("read " + abbreviate(text), "GET", "/api/v1/posts/" + id, commenter.token())));
        for (JsonNode post : List.of(created.result(), read.result())) {
            if (!text.equals(post.get("title").asString()) || !text.equals(post.get("body").asString())) {
                changed.add("post " + id + ": sent " + json + ", got " + post.get("title") + " / " + post.get("body"));
            }
        }
        Answer comment = tally.record(Probe.sendPatiently(Request.json("comment " + abbreviate(text), "POST",
                "/api/v1/posts/" + id + "/comments", commenter.token(), "{\"comment\":" + json + "}")));
        Answer comments = tally.record(Probe.sendPatiently(Request.of("comments of " + id, "GET", "/api/v1/posts/" + id + "/comments",
                author.token())));
        if (comment.status() != 200 || !text.equals(comment.result().get("comment").asString())
                || !text.equals(comments.result().get("content").get(0).get("comment").asString())) {
            changed.add("comment on " + id + ": sent " + json + ", got " + comment.body() + " / " + comments.body());
        }
    }

    /** A body for the endpoint with {@code field} set to {@code value} (raw JSON) and the other fields valid. */
    private static String wrongTypeBody(String endpoint, String field, String value) {
        return switch (endpoint) {
            case "join", "login" -> field.equals("name")
                    ? "{\"name\":" + value + ",\"password\":\"secret-password-1\"}"
                    : "{\"name\":\"nobody_" + Math.abs(value.hashCode()) + "\",\"password\":" + value + "}";
            case "comment" -> "{\"comment\":" + value + "}";
            default -> field.equals("title") ? "{\"title\":" + value + ",\"body\":\"b\"}" : "{\"title\":\"t\",\"body\":" + value + "}";
        };
    }

    /** The JSON with its {@code XX} replaced by bytes that are not UTF-8 (a lone continuation byte, an overlong '/'). */
    private static byte[] invalidUtf8(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        int at = json.indexOf("XX");
        bytes[at] = (byte) 0x80;
        bytes[at + 1] = (byte) 0xC0;
        return bytes;
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new java.util.Random(42).nextBytes(bytes);
        return bytes;
    }

    static String abbreviate(String text) {
        String oneLine = text.replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() > 40 ? oneLine.substring(0, 40) + "…(" + text.length() + ")" : oneLine;
    }
}
