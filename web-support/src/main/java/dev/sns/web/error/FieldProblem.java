package dev.sns.web.error;

/** One entry of the {@code result} list of an INVALID_REQUEST answer. */
public record FieldProblem(String field, String message) {
}
