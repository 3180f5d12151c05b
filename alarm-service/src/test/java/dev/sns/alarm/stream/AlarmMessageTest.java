package dev.sns.alarm.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.alarm.Unread;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The Redis wire format of a fan-out entry stays what the instances of earlier versions read (a rolling update). */
class AlarmMessageTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theReceiverTravelsAsUserId() {
        String written = json.writeValueAsString(new AlarmMessage(42, null, Map.of(), new Unread(3, 7)));
        assertThat(json.readTree(written).get("userId").asLong()).isEqualTo(42);
        assertThat(json.readTree(written).has("receiverId")).isFalse();
    }

    @Test
    void anEntryOfAnEarlierVersionIsRead() {
        AlarmMessage read = json.readValue("{\"userId\":42,\"unread\":{\"count\":3,\"version\":7}}", AlarmMessage.class);
        assertThat(read.receiverId()).isEqualTo(42);
        assertThat(read.unread()).isEqualTo(new Unread(3, 7));
        assertThat(read.trace()).isEmpty();
    }
}
