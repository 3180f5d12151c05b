package dev.sns.security;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import org.springframework.security.converter.RsaKeyConverters;

/** RSA keys from the PEM text of a setting, with an error that names the setting when it is missing or malformed. */
public final class RsaPem {

    private RsaPem() {
    }

    /** An X.509 {@code -----BEGIN PUBLIC KEY-----} PEM. */
    public static RSAPublicKey publicKey(String setting, String pem) {
        requireSet(setting, pem);
        try {
            return RsaKeyConverters.x509().convert(ascii(pem));
        } catch (RuntimeException e) {
            throw new IllegalStateException(setting + " is not an RSA public key in X.509 PEM "
                    + "(-----BEGIN PUBLIC KEY-----): " + e.getMessage(), e);
        }
    }

    /** A PKCS#8 {@code -----BEGIN PRIVATE KEY-----} PEM. */
    public static RSAPrivateKey privateKey(String setting, String pem) {
        requireSet(setting, pem);
        try {
            return RsaKeyConverters.pkcs8().convert(ascii(pem));
        } catch (RuntimeException e) {
            throw new IllegalStateException(setting + " is not an RSA private key in PKCS#8 PEM "
                    + "(-----BEGIN PRIVATE KEY-----): " + e.getMessage(), e);
        }
    }

    /** The public half of a private key (a PKCS#8 RSA key carries the modulus and the public exponent). */
    public static RSAPublicKey publicHalf(RSAPrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalStateException("the RSA private key carries no public exponent (not a CRT key)");
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PEM setting that is really there: not blank and not an unresolved {@code ${...}} placeholder. */
    public static boolean isSet(String pem) {
        return pem != null && !pem.isBlank() && !pem.strip().startsWith("${");
    }

    private static void requireSet(String setting, String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalStateException(setting + " is not set");
        }
        if (pem.strip().startsWith("${")) { // Boot leaves unresolvable placeholders in bound values as they are
            throw new IllegalStateException(setting + " is not set: " + pem.strip()
                    + " did not resolve; give the PEM in that environment variable (docs/auth.md)");
        }
    }

    private static ByteArrayInputStream ascii(String pem) {
        return new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
