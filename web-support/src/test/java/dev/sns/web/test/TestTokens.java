package dev.sns.web.test;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sns.web.security.SecurityProperties;
import dev.sns.web.security.ServiceTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * Tokens for tests, signed like user-service signs them: with the local profile's development key from
 * config-repo/user-service-local.yml (so the services under test verify them with the key they really use).
 */
public final class TestTokens {

    private static final PrivateKey DEV_KEY = readDevelopmentKey();
    private static final String SERVICE_KEY_PEM =
            setting("config-repo/application-local.yml", "sns", "security", "service-token-private-key");

    private TestTokens() {
    }

    public static String valid(long userId, String name) {
        return sign(DEV_KEY, "sns", userId, name, Instant.now().plus(Duration.ofHours(1)));
    }

    public static String expired(long userId, String name) {
        return sign(DEV_KEY, "sns", userId, name, Instant.now().minus(Duration.ofMinutes(5)));
    }

    public static String signedWithAnotherKey(long userId, String name) {
        return sign(newKeyPair().getPrivate(), "sns", userId, name, Instant.now().plusSeconds(3600));
    }

    public static String withIssuer(String issuer, long userId, String name) {
        return sign(DEV_KEY, issuer, userId, name, Instant.now().plusSeconds(3600));
    }

    /** An unsigned token ({@code alg: none}) claiming to be the given user. */
    public static String unsigned(long userId, String name) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        String payload = b64.encodeToString(("{\"sub\":\"" + userId + "\",\"name\":\"" + name + "\",\"role\":\"USER\","
                + "\"iss\":\"sns\",\"exp\":" + Instant.now().plusSeconds(3600).getEpochSecond() + "}").getBytes());
        return header + "." + payload + ".";
    }

    private static String sign(PrivateKey key, String issuer, long userId, String name, Instant expiry) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .subject(String.valueOf(userId))
                    .claim("name", name)
                    .claim("role", "USER")
                    .issueTime(Date.from(expiry.minus(Duration.ofHours(1))))
                    .expirationTime(Date.from(expiry))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A service identity for {@code audience}'s internal endpoints, signed with the local profile's development
     * service key (config-repo/application-local.yml) by the production {@link ServiceTokens}.
     */
    public static String service(String audience) {
        return serviceToken(SERVICE_KEY_PEM, audience);
    }

    /** A fresh RSA key pair (2048 bits), e.g. a key no service trusts. */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A service identity with the right claims, signed with a key no service trusts. */
    public static String serviceSignedWithAnotherKey(String audience) {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                newKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        return serviceToken(pem, audience);
    }

    private static String serviceToken(String privateKeyPem, String audience) {
        SecurityProperties properties = new SecurityProperties(null, privateKeyPem);
        return ServiceTokens.of(properties, "test-caller").authorizationFor(audience).substring("Bearer ".length());
    }

    private static PrivateKey readDevelopmentKey() {
        try {
            String base64 = setting("config-repo/user-service-local.yml", "sns", "token", "private-key")
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A string setting of a YAML file of the repository, by its path of keys (the first document that has it). */
    @SuppressWarnings("unchecked")
    public static String setting(String file, String... keys) {
        Path path = locate(file);
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

    /** Finds a file of the repository from a module's working directory (or the root). */
    public static Path locate(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException("Cannot find " + relative + " above " + Path.of("").toAbsolutePath());
    }
}
