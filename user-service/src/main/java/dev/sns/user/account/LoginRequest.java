package dev.sns.user.account;

import jakarta.validation.constraints.NotBlank;

/** Login. No format rules beyond presence: a name that could never have joined is simply not found. */
public record LoginRequest(
        @NotBlank(message = "must not be blank") String name,
        @NotBlank(message = "must not be blank") String password) {

    @Override
    public String toString() {
        return "LoginRequest[name=" + name + "]"; // never log the password
    }
}
