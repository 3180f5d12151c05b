package dev.sns.post.post;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of create and update. */
public record PostRequest(
        @NotBlank(message = "must not be blank")
        @Size(max = 200, message = "must be at most 200 characters")
        String title,
        @NotBlank(message = "must not be blank")
        @Size(max = 10_000, message = "must be at most 10000 characters")
        String body) {
}
