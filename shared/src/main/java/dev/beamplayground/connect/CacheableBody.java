package dev.beamplayground.connect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * A serialized answer with its strong ETag, computed once when the body is made so that serving it again
 * costs nothing.
 *
 * @param json the JSON body (never modified after construction)
 * @param etag a strong entity tag, quoted: {@code "<base64url of the first 16 bytes of SHA-256(json)>"}
 */
public record CacheableBody(byte[] json, String etag) {
    public CacheableBody {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(etag, "etag");
    }

    public static CacheableBody of(byte[] json) {
        return new CacheableBody(json, etagOf(json));
    }

    public static CacheableBody of(String json) {
        return of(json.getBytes(StandardCharsets.UTF_8));
    }

    static String etagOf(byte[] json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
