package dev.sns.outbox;

/** Published inside the writing transaction; the relay reacts after the commit. */
record OutboxAppended(long outboxId) {
}
