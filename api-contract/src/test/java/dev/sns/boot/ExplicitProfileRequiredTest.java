package dev.sns.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** A real Spring Boot start, with the rule picked up from spring.factories as in every service. */
class ExplicitProfileRequiredTest {

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    private static SpringApplication app() {
        return new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE).build();
    }

    @Test
    void aStartWithoutAProfileFailsWithAMessageThatSaysWhatToDo() {
        assertThatIllegalStateException().isThrownBy(() -> app().run()).withMessageContaining("SPRING_PROFILES_ACTIVE=local");
    }

    @Test
    void aStartWithAProfileGoesOn() {
        try (ConfigurableApplicationContext context = app().run("--spring.profiles.active=kubernetes")) {
            assertThat(context.getEnvironment().getActiveProfiles()).containsExactly("kubernetes");
        }
    }
}
