package dev.sns.user;

import java.util.concurrent.atomic.AtomicInteger;

/** Unique user names per test run: the tests share one database per JVM and never clean it. */
public final class Names {

    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Names() {
    }

    /** {@code prefix} + a suffix unique in this database, at most 30 characters together for short prefixes. */
    public static String unique(String prefix) {
        return prefix + "_" + RUN + SEQUENCE.incrementAndGet();
    }
}
