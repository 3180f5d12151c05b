package dev.sns.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.alarm.consumer.PostEventHandler;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Conditional GET of the alarm list: one tag per user and read state, a 304 while neither alarms nor marks move. */
class AlarmConditionalGetTest extends AlarmTestSupport {

    private static final String LIST = "/api/v1/users/alarm";

    @Autowired
    PostEventHandler handler;

    @Test
    void theListCarriesAPerCallerTagAnd304sWhileNothingChanged() throws Exception {
        long owner = newUser();
        store(owner, 2);

        HttpResponse<String> first = get(LIST, token(owner));
        String tag = tag(first);
        HttpResponse<String> again = get(LIST, token(owner), "If-None-Match", tag);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(tag).startsWith("W/\"");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("max-age=0, must-revalidate, private");
        assertThat(first.headers().firstValue("Vary")).hasValue("Authorization");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(tag(again)).isEqualTo(tag);
        assertThat(again.headers().firstValue("Vary")).hasValue("Authorization");
        assertThat(get(LIST, token(owner), "If-None-Match", "*").statusCode()).isEqualTo(304);
        assertThat(get(LIST + "?size=1", token(owner), "If-None-Match", tag).statusCode()).as("another page").isEqualTo(200);
    }

    @Test
    void theTagChangesWithANewAlarmAndWithMarkingRead() throws Exception {
        long owner = newUser();
        store(owner, 1);
        String tag = tag(get(LIST, token(owner)));

        store(owner, 1);
        HttpResponse<String> afterAlarm = get(LIST, token(owner), "If-None-Match", tag);
        assertThat(afterAlarm.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(afterAlarm.body()).at("/result/totalElements").asLong()).isEqualTo(2);

        String beforeRead = tag(afterAlarm);
        assertThat(post(LIST + "/read", token(owner), null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> afterRead = get(LIST, token(owner), "If-None-Match", beforeRead);
        assertThat(afterRead.statusCode()).as("the read flags changed").isEqualTo(200);
        assertThat(JSON.readTree(afterRead.body()).at("/result/content/0/read").asBoolean()).isTrue();

        post(LIST + "/read", token(owner), null, null); // read already: nothing changes
        assertThat(get(LIST, token(owner), "If-None-Match", tag(afterRead)).statusCode()).isEqualTo(304);
    }

    @Test
    void anotherUsersTagNeverMatches() throws Exception {
        long alice = newUser();
        long bob = newUser();
        long carol = newUser(); // like Bob, no alarm at all: the same body, yet not the same tag

        String alices = tag(get(LIST, token(alice)));
        String bobs = tag(get(LIST, token(bob)));

        assertThat(alices).isNotEqualTo(bobs);
        assertThat(get(LIST, token(carol), "If-None-Match", bobs).statusCode()).isEqualTo(200);
        assertThat(get(LIST, token(bob), "If-None-Match", bobs).statusCode()).isEqualTo(304);
    }

    private static String tag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow();
    }

    private List<AlarmResponse> store(long owner, int count) {
        return handler.handle(IntStream.range(0, count)
                .mapToObj(i -> PostEvents.received(PostEvents.likeEvent(PostEvents.newEventId(), 1500 + i, owner, newUser())))
                .toList());
    }
}
