package dev.sns.testsupport;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Raw requests for bad-input and attack tests: any method, path, header and body bytes, sent through the gateway as
 * they are, and a check that the answer is the API's envelope. Unlike {@link Gateway#call}, nothing is assumed about
 * the answer (it may be empty, HTML or not JSON at all: that is what these tests look for).
 */
public final class Probe {

    /** One request to send. {@code body} null means none; {@code contentType} null means no such header. */
    public record Request(String label, String method, String path, String token, String contentType, byte[] body,
                          List<String> headers) {

        public static Request of(String label, String method, String path, String token) {
            return new Request(label, method, path, token, null, null, List.of());
        }

        public static Request json(String label, String method, String path, String token, String json) {
            return new Request(label, method, path, token, "application/json", json.getBytes(StandardCharsets.UTF_8), List.of());
        }

        public Request withBody(String contentType, byte[] body) {
            return new Request(label, method, path, token, contentType, body, headers);
        }

        public Request withHeaders(String... nameValues) {
            List<String> all = new ArrayList<>(headers);
            all.addAll(List.of(nameValues));
            return new Request(label, method, path, token, contentType, body, all);
        }
    }

    public record Answer(Request request, int status, String body, Optional<String> retryAfter, String contentType, JsonNode json) {

        public String resultCode() {
            return json == null || !json.path("resultCode").isString() ? null : json.get("resultCode").asString();
        }

        public JsonNode result() {
            return json == null ? null : json.get("result");
        }

        /** A conditional GET's 304 (e.g. {@code If-None-Match: *}), which has no body by definition (RFC 9110). */
        public boolean isNotModified() {
            return status == 304 && body.isEmpty();
        }

        /** The API.md envelope: resultCode always, result always (maybe null), resultMessage on every error. */
        /** The web client's page, which the gateway serves for any GET outside /api (deep links of the browser app). */
        public boolean isWebClientPage() {
            return status == 200 && contentType.startsWith("text/html") && !request.path().startsWith("/api/")
                    && body.contains("<!doctype html>");
        }

        public boolean isEnvelope() {
            if (json == null || !json.isObject() || resultCode() == null || !json.has("result")) {
                return false;
            }
            boolean success = "SUCCESS".equals(resultCode());
            if (status >= 200 && status < 300) {
                return success;
            }
            return !success && json.path("resultMessage").isString() && !json.has("timestamp") && !json.has("trace");
        }

        @Override
        public String toString() {
            String shown = body.length() > 300 ? body.substring(0, 300) + "…" : body;
            return request.label() + " → " + status + " " + shown.replace('\n', ' ');
        }
    }

    public static Answer send(Request request) {
        return send(request, Duration.ofSeconds(30));
    }

    public static Answer send(Request request, Duration timeout) {
        HttpRequest.BodyPublisher publisher = request.body() == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder builder = Gateway.request(Gateway.uri(request.path()), timeout, request.method(), publisher,
                request.contentType(), request.token(), request.headers().toArray(String[]::new));
        HttpResponse<String> response;
        try {
            response = Gateway.send(builder.build());
        } catch (java.io.UncheckedIOException e) { // no answer at all (timed out, connection reset): status -1
            return new Answer(request, -1, e.getCause().toString(), Optional.empty(), "", null);
        }
        JsonNode json = null;
        try {
            json = Gateway.JSON.readTree(response.body());
        } catch (RuntimeException notJson) {
            // left null: not the envelope
        }
        return new Answer(request, response.statusCode(), response.body(), response.headers().firstValue("Retry-After"),
                response.headers().firstValue("Content-Type").orElse(""), json);
    }

    /**
     * Sends the request as a polite client would: a 429 of the join/login rate limit is waited out (Retry-After) and
     * the request sent again, so that the answer is the service's, not the limiter's. Nothing else is tried again: the
     * first answer of the service is the one counted, a 503 included.
     */
    public static Answer sendPatiently(Request request) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Answer answer = send(request);
            if (answer.status() == 429 && System.nanoTime() < deadline) {
                sleep(Duration.ofMillis(Math.max(200, 1000L * answer.retryAfter().map(Long::parseLong).orElse(1L))));
            } else {
                return answer; // a 503 is counted as it came: nothing here is a deliberate outage
            }
        }
    }

    /** Tallies answers by status and the problems found, for the test's summary line and assertion messages. */
    public static final class Tally {
        public final AtomicInteger requests = new AtomicInteger();
        public final Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        public final List<String> serverErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        public final List<String> notEnvelope = java.util.Collections.synchronizedList(new ArrayList<>());
        public final List<String> noAnswer = java.util.Collections.synchronizedList(new ArrayList<>());

        public Answer record(Answer answer) {
            requests.incrementAndGet();
            byStatus.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
            if (answer.status() >= 500) {
                serverErrors.add(answer.toString());
            }
            if (answer.status() < 0) {
                noAnswer.add(answer.toString());
            } else if (!answer.isEnvelope() && !answer.isNotModified()) {
                notEnvelope.add(answer.toString());
            }
            return answer;
        }

        public String summary() {
            return requests.get() + " requests, " + (serverErrors.size() + noAnswer.size() + notEnvelope.size()) + " failed ("
                    + serverErrors.size() + " 5xx, " + noAnswer.size() + " without an answer, " + notEnvelope.size()
                    + " not in the envelope), by status " + new java.util.TreeMap<>(byStatus);
        }
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Probe() {
    }
}
