package dev.sns.user.account;

/** A user as the API shows it: {@code {"id","userName","role"}} (join, me and the internal lookup). */
public record UserResponse(long id, String userName, Role role) {

    public static UserResponse of(User user) {
        return new UserResponse(user.getId(), user.getUserName(), user.getRole());
    }
}
