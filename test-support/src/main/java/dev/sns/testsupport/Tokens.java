package dev.sns.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The test toolkit's token forger: user tokens as user-service signs them ({@link #valid}), and JWTs an attacker could
 * bring: expired, unsigned, signed with the wrong key or algorithm, re-assembled from parts of real tokens. The expired and wrong-issuer tokens are signed with the real key of the local profile (its development key
 * pair is in config-repo/, public knowledge, never used outside local), so that only the rule under test fails.
 */
public final class Tokens {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    /** The claims user-service would put in a token for this user, valid for an hour. */
    public static Map<String, Object> claims(long userId, String name) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "sns");
        claims.put("sub", String.valueOf(userId));
        claims.put("name", name);
        claims.put("role", "USER");
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        return claims;
    }

    /** A token user-service could have issued to this user: the local profile's key, valid for an hour. */
    public static String valid(long userId, String name) {
        return rs256(claims(userId, name), localSigningKey());
    }

    /** The same, expired five minutes ago (issued an hour before that). */
    public static String expired(long userId, String name) {
        long expiry = Instant.now().getEpochSecond() - 300;
        return rs256(with(with(claims(userId, name), "iat", expiry - 3600), "exp", expiry), localSigningKey());
    }

    /** The right claims, signed with a key no service trusts. */
    public static String signedWithAnotherKey(long userId, String name) {
        return rs256(claims(userId, name), otherKey());
    }

    /** The local profile's key, but another issuer than user-service's {@code sns}. */
    public static String withIssuer(String issuer, long userId, String name) {
        return rs256(with(claims(userId, name), "iss", issuer), localSigningKey());
    }

    /** An unsigned token ({@code alg: none}) claiming to be the user. */
    public static String unsigned(long userId, String name) {
        Map<String, Object> claims = claims(userId, name);
        claims.remove("iat");
        return unsigned("none", claims);
    }

    public static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(claims);
        changed.put(name, value);
        return changed;
    }

    public static String unsigned(String alg, Map<String, Object> claims) {
        return part(Map.of("alg", alg, "typ", "JWT")) + "." + part(claims) + ".";
    }

    public static String rs256(Map<String, Object> header, Map<String, Object> claims, PrivateKey key) {
        String signingInput = part(header) + "." + part(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String rs256(Map<String, Object> claims, PrivateKey key) {
        return rs256(Map.of("alg", "RS256", "typ", "JWT"), claims, key);
    }

    /** HS256 with {@code secret} as the HMAC key: the classic confusion attack uses the public key's text. */
    public static String hs256(Map<String, Object> claims, byte[] secret) {
        String signingInput = part(Map.of("alg", "HS256", "typ", "JWT")) + "." + part(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header and signature of {@code token} around another payload. */
    public static String withPayload(String token, Map<String, Object> claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + part(claims) + "." + parts[2];
    }

    public static PrivateKey otherKey() {
        return newKeyPair().getPrivate();
    }

    /** A fresh RSA key pair (2048 bits), e.g. a key no service trusts. */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** DER bytes (e.g. {@code key.getEncoded()}) as the PEM text of {@code type} ({@code PRIVATE KEY}, {@code PUBLIC KEY}), as the services' key settings take them. */
    public static String toPem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** The local profile's signing key, from config-repo/user-service-local.yml. */
    public static PrivateKey localSigningKey() {
        return privateKey(pem("config-repo/user-service-local.yml", "private-key:", "PRIVATE KEY"));
    }

    /**
     * The local profile's public key text (PEM) of user tokens, from config-repo/application-local.yml (which also
     * holds the service-identity key: the setting's name tells them apart).
     */
    public static String localPublicKeyPem() {
        String base64 = pem("config-repo/application-local.yml", "jwt-public-key:", "PUBLIC KEY");
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    private static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base64 body of the first PEM block of {@code type} after the setting {@code key}. */
    private static String pem(String file, String key, String type) {
        try {
            String text = Files.readString(Repository.file(file));
            int setting = text.indexOf(key);
            if (setting < 0) {
                throw new IllegalStateException("no " + key + " in " + file);
            }
            int begin = text.indexOf("-----BEGIN " + type + "-----", setting);
            int end = text.indexOf("-----END " + type + "-----", begin);
            return text.substring(begin + ("-----BEGIN " + type + "-----").length(), end).replaceAll("\\s", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String part(Map<String, Object> json) {
        return URL.encodeToString(Gateway.JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8));
    }

    private Tokens() {
    }
}
