package dev.sns.user.account;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The length of a string in UTF-8 bytes is within bounds. BCrypt reads at most 72 bytes of a password, so the
 * limit is in bytes, not characters (24 three-byte characters already fill it). Null is valid (pair with @NotBlank).
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Utf8LengthValidator.class)
public @interface Utf8Length {

    int min() default 0;

    int max() default Integer.MAX_VALUE;

    String message() default "must be {min} to {max} bytes long in UTF-8";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
