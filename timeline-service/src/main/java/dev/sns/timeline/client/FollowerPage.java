package dev.sns.timeline.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A keyset page of a user's follower ids, ascending, and the user's follower count (user-service). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FollowerPage(long followerCount, List<Long> ids) {
}
