package dev.sns.user.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sns.security.TokenPolicy;
import dev.sns.testsupport.Tokens;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The startup check of the signing key, without a Spring context (a wrong key must stop the service). */
class TokenIssuerTest {

    private final KeyPair pair = Tokens.newKeyPair();
    private final KeyPair other = Tokens.newKeyPair();

    @Test
    void aMatchingKeyPairSignsTokensTheVerifierAccepts() {
        TokenIssuer issuer = new TokenIssuer(new TokenProperties(privatePem(pair), Duration.ofMinutes(5)),
                security(pair), decoder(pair));

        Jwt jwt = decoder(pair).decode(issuer.issue(7, "neo", "USER"));

        assertThat(jwt.getSubject()).isEqualTo("7");
        assertThat(jwt.getClaimAsString("name")).isEqualTo("neo");
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aPrivateKeyOfAnotherPairStopsTheService() {
        assertThatThrownBy(() -> new TokenIssuer(new TokenProperties(privatePem(other), Duration.ofHours(1)),
                security(pair), decoder(pair)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sns.token.private-key does not match sns.security.jwt-public-key");
    }

    @Test
    void aMissingOrUnreadableKeyStopsTheServiceWithItsName() {
        assertThatThrownBy(() -> new TokenIssuer(new TokenProperties(" ", Duration.ofHours(1)), security(pair), decoder(pair)))
                .hasMessageContaining("sns.token.private-key is not set");
        assertThatThrownBy(() -> new TokenIssuer(new TokenProperties("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
                Duration.ofHours(1)), security(pair), decoder(pair)))
                .hasMessageContaining("sns.token.private-key is not an RSA private key");
    }

    private static TokenPolicy security(KeyPair pair) {
        return new TokenPolicy(Tokens.toPem("PUBLIC KEY", pair.getPublic().getEncoded()), "sns", Duration.ofSeconds(60), List.of(), List.of(), 0, Duration.ZERO);
    }

    private static NimbusJwtDecoder decoder(KeyPair pair) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) pair.getPublic()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer("sns"));
        return decoder;
    }

    private static String privatePem(KeyPair pair) {
        return Tokens.toPem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

}
