package dev.sns.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.SseEvent;
import dev.sns.testsupport.SseStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Overload is refused, never fatal: an instance that admits 5 streams answers a burst of 40 more with 503 and
 * {@code Retry-After}, stays healthy, keeps consuming alarms and pushing them to the streams it holds, and admits a
 * new stream once one of them ends. (The heartbeat is short so that a closed stream is noticed quickly.)
 */
@TestPropertySource(properties = {"sns.alarm.stream.max-streams=5", "sns.alarm.stream.heartbeat=500ms"})
class StreamAdmissionTest extends AlarmTestSupport {

    @Test
    void aBurstPastTheCapIsRefusedWhileTheAdmittedStreamsKeepGettingAlarms() throws Exception {
        long owner = newUser();
        List<SseStream> admitted = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                SseStream stream = subscribe(owner);
                assertConnected(stream);
                admitted.add(stream);
            }

            List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                HttpRequest request = Gateway.request(streamUri("/api/v1/users/alarm/subscribe"), Duration.ofSeconds(10),
                        "GET", HttpRequest.BodyPublishers.noBody(), null, token(newUser()), "Accept", "text/event-stream").build();
                burst.add(SseStream.HTTP_1_1.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> answer : burst) {
                HttpResponse<String> refused = answer.get();
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 5));
                JsonNode body = JSON.readTree(refused.body());
                assertThat(body.get("resultCode").asString()).isEqualTo("SERVICE_UNAVAILABLE");
            }

            Gateway.Reply health = api().get("/actuator/health", null);
            assertThat(health.status()).as(health.body()).isEqualTo(200);
            assertThat(JSON.readTree(health.body()).get("status").asString()).isEqualTo("UP");
            Gateway.Reply ready = api().get("/readyz", null); // what ./sns, the image and compose wait on, no token
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            assertThat(JSON.readTree(ready.body()).get("status").asString()).isEqualTo("UP");

            PostEvents.send(owner, PostEvents.like(PostEvents.newEventId(), 4001, owner, newUser()));
            for (SseStream stream : admitted) {
                SseEvent alarm = stream.next(Duration.ofSeconds(10));
                assertThat(JSON.readTree(alarm.data()).get("alarmArgs").get("targetId").asLong()).isEqualTo(4001);
            }

            admitted.removeFirst().close();
            // the server notices the closed stream at its next heartbeat; then a new one gets its place
            SseStream again = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> SseStream.open(streamUri("/api/v1/users/alarm/subscribe"),
                            java.util.Map.of("Authorization", "Bearer " + token(owner))), opened -> {
                        if (opened.status() == 200) {
                            return true;
                        }
                        opened.close();
                        return false;
                    });
            admitted.add(again);
            assertConnected(again);
        } finally {
            for (SseStream stream : admitted) {
                stream.close();
            }
        }
    }
}
