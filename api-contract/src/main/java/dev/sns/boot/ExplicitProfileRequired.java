package dev.sns.boot;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Fail closed: a service started without a profile refuses to start. The {@code local} profile carries the
 * development key pair committed in the repository; no service may fall back to it because someone forgot
 * {@code SPRING_PROFILES_ACTIVE} in a deployment. {@code ./sns} and the tests set {@code local} themselves; compose
 * sets {@code docker}, Kubernetes {@code kubernetes}.
 */
public class ExplicitProfileRequired implements EnvironmentPostProcessor, Ordered {

    static final String MESSAGE = "No Spring profile is active. Start with SPRING_PROFILES_ACTIVE=local on a developer "
            + "machine (committed development keys; ./sns does this), docker or kubernetes (keys from the environment). "
            + "A service never falls back to the development keys.";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getActiveProfiles().length == 0) {
            throw new IllegalStateException(MESSAGE);
        }
    }

    /** After the configuration files are read, so that {@code spring.profiles.active} set there counts. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
