package dev.sns.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Spring's own log calls cost nothing when their level is off: no message is formatted for a disabled level. */
class LoggingRouteTest {

    @Test
    void aDisabledDebugMessageIsNeverFormatted() {
        Log log = LogFactory.getLog("dev.sns.boot.quiet");
        assertThat(LoggerFactory.getLogger("dev.sns.boot.quiet").isDebugEnabled()).as("debug is off by default").isFalse();
        AtomicInteger formatted = new AtomicInteger();
        Object message = new Object() {
            @Override
            public String toString() {
                formatted.incrementAndGet();
                return "expensive";
            }
        };

        log.debug(message);
        log.trace(message);
        log.info(message);

        assertThat(formatted).as("formatted only for the enabled level (info)").hasValue(1);
    }
}
