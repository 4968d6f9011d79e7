package dev.beamplayground.versioning;

import dev.beamplayground.domain.Dataset;
import java.util.List;
import java.util.Optional;

/** {@code pg_datasets}: a dataset file on the runners, keyed by its name. */
public final class DatasetCodec extends ObjectCodec<Dataset> {
    // 1.0: Beam Playground's pg_datasets
    public static final ObjectVersion VERSION = ObjectVersion.of(1, 0);
    public static final String PATH = "path";

    private static final List<Field> FIELDS = List.of(Field.text(PATH));

    @Override
    public String kind() {
        return Dataset.KIND;
    }

    @Override
    public ObjectVersion version() {
        return VERSION;
    }

    @Override
    public Optional<ObjectVersion> previousVersion() {
        return Optional.empty();
    }

    @Override
    public List<Field> fields() {
        return FIELDS;
    }

    @Override
    protected PropertyBag encode(Dataset value) {
        return PropertyBag.builder().text(PATH, value.path()).build();
    }

    @Override
    protected Dataset decode(String key, PropertyBag p) {
        return new Dataset(key, p.text(PATH, ""));
    }
}
