package dev.sns.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The SSE parser on stream text as the alarm stream writes it, and on the corners of the format. */
class SseParserTest {

    @Test
    void readsEventIdDataAndRetry() {
        List<SseEvent> events = SseParser.parse("retry: 1000\nevent:alarm\nid:42\ndata:{\"id\":42}\n\n");

        assertThat(events).containsExactly(new SseEvent("alarm", "42", "{\"id\":42}", 1000L, null));
    }

    @Test
    void aRetryAloneIsNoEventButSetsTheReconnectionTime() {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);

        "retry:2500\n\ndata:x\n\n".lines().forEach(parser::line);

        assertThat(events).containsExactly(new SseEvent(null, null, "x", null, null));
        assertThat(parser.retry()).isEqualTo(2500L);
    }

    @Test
    void dropsOneLeadingSpaceOfAValueOnly() {
        assertThat(SseParser.parse("event: alarm\ndata:  two spaces\n\n"))
                .containsExactly(new SseEvent("alarm", null, " two spaces", null, null));
    }

    @Test
    void joinsTheLinesOfMultiLineDataWithNewlines() {
        assertThat(SseParser.parse("data:first\ndata: second\ndata:\n\n").getFirst().data()).isEqualTo("first\nsecond\n");
    }

    @Test
    void keepsCommentOnlyBlocksAsHeartbeats() {
        List<SseEvent> events = SseParser.parse(":heartbeat\n\n: two\n:lines\n\ndata:x\n\n");

        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isEqualTo(new SseEvent(null, null, null, null, "heartbeat"));
        assertThat(events.get(0).isComment()).isTrue();
        assertThat(events.get(1).comment()).isEqualTo(" two\nlines");
        assertThat(events.get(2).isComment()).isFalse();
    }

    @Test
    void aCommentInsideAnEventLeavesItAnEvent() {
        SseEvent event = SseParser.parse("event:alarm\n:note\ndata:x\n\n").getFirst();

        assertThat(event.isComment()).isFalse();
        assertThat(event.comment()).isEqualTo("note");
        assertThat(event.data()).isEqualTo("x");
    }

    @Test
    void ignoresUnknownFieldsANonNumericRetryAndEmptyBlocks() {
        assertThat(SseParser.parse("\n\nfoo:bar\nretry:soon\ndata:x\n\n\n"))
                .containsExactly(new SseEvent(null, null, "x", null, null));
    }

    @Test
    void aFieldWithoutAColonHasAnEmptyValue() {
        assertThat(SseParser.parse("data\nevent\n\n")).containsExactly(new SseEvent("", null, "", null, null));
    }

    @Test
    void readsCrLfLineEndsAndDropsAnUnfinishedLastBlock() {
        assertThat(SseParser.parse("event:unread\r\ndata:{\"count\":3}\r\n\r\nevent:alarm\r\ndata:cut off"))
                .containsExactly(new SseEvent("unread", null, "{\"count\":3}", null, null));
    }

    @Test
    void handsEachEventToTheConsumerWhenItsBlockEnds() {
        List<SseEvent> seen = new ArrayList<>();
        SseParser parser = new SseParser(seen::add);

        parser.line("id:1");
        parser.line("data:a");
        assertThat(seen).isEmpty();
        parser.line("");
        assertThat(seen).containsExactly(new SseEvent(null, "1", "a", null, null));
    }

    @Test
    void readsAStreamUntilItEndsOrBreaksAndClosesIt() {
        List<SseEvent> seen = new ArrayList<>();
        AtomicBoolean closed = new AtomicBoolean();
        Stream<String> lines = Stream.of("data:a", "", "data:b").map(line -> {
            if (line.equals("data:b")) {
                throw new UncheckedIOException(new IOException("closed"));
            }
            return line;
        }).onClose(() -> closed.set(true));

        SseParser.read(lines, seen::add);

        assertThat(seen).containsExactly(new SseEvent(null, null, "a", null, null));
        assertThat(closed).isTrue();
    }
}
