package dev.sns.timeline.read;

import dev.sns.timeline.client.TimelinePost;
import java.util.List;

/**
 * A timeline page: the Page fields that make sense without counting ({@code content}, {@code size},
 * {@code numberOfElements}, {@code first}, {@code last}, {@code empty}; no totals, no page number) and the cursor of
 * the next page ({@code nextCursor}, null on the last one).
 */
public record TimelineSlice(List<TimelinePost> content, int size, int numberOfElements, boolean first, boolean last,
                            boolean empty, String nextCursor) {

    static TimelineSlice of(List<TimelinePost> content, int size, boolean first, String nextCursor) {
        return new TimelineSlice(content, size, content.size(), first, nextCursor == null, content.isEmpty(), nextCursor);
    }
}
