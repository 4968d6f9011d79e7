package dev.beamplayground.store.datastore;

import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.KeyFactory;
import com.google.cloud.datastore.ListValue;
import com.google.cloud.datastore.StringValue;
import dev.beamplayground.domain.Example;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.PrecompiledObjectType;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.error.InternalException;
import java.util.List;

/**
 * The one mapping between examples and {@code pg_examples} entities, with Beam's property names. Only the
 * properties the catalog may query are indexed; description and links are not (they can be long).
 */
final class ExampleMapper {
    static final String NAME = "name";
    static final String SDK = "sdk";
    static final String DESCR = "descr";
    static final String TAGS = "tags";
    static final String CATS = "cats";
    static final String PATH = "path";
    static final String TYPE = "type";
    static final String ORIGIN = "origin";
    static final String SCH_VER = "schVer";
    static final String URL_VCS = "urlVCS";
    static final String URL_NOTEBOOK = "urlNotebook";
    static final String ALWAYS_RUN = "alwaysRun";
    static final String NEVER_RUN = "neverRun";

    private final KeyFactory examples;
    private final KeyFactory sdks;
    private final KeyFactory schemaVersions;

    ExampleMapper(String projectId, String namespace) {
        this.examples = new KeyFactory(projectId, namespace).setKind(Example.KIND);
        this.sdks = new KeyFactory(projectId, namespace).setKind(Sdk.KIND);
        this.schemaVersions = new KeyFactory(projectId, namespace).setKind(SchemaVersion.KIND);
    }

    Key key(String id) {
        return examples.newKey(id);
    }

    Entity toEntity(Example e) {
        return Entity.newBuilder(key(e.id()))
                .set(NAME, e.name())
                .set(SDK, sdks.newKey(e.sdk().name()))
                .set(DESCR, EntityValues.unindexed(e.description()))
                .set(TAGS, list(e.tags()))
                .set(CATS, list(e.categories()))
                .set(PATH, EntityValues.unindexed(e.path()))
                .set(TYPE, e.type().name())
                .set(ORIGIN, e.origin().name())
                .set(SCH_VER, schemaVersions.newKey(e.schemaVersion()))
                .set(URL_VCS, EntityValues.unindexed(e.urlVcs()))
                .set(URL_NOTEBOOK, EntityValues.unindexed(e.urlNotebook()))
                .set(ALWAYS_RUN, e.alwaysRun())
                .set(NEVER_RUN, e.neverRun())
                .build();
    }

    /** Properties older writers left out ({@code neverRun}, urls) read as empty. */
    Example fromEntity(Entity e) {
        return new Example(e.getKey().getName(), EntityValues.string(e, NAME), sdk(e),
                EntityValues.string(e, DESCR), EntityValues.strings(e, TAGS), EntityValues.strings(e, CATS),
                EntityValues.string(e, PATH), type(EntityValues.string(e, TYPE)), origin(e),
                EntityValues.keyName(e, SCH_VER), EntityValues.string(e, URL_VCS),
                EntityValues.string(e, URL_NOTEBOOK), EntityValues.bool(e, ALWAYS_RUN),
                EntityValues.bool(e, NEVER_RUN));
    }

    private static ListValue list(List<String> values) {
        return ListValue.newBuilder().set(values.stream().map(StringValue::of).toList()).build();
    }

    private static Sdk sdk(Entity e) {
        try {
            return Sdk.valueOf(EntityValues.keyName(e, SDK));
        } catch (IllegalArgumentException ex) {
            throw new InternalException("a stored example has an unknown sdk", ex);
        }
    }

    private static Origin origin(Entity e) {
        try {
            return Origin.valueOf(EntityValues.string(e, ORIGIN));
        } catch (IllegalArgumentException ex) {
            throw new InternalException("a stored example has an unknown origin", ex);
        }
    }

    private static PrecompiledObjectType type(String name) {
        for (PrecompiledObjectType t : PrecompiledObjectType.values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return PrecompiledObjectType.PRECOMPILED_OBJECT_TYPE_UNSPECIFIED;
    }
}
