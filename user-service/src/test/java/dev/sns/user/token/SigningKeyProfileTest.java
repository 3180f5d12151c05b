package dev.sns.user.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sns.infra.TestInfra;
import dev.sns.testsupport.Tokens;
import dev.sns.user.UserApplication;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Only the local profile has a signing key in the repository; any other profile takes it from
 * {@code SNS_JWT_PRIVATE_KEY} and does not start without it.
 */
class SigningKeyProfileTest {

    private static final String PROFILE = "staging"; // any profile but local

    @Test
    void withoutTheEnvironmentKeyAServiceOutsideTheLocalProfileDoesNotStart() {
        KeyPair pair = Tokens.newKeyPair();

        Throwable failure = catchThrowable(() -> start(environment(pair, false)).close());

        assertThat(failure).isNotNull();
        assertThat(causes(failure)).anySatisfy(
                cause -> assertThat(cause.getMessage()).contains("sns.token.private-key is not set").contains("SNS_JWT_PRIVATE_KEY"));
    }

    @Test
    void withTheEnvironmentKeyItStartsAndSignsWithIt() {
        KeyPair pair = Tokens.newKeyPair();

        try (ConfigurableApplicationContext context = start(environment(pair, true))) {
            assertThat(context.getBean(TokenProperties.class).privateKey()).isEqualTo(Tokens.toPem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        }
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** As command-line arguments: they win over any SNS_* variable the shell running the tests may export. */
    private static ConfigurableApplicationContext start(Map<String, Object> environment) {
        Map<String, Object> withProfile = new HashMap<>(environment);
        // replaces the tests' spring.profiles.active=local (src/test/resources/config), which would add the local key
        withProfile.put("spring.profiles.active", PROFILE);
        String[] args = withProfile.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(UserApplication.class).run(args);
    }

    private static Map<String, Object> environment(KeyPair pair, boolean withPrivateKey) {
        Map<String, Object> env = new HashMap<>(TestInfra.properties());
        env.put("server.port", "0");
        env.put("SNS_DB_PASSWORD", "user-local");
        env.put("SNS_JWT_PUBLIC_KEY", Tokens.toPem("PUBLIC KEY", pair.getPublic().getEncoded()));
        if (withPrivateKey) {
            env.put("SNS_JWT_PRIVATE_KEY", Tokens.toPem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        }
        return env;
    }

}
