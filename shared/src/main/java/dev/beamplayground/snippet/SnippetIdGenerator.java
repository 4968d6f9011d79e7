package dev.beamplayground.snippet;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Sdk;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Objects;

/**
 * Beam Playground's snippet id: {@code base64url(SHA-256(salt + content))}, its first {@code length}
 * characters, extended by one while the last character is {@code _}. Same content, same id, so
 * saving twice is idempotent and ids stay compatible with snippets Beam already stored.
 */
public final class SnippetIdGenerator {
    /** Beam's default salt. */
    public static final String DEFAULT_SALT = "Beam playground salt";
    /** Beam's default id length. */
    public static final int DEFAULT_LENGTH = 11;
    private static final int MAX_LENGTH = 44;

    private final byte[] salt;
    private final int length;

    public SnippetIdGenerator(String salt, int length) {
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("snippet id length must be 1.." + MAX_LENGTH + ", not " + length);
        }
        this.salt = Objects.requireNonNull(salt, "salt").getBytes(StandardCharsets.UTF_8);
        this.length = length;
    }

    /** The id of a snippet with these (already validated) parts. */
    public String idOf(Collection<? extends FilePart> files, Sdk sdk, String pipelineOptions, Complexity complexity,
                       String persistenceKey) {
        return idOfContent(contentOf(files, sdk, pipelineOptions, complexity, persistenceKey));
    }

    /**
     * The hashed content: each file's {@code trim(content) + trim(name)}, sorted and concatenated, then
     * the SDK key, the trimmed pipeline options, the complexity name and the persistence key.
     */
    static String contentOf(Collection<? extends FilePart> files, Sdk sdk, String pipelineOptions, Complexity complexity,
                            String persistenceKey) {
        // Go sorts strings by their UTF-8 bytes; Java's compareTo orders UTF-16 units, which differs
        // above U+E000, so sort by bytes to produce the ids Beam produced.
        byte[][] parts = files.stream()
                .map(f -> (f.content().strip() + f.name().strip()).getBytes(StandardCharsets.UTF_8))
                .sorted(Arrays::compareUnsigned)
                .toArray(byte[][]::new);
        StringBuilder content = new StringBuilder();
        for (byte[] part : parts) {
            content.append(new String(part, StandardCharsets.UTF_8));
        }
        return content.append(sdk.keyString())
                .append(pipelineOptions.strip())
                .append(complexity == null ? Complexity.COMPLEXITY_UNSPECIFIED.name() : complexity.name())
                .append(persistenceKey)
                .toString();
    }

    String idOfContent(String content) {
        MessageDigest sha256 = sha256();
        sha256.update(salt);
        byte[] sum = sha256.digest(content.getBytes(StandardCharsets.UTF_8));
        String encoded = Base64.getUrlEncoder().encodeToString(sum);
        int end = length;
        while (end < encoded.length() && encoded.charAt(end - 1) == '_') {
            end++;
        }
        return encoded.substring(0, end);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The parts of a file the id depends on. */
    public interface FilePart {
        String name();

        String content();
    }
}
