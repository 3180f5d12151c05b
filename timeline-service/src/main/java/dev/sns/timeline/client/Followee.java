package dev.sns.timeline.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Whom a user follows, with that user's follower count (user-service's internal graph). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Followee(long id, long followerCount) {
}
