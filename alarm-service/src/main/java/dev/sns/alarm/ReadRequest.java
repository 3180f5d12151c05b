package dev.sns.alarm;

import jakarta.validation.constraints.Positive;

/**
 * Body of {@code POST /api/v1/users/alarm/read}, optional: without it (or without {@code upToId}) every alarm the
 * caller has is marked read, with it those up to this alarm id.
 */
public record ReadRequest(@Positive(message = "must be a positive alarm id") Long upToId) {
}
