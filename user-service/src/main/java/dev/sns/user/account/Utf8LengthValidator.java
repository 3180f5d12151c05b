package dev.sns.user.account;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.nio.charset.StandardCharsets;

public class Utf8LengthValidator implements ConstraintValidator<Utf8Length, String> {

    private int min;
    private int max;

    @Override
    public void initialize(Utf8Length annotation) {
        min = annotation.min();
        max = annotation.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        return bytes >= min && bytes <= max;
    }
}
