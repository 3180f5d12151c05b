package dev.sns.web.test;

import dev.sns.testsupport.Repository;
import dev.sns.testsupport.Tokens;
import dev.sns.web.security.SecurityProperties;
import dev.sns.web.security.ServiceTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * Service identities for tests, made by the production {@link ServiceTokens} with the local profile's development
 * service key (config-repo/application-local.yml). User tokens come from the test toolkit's forger,
 * {@code dev.sns.testsupport.Tokens}.
 */
public final class TestTokens {

    private static final String SERVICE_KEY_PEM =
            setting("config-repo/application-local.yml", "sns", "security", "service-token-private-key");

    private TestTokens() {
    }

    /**
     * A service identity for {@code audience}'s internal endpoints, signed with the local profile's development
     * service key (config-repo/application-local.yml) by the production {@link ServiceTokens}.
     */
    public static String service(String audience) {
        return serviceToken(SERVICE_KEY_PEM, audience);
    }

    /** A service identity with the right claims, signed with a key no service trusts. */
    public static String serviceSignedWithAnotherKey(String audience) {
        return serviceToken(Tokens.toPem("PRIVATE KEY", Tokens.otherKey().getEncoded()), audience);
    }

    private static String serviceToken(String privateKeyPem, String audience) {
        SecurityProperties properties = new SecurityProperties(null, privateKeyPem);
        return ServiceTokens.of(properties, "test-caller").authorizationFor(audience).substring("Bearer ".length());
    }

    /** A string setting of a YAML file of the repository, by its path of keys (the first document that has it). */
    @SuppressWarnings("unchecked")
    public static String setting(String file, String... keys) {
        Path path = Repository.file(file);
        try (InputStream in = Files.newInputStream(path)) {
            for (Object document : new Yaml().loadAll(in)) {
                Object node = document;
                for (String key : keys) {
                    node = node instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(key) : null;
                }
                if (node instanceof String value) {
                    return value;
                }
            }
            throw new IllegalStateException("No " + String.join(".", keys) + " in " + path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
