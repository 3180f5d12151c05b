package dev.sns.time;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The suite's one rule for stored time: UTC instants in whole seconds, read from the application's {@link Clock}
 * bean ({@link TimeConfiguration}). Every timestamp a service stores, answers or puts in an event comes from
 * {@link #now(Clock)}, so what a service answers right after a write equals what a later read returns, on any
 * MySQL-compatible server: the columns keep microseconds ({@code DATETIME(6)}), but Connector/J drops the fraction
 * when it writes to MariaDB (it reads the server version "5.5.5-10.x" as a MySQL without fractional seconds) and
 * keeps it with MySQL 8. Order never rests on timestamps: ids do that.
 */
public final class Timestamps {

    private Timestamps() {
    }

    /** Now, as it will be stored. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
