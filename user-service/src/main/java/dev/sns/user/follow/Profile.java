package dev.sns.user.follow;

import dev.sns.user.account.Role;

/** {@code GET /api/v1/profiles/{userName}}: a user with the counts of the follow graph, as the caller sees it. */
public record Profile(long id, String userName, Role role, long followerCount, long followingCount,
                      boolean followedByMe) {
}
