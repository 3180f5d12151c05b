package dev.sns.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.alarm.consumer.PostEvent;
import dev.sns.alarm.consumer.PostEventHandler;
import dev.sns.alarm.consumer.PostEventType;
import dev.sns.infra.TestInfra;
import dev.sns.testsupport.SseEvent;
import dev.sns.testsupport.SseStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** An instance whose Redis is unreachable still starts, stores alarms and pushes them to its own streams. */
class RedisOutageTest extends AlarmTestSupport {

    @Test
    void withoutRedisAnAlarmStillReachesTheStreamsOfTheInstanceThatStoredIt() throws Exception {
        int deadRedisPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadRedisPort = socket.getLocalPort(); // closed again: nothing listens there
        }
        Map<String, String> infra = new java.util.HashMap<>(TestInfra.properties());
        infra.put("SNS_REDIS_PORT", String.valueOf(deadRedisPort));
        List<String> args = new ArrayList<>();
        infra.forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--server.port=0");
        args.add("--spring.kafka.listener.auto-startup=false");

        try (ConfigurableApplicationContext noRedis = new SpringApplicationBuilder(AlarmApplication.class)
                .run(args.toArray(String[]::new))) {
            int portC = streamPort(noRedis);
            long owner = newUser();
            try (SseStream stream = subscribe(portC, owner, Map.of())) {
                assertConnected(stream);

                List<AlarmResponse> handled = noRedis.getBean(PostEventHandler.class).handle(List.of(PostEvents.received(
                        new PostEvent(PostEvents.newEventId(), PostEventType.NEW_COMMENT_ON_POST, 1201L, owner, newUser(),
                                "commenter", 9L, Instant.now()))));
                assertThat(handled).hasSize(1);
                AlarmResponse alarm = handled.getFirst();

                SseEvent pushed = stream.next(Duration.ofSeconds(2));
                assertThat(pushed.id()).isEqualTo(String.valueOf(alarm.id()));
                assertThat(JSON.readTree(pushed.data())).isEqualTo(alarms(owner, "").get("content").get(0));
            }
        }
    }
}
