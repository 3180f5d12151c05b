package dev.sns.infra.suite;

/** A command cannot go on: {@link SuiteMain} prints the message as {@code [sns] error: ...} and exits with 1. */
final class SuiteException extends RuntimeException {

    SuiteException(String message) {
        super(message);
    }
}
