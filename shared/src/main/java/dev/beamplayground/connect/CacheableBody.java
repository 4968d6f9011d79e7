package dev.beamplayground.connect;

import com.google.protobuf.Message;
import dev.beamplayground.connect.schema.ApiSchema;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A serialized answer with a strong ETag per encoding, made once so that serving it again costs nothing. The
 * JSON form is made first (it is what the shared catalog cache holds); the binary form is made from it on
 * the first binary request and kept.
 */
public final class CacheableBody implements Reply {
    private final byte[] json;
    private final String etag;
    private final Message prototype;
    private volatile Message message;
    private volatile Encoded proto;

    private record Encoded(byte[] bytes, String etag) {
    }

    private CacheableBody(byte[] json, Message prototype, Message message) {
        this.json = Objects.requireNonNull(json, "json");
        this.prototype = Objects.requireNonNull(prototype, "prototype");
        this.message = message;
        this.etag = etagOf(json);
    }

    /** The answer {@code message}. */
    public static CacheableBody of(Message message) {
        return new CacheableBody(JsonCodec.print(message), message.getDefaultInstanceForType(), message);
    }

    /** An answer already serialized as proto3 JSON of {@code prototype}'s type (e.g. read from a cache). */
    public static CacheableBody ofJson(byte[] json, Message prototype) {
        return new CacheableBody(json, prototype.getDefaultInstanceForType(), null);
    }

    /** The JSON form (never modified). */
    public byte[] json() {
        return json;
    }

    /** The strong ETag of the JSON form, quoted. */
    public String etag() {
        return etag;
    }

    /** The binary protobuf form, made on first use. */
    public byte[] proto() {
        return encodedProto().bytes();
    }

    /** The strong ETag of the binary form, quoted (another representation, so another tag). */
    public String protoEtag() {
        return encodedProto().etag();
    }

    /** The ETag of the form {@code codec} sends. */
    public String etag(MessageCodec codec) {
        return codec.isJson() ? etag : protoEtag();
    }

    @Override
    public byte[] encode(MessageCodec codec) {
        return codec.isJson() ? json : proto();
    }

    private Encoded encodedProto() {
        Encoded e = proto;
        if (e == null) {
            byte[] bytes = message().toByteArray();
            e = new Encoded(bytes, etagOf(bytes));
            proto = e;
        }
        return e;
    }

    private Message message() {
        Message m = message;
        if (m == null) {
            try {
                m = JsonCodec.read(json, prototype);
            } catch (RuntimeException e) {
                throw new IllegalStateException("a stored answer is not JSON of "
                        + ApiSchema.api().of(prototype).fullName(), e);
            }
            message = m;
        }
        return m;
    }

    static String etagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
