package dev.sns.testsupport;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The test toolkit's parser of a {@code text/event-stream} (the HTML standard's rules), fed one line at a time
 * (without its line end): {@code field:value} with one leading space of the value dropped, {@code data} lines joined
 * by {@code \n}, {@code retry} taken when it is all digits, unknown fields ignored, comment lines ({@code :...}) kept.
 * An empty line ends the block: a block with an event name, id, data or comment goes to the consumer; one with none
 * of them (empty, or a {@code retry} alone) is skipped, its {@code retry} still read into {@link #retry()}.
 */
public final class SseParser {

    private final Consumer<SseEvent> events;
    private String name;
    private String id;
    private StringBuilder data;
    private Long retry;
    private StringBuilder comment;
    private Long reconnectionTime;

    public SseParser(Consumer<SseEvent> events) {
        this.events = events;
    }

    /** The events of a whole stream's text (lines ended by {@code \n}, {@code \r\n} or {@code \r}). */
    public static List<SseEvent> parse(String text) {
        List<SseEvent> parsed = new ArrayList<>();
        SseParser parser = new SseParser(parsed::add);
        text.lines().forEach(parser::line); // a last block without its empty line is dropped, as an EventSource does
        return parsed;
    }

    /**
     * Reads a stream as it arrives, e.g. the body of {@code HttpResponse.BodyHandlers.ofLines()}, until it ends: each
     * line to a new parser, each event to {@code events} the moment its block ends (on the calling thread, so that a
     * consumer can time its arrival). The stream is closed at the end; a stream closed under the reader (by its owner,
     * or a connection that dropped) ends the reading, no error. Blocks: call it on the stream's own thread.
     */
    public static void read(Stream<String> lines, Consumer<SseEvent> events) {
        SseParser parser = new SseParser(events);
        try (lines) {
            lines.forEach(parser::line);
        } catch (UncheckedIOException closed) {
            // the end of the stream as well
        }
    }

    /** The last {@code retry} the stream sent (milliseconds), null before any. */
    public Long retry() {
        return reconnectionTime;
    }

    /** One line of the stream. */
    public void line(String line) {
        if (line.isEmpty()) {
            if (name != null || id != null || data != null || comment != null) {
                events.accept(new SseEvent(name, id, data == null ? null : data.toString(), retry,
                        comment == null ? null : comment.toString()));
            }
            name = null;
            id = null;
            data = null;
            retry = null;
            comment = null;
        } else if (line.startsWith(":")) {
            comment = (comment == null ? new StringBuilder() : comment.append('\n')).append(line.substring(1));
        } else {
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> name = value;
                case "id" -> id = value;
                case "data" -> data = (data == null ? new StringBuilder() : data.append('\n')).append(value);
                case "retry" -> {
                    if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                        retry = Long.parseLong(value);
                        reconnectionTime = retry;
                    }
                }
                default -> { } // unknown fields are ignored
            }
        }
    }
}
