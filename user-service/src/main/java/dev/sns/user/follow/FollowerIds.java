package dev.sns.user.follow;

import java.util.List;

/**
 * A keyset page of a user's followers for timeline-service's fan-out: {@code ids} ascending after the {@code after}
 * asked for; {@code followerCount} is the user's counter (whether the author is fanned out at all).
 */
public record FollowerIds(long followerCount, List<Long> ids) {
}
