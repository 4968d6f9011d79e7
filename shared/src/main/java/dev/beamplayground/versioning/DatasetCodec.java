package dev.beamplayground.versioning;

import dev.beamplayground.domain.Dataset;
import java.util.List;

/** {@code pg_datasets}: a dataset file on the runners, keyed by its name. */
public final class DatasetCodec extends ObjectCodec<Dataset> {
    // 1.0: Beam Playground's pg_datasets
    public static final ObjectVersion VERSION = ObjectVersion.of(1, 0);
    public static final String PATH = "path";

    private static final List<Field> FIELDS = List.of(Field.text(PATH));

    public DatasetCodec() {
        super(Dataset.KIND, VERSION, null, FIELDS);
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
