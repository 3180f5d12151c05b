package dev.sns.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * A client configured like the services (spring.cloud.config.username/password, the Eureka URL of
 * config-repo/application.yml built from SNS_DISCOVERY_USER/PASSWORD/PORT) imports its configuration from the secured
 * Config Server and registers in the secured registry: the credentials really travel on both paths.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"SNS_CONFIG_REPO=file:../config-repo/", "SNS_DISCOVERY_USER=suite", "SNS_DISCOVERY_PASSWORD=test-secret",
                // reads served at once, not after the restart grace (RegistryRestartTest); one context for both classes
                "eureka.server.wait-time-in-ms-when-sync-empty=0"})
class RegistryClientTest {

    @LocalServerPort
    int port;

    /**
     * Only auto-configuration: the Eureka and Config clients, as in a service; no server (no @Enable... marker). Not a
     * {@code @Configuration}, or the test would take it for its own configuration instead of discovery-service.
     */
    @EnableAutoConfiguration
    static class Service {
    }

    @Test
    void aClientWithTheSuitesCredentialsImportsItsConfigurationAndRegisters() throws Exception {
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(Service.class).run(
                "--spring.main.web-application-type=none",
                "--spring.application.name=probe-service",
                "--spring.profiles.active=local",
                // not optional: the start fails if the Config Server refuses the credentials
                "--spring.config.import=configserver:http://localhost:" + port + "/config",
                // as in every service's application.yml
                "--spring.cloud.config.username=${SNS_DISCOVERY_USER:sns}",
                "--spring.cloud.config.password=${SNS_DISCOVERY_PASSWORD:}",
                "--SNS_DISCOVERY_USER=suite", "--SNS_DISCOVERY_PASSWORD=test-secret",
                "--SNS_DISCOVERY_HOST=localhost", "--SNS_DISCOVERY_PORT=" + port,
                // discovery-service's own application.yml is on this class path too: undo what only the server wants
                "--eureka.client.register-with-eureka=true", "--eureka.client.fetch-registry=false",
                // the Config Server jar turns the config client off beside it (ConfigServerBootstrapApplicationListener)
                "--spring.cloud.config.enabled=true",
                // the services have no Jersey: their Eureka client talks through RestClient, the transport tested here
                "--eureka.client.jersey.enabled=false")) {
            Environment environment = service.getEnvironment();
            assertThat(environment.getProperty("eureka.client.registry-fetch-interval-seconds"))
                    .as("config-repo/application.yml, served").isEqualTo("5");
            assertThat(environment.getProperty("sns.security.jwt-public-key"))
                    .as("config-repo/application-local.yml, served to the local profile").contains("BEGIN PUBLIC KEY");
            assertThat(environment.getProperty("eureka.client.service-url.defaultZone"))
                    .isEqualTo("http://suite:test-secret@localhost:" + port + "/eureka/");

            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            String registered = "";
            while (!registered.contains("\"UP\"") && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
                Gateway.Reply app = Client.local(port).get("/eureka/apps/PROBE-SERVICE", null,
                        "Accept", "application/json", "Authorization", Gateway.basic("suite", "test-secret"));
                registered = app.status() == 200 ? app.body() : "";
            }
            assertThat(registered).as("PROBE-SERVICE registered and UP").contains("\"UP\"");
        }
    }
}
