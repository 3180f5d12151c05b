package dev.sns.user.account;

public record LoginResponse(String token) {
}
