package dev.sns.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.alarm.consumer.PostEventHandler;
import dev.sns.testsupport.Gateway;
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

        Gateway.Reply first = api().get(LIST, token(owner));
        String tag = tag(first);
        Gateway.Reply again = api().get(LIST, token(owner), "If-None-Match", tag);

        assertThat(first.status()).isEqualTo(200);
        assertThat(tag).startsWith("W/\"");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("max-age=0, must-revalidate, private");
        assertThat(first.headers().firstValue("Vary")).hasValue("Authorization");
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(tag(again)).isEqualTo(tag);
        assertThat(again.headers().firstValue("Vary")).hasValue("Authorization");
        assertThat(api().get(LIST, token(owner), "If-None-Match", "*").status()).isEqualTo(304);
        assertThat(api().get(LIST + "?size=1", token(owner), "If-None-Match", tag).status()).as("another page").isEqualTo(200);
    }

    @Test
    void theTagChangesWithANewAlarmAndWithMarkingRead() throws Exception {
        long owner = newUser();
        store(owner, 1);
        String tag = tag(api().get(LIST, token(owner)));

        store(owner, 1);
        Gateway.Reply afterAlarm = api().get(LIST, token(owner), "If-None-Match", tag);
        assertThat(afterAlarm.status()).isEqualTo(200);
        assertThat(JSON.readTree(afterAlarm.body()).at("/result/totalElements").asLong()).isEqualTo(2);

        String beforeRead = tag(afterAlarm);
        assertThat(api().post(LIST + "/read", token(owner), null).status()).isEqualTo(200);
        Gateway.Reply afterRead = api().get(LIST, token(owner), "If-None-Match", beforeRead);
        assertThat(afterRead.status()).as("the read flags changed").isEqualTo(200);
        assertThat(JSON.readTree(afterRead.body()).at("/result/content/0/read").asBoolean()).isTrue();

        api().post(LIST + "/read", token(owner), null); // read already: nothing changes
        assertThat(api().get(LIST, token(owner), "If-None-Match", tag(afterRead)).status()).isEqualTo(304);
    }

    @Test
    void anotherUsersTagNeverMatches() throws Exception {
        long alice = newUser();
        long bob = newUser();
        long carol = newUser(); // like Bob, no alarm at all: the same body, yet not the same tag

        String alices = tag(api().get(LIST, token(alice)));
        String bobs = tag(api().get(LIST, token(bob)));

        assertThat(alices).isNotEqualTo(bobs);
        assertThat(api().get(LIST, token(carol), "If-None-Match", bobs).status()).isEqualTo(200);
        assertThat(api().get(LIST, token(bob), "If-None-Match", bobs).status()).isEqualTo(304);
    }

    private static String tag(Gateway.Reply response) {
        return response.headers().firstValue("ETag").orElseThrow();
    }

    private List<AlarmResponse> store(long owner, int count) {
        return handler.handle(IntStream.range(0, count)
                .mapToObj(i -> PostEvents.received(PostEvents.likeEvent(PostEvents.newEventId(), 1500 + i, owner, newUser())))
                .toList());
    }
}
