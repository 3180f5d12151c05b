-- The W3C trace context of the request that wrote the row: the relay publishes the event in the same trace, so one
-- trace runs from the like request through Kafka to the alarm.
ALTER TABLE outbox_events ADD COLUMN trace_parent VARCHAR(64) NULL;
