package dev.sns.user.account;

/** What a user may do; the token carries it as the {@code role} claim. */
public enum Role {
    USER,
    ADMIN
}
