package dev.sns.user.follow;

/** One entry of the internal following list: whom a user follows, with that user's follower count. */
public record Followee(long id, long followerCount) {
}
