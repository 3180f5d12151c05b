package dev.sns.timeline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Home timelines (docs/timeline.md): no database of its own, only Redis, Kafka and calls to the other services. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TimelineApplication {

    public static void main(String[] args) {
        SpringApplication.run(TimelineApplication.class, args);
    }
}
