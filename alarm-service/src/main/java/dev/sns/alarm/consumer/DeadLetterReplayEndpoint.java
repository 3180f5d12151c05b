package dev.sns.alarm.consumer;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code POST /actuator/dltreplay}: replays the dead-letter topic ({@link DeadLetterReplay}). Exposed in
 * config-repo/alarm-service.yml, only with the registry's credentials ({@link DeadLetterReplaySecurity}); {@code
 * ./sns replay-dlt} calls it.
 */
@Component
@Endpoint(id = "dltreplay")
class DeadLetterReplayEndpoint {

    private final DeadLetterReplay replay;

    DeadLetterReplayEndpoint(DeadLetterReplay replay) {
        this.replay = replay;
    }

    @WriteOperation
    DeadLetterReplay.Replayed replay() {
        return replay.replay();
    }
}
