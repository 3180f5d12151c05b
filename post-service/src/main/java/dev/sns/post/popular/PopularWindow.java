package dev.sns.post.popular;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The windows of {@code GET /api/v1/posts/popular?window=}: the likes of the last {@code length}, read from the time
 * buckets that cover it, the current (partial) one included. The window slides by one bucket at a time, so it spans
 * between {@code length} and {@code length} + one bucket: 60-65 min, 24-25 h, 7 d-7 d 1 h.
 */
enum PopularWindow {

    HOUR("1h", Duration.ofHours(1), Bucket.FIVE_MINUTES),
    DAY("24h", Duration.ofHours(24), Bucket.HOUR),
    WEEK("7d", Duration.ofDays(7), Bucket.HOUR);

    /** The values the API accepts, as a pattern for the request parameter. */
    static final String PATTERN = "1h|24h|7d";

    private final String name;
    private final Duration length;
    private final Bucket bucket;

    PopularWindow(String name, Duration length, Bucket bucket) {
        this.name = name;
        this.length = length;
        this.bucket = bucket;
    }

    static PopularWindow of(String name) {
        for (PopularWindow window : values()) {
            if (window.name.equals(name)) {
                return window;
            }
        }
        throw new IllegalArgumentException("window must be one of " + PATTERN.replace('|', ',') + ": " + name);
    }

    /** What the API calls it. */
    String apiName() {
        return name;
    }

    /** The buckets of this window at {@code now}, newest first. */
    List<Long> buckets(Instant now) {
        long current = bucket.indexOf(now);
        long older = length.dividedBy(bucket.length());
        List<Long> indexes = new ArrayList<>();
        for (long index = current; index >= current - older; index--) {
            indexes.add(index);
        }
        return indexes;
    }

    Bucket bucket() {
        return bucket;
    }

    /** The longest window: likes older than its oldest bucket count nowhere. */
    static Instant horizon(Instant now) {
        return Bucket.HOUR.start(WEEK.buckets(now).getLast());
    }

    /** A slice of time the likes are counted in; a bucket's keys live as long as a window may still read it. */
    enum Bucket {

        FIVE_MINUTES("5m", Duration.ofMinutes(5), Duration.ofHours(1)),
        HOUR("1h", Duration.ofHours(1), Duration.ofDays(7));

        private final String key;
        private final Duration length;
        private final Duration readFor;

        Bucket(String key, Duration length, Duration readFor) {
            this.key = key;
            this.length = length;
            this.readFor = readFor;
        }

        long indexOf(Instant at) {
            return Math.floorDiv(at.getEpochSecond(), length.toSeconds());
        }

        Instant start(long index) {
            return Instant.ofEpochSecond(index * length.toSeconds());
        }

        /** When the bucket's keys may go: after the longest window reading it has moved past it (plus a bucket). */
        long expiresAtEpochSecond(long index) {
            return (index + 2) * length.toSeconds() + readFor.toSeconds();
        }

        String key() {
            return key;
        }

        Duration length() {
            return length;
        }
    }
}
