package dev.sns.user.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Sign-up. Lengths of the name count Unicode characters (code points), as the VARCHAR(30) column does; the
 * password is limited in bytes because BCrypt ignores everything after 72 bytes.
 */
public record JoinRequest(
        @NotBlank(message = "must not be blank")
        @Pattern(regexp = "(?s).{3,30}", message = "must be 3 to 30 characters long")
        @Pattern(regexp = "[\\p{L}\\p{Nd}_.-]*", message = "may contain only letters, digits, '_', '.' and '-'")
        String name,

        @NotBlank(message = "must not be blank")
        @Utf8Length(min = 8, max = 72)
        String password) {

    @Override
    public String toString() {
        return "JoinRequest[name=" + name + "]"; // never log the password
    }
}
