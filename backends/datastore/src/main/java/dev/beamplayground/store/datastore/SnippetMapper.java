package dev.beamplayground.store.datastore;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.store.VisitLedger;
import dev.beamplayground.store.datastore.wire.Entity;
import dev.beamplayground.store.datastore.wire.Key;
import dev.beamplayground.store.datastore.wire.Value;
import dev.beamplayground.versioning.Codecs;
import dev.beamplayground.versioning.SnippetCodec;
import dev.beamplayground.versioning.SnippetFileCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one mapping between snippets and their Datastore entities ({@code pg_snippets} and
 * {@code pg_files}): through their codecs ({@link SnippetCodec}, {@link SnippetFileCodec}) at the pinned
 * write versions, with the kinds and property names of Beam Playground's schema. Keys live in the
 * store's namespace.
 */
final class SnippetMapper {
    static final String L_VISITED = SnippetCodec.L_VISITED;
    static final String VISIT_COUNT = SnippetCodec.VISIT_COUNT;
    static final String ORIGIN = SnippetCodec.ORIGIN;
    static final String NUMBER_OF_FILES = SnippetCodec.NUMBER_OF_FILES;
    static final String PERSISTENCE_KEY = SnippetCodec.PERSISTENCE_KEY;

    private final EntityObjects objects;

    SnippetMapper(String projectId, String namespace) {
        this(new EntityObjects(projectId, namespace, "", Codecs.current()));
    }

    SnippetMapper(EntityObjects objects) {
        this.objects = objects;
    }

    private Codecs codecs() {
        return objects.codecs();
    }

    Key snippetKey(String id) {
        return objects.key(Snippet.KIND, id);
    }

    Key fileKey(String snippetId, int ordinal) {
        return objects.key(Snippet.FILE_KIND, SnippetFile.key(snippetId, ordinal));
    }

    /** Keys of a stored snippet's files, derived from its {@code numberOfFiles}. */
    List<Key> fileKeysOf(Entity snippet) {
        return fileKeysOf(Keys.name(snippet.getKey()), numberOfFiles(snippet));
    }

    List<Key> fileKeysOf(String snippetId, long numberOfFiles) {
        return Snippet.fileKeys(snippetId, numberOfFiles).stream()
                .map(name -> objects.key(Snippet.FILE_KIND, name))
                .toList();
    }

    /** The snippet entity at the pinned version; persistenceKey and datasets are left out when empty. */
    Entity toEntity(Snippet s) {
        return objects.toEntity(codecs().snippets().write(s.id(), s, codecs().writeVersion(Snippet.KIND)), null);
    }

    List<Entity> toFileEntities(Snippet s) {
        List<Entity> out = new ArrayList<>(s.files().size());
        for (var file : codecs().files().writeAll(s, codecs().writeVersion(Snippet.FILE_KIND))) {
            out.add(objects.toEntity(file, null));
        }
        return out;
    }

    /** The snippet of an entity and its file entities (in ordinal order), upgraded in memory if older. */
    Snippet fromEntities(Entity e, List<Entity> fileEntities) {
        List<SnippetFile> files = new ArrayList<>(fileEntities.size());
        for (Entity f : fileEntities) {
            files.add(codecs().files().read(objects.fromEntity(f)));
        }
        return codecs().snippets().read(objects.fromEntity(e), files);
    }

    /** Empty when a file is missing: the snippet was deleted between the two reads. */
    Optional<Snippet> fromEntitiesIfWhole(Entity snippet, List<Entity> fileEntities) {
        if (fileEntities.contains(null)) {
            return Optional.empty();
        }
        return Optional.of(fromEntities(snippet, fileEntities));
    }

    /**
     * The stored entity with the visit counted. Only the two properties change, whatever the entity's
     * version: every version has them, and all other properties (also unknown ones) are kept as stored.
     */
    Entity visited(Entity e, Instant now) {
        return withVisits(e, number(e, VISIT_COUNT) + 1, now);
    }

    /** Visits counted elsewhere added: the count summed, the last visit the later of the two. */
    Entity visited(Entity e, VisitLedger.Visits visits) {
        Instant last = lastVisited(e).isAfter(visits.last()) ? lastVisited(e) : visits.last();
        return withVisits(e, number(e, VISIT_COUNT) + visits.count(), last);
    }

    private static Entity withVisits(Entity e, long count, Instant last) {
        Entity.Builder b = e.toBuilder();
        EntityProperties.put(b, VISIT_COUNT, Value.newBuilder().setIntegerValue(count).build());
        return EntityProperties.put(b, L_VISITED, Values.time(last)).build();
    }

    static long numberOfFiles(Entity e) {
        return number(e, NUMBER_OF_FILES);
    }

    static Instant created(Entity e) {
        return instant(e, SnippetCodec.CREATED);
    }

    static Instant lastVisited(Entity e) {
        return instant(e, L_VISITED);
    }

    static String origin(Entity e) {
        Value v = EntityProperties.get(e, ORIGIN);
        return v != null && v.getValueTypeCase() == Value.ValueTypeCase.STRING_VALUE ? v.getStringValue() : "";
    }

    private static long number(Entity e, String name) {
        Value v = EntityProperties.get(e, name);
        return v != null && v.getValueTypeCase() == Value.ValueTypeCase.INTEGER_VALUE ? v.getIntegerValue() : 0;
    }

    private static Instant instant(Entity e, String name) {
        Value v = EntityProperties.get(e, name);
        return v != null && v.getValueTypeCase() == Value.ValueTypeCase.TIMESTAMP_VALUE
                ? Values.instant(v.getTimestampValue()) : Instant.EPOCH;
    }
}
