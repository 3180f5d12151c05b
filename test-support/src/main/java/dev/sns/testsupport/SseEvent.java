package dev.sns.testsupport;

/**
 * One event of a {@code text/event-stream}: its {@code event}, {@code id}, {@code data} (lines joined by {@code \n})
 * and {@code retry} fields, each null when the block had none, and its comment lines ({@code :...}, joined by
 * {@code \n}). A comment-only block is a heartbeat.
 */
public record SseEvent(String name, String id, String data, Long retry, String comment) {

    /** A comment-only block (a heartbeat): no event name and no data. */
    public boolean isComment() {
        return comment != null && name == null && data == null;
    }
}
