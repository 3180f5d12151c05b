package dev.sns.web.conditional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.http.ETag;

/**
 * Weak entity tags made from the values a representation is built from (ids, versions, page numbers), never from
 * its bytes: a tag can be computed without building the body. Weak (RFC 9110 §8.8.1) because two answers with one
 * tag are equal as JSON, not necessarily byte for byte (a proxy may compress them). The values are hashed, so a tag
 * tells a client nothing it could not see anyway and has the same length for one post or a page of a hundred.
 */
public final class ETags {

    private static final HexFormat HEX = HexFormat.of();

    private ETags() {
    }

    /** The weak tag of these values, in this order; the first is conventionally the kind of resource. */
    public static ETag weak(Object... values) {
        StringBuilder text = new StringBuilder();
        for (Object value : values) {
            text.append(value).append('\u001f'); // a separator no value contains: ("1", "23") differs from ("12", "3")
        }
        byte[] digest = sha256().digest(text.toString().getBytes(StandardCharsets.UTF_8));
        return new ETag(HEX.formatHex(digest, 0, 16), true); // 128 bits: no two representations share a tag
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
