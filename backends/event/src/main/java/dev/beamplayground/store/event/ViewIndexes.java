package dev.beamplayground.store.event;

import dev.beamplayground.domain.Example;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.versioning.ExampleCodec;
import dev.beamplayground.versioning.SnippetCodec;
import dev.beamplayground.versioning.VersionedObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which index entries an object has: the queries the store answers without scanning a kind. Each index
 * is a sorted set; an object has at most one member in each. Ids in order ({@link EventKeys#ids}) are
 * kept for every kind apart from these.
 */
final class ViewIndexes {
    private ViewIndexes() {
    }

    /** The lex-ordered index entries of an object (score 0): index key -> member. */
    static Map<String, String> lexEntries(EventKeys keys, VersionedObject object) {
        Map<String, String> entries = new HashMap<>(2);
        if (object.kind().equals(Snippet.KIND)) {
            String pk = object.properties().text(SnippetCodec.PERSISTENCE_KEY, "");
            if (!pk.isEmpty()) {
                entries.put(keys.persistenceKeyIndex(), persistenceKeyPrefix(pk) + object.key());
            }
        } else if (object.kind().equals(Example.KIND)) {
            String origin = object.properties().text(ExampleCodec.ORIGIN, "");
            entries.put(keys.exampleOriginIndex(), origin + ":" + object.key());
        }
        return entries;
    }

    /** The last-visit index a snippet belongs to: that of its user origin, else none. */
    static Optional<String> lastVisitIndex(EventKeys keys, VersionedObject object) {
        if (!object.kind().equals(Snippet.KIND)) {
            return Optional.empty();
        }
        String origin = object.properties().text(SnippetCodec.ORIGIN, "");
        return EventKeys.USER_ORIGINS.contains(origin) ? Optional.of(keys.lastVisitIndex(origin)) : Optional.empty();
    }

    static long lastVisitedMillis(VersionedObject snippet) {
        return snippet.properties().time(SnippetCodec.L_VISITED, Instant.EPOCH).toEpochMilli();
    }

    /**
     * The start of the members of one persistence key: a digest, so any key text sorts into its own
     * range and no member of another key starts the same way.
     */
    static String persistenceKeyPrefix(String persistenceKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(persistenceKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest) + ":";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
