package dev.sns.outbox;

/** An unpublished outbox row, as the relay claims it. */
record OutboxRow(long id, String eventId, String topic, String messageKey, String payload, String traceParent) {
}
