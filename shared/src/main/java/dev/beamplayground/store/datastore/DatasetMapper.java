package dev.beamplayground.store.datastore;

import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.KeyFactory;
import dev.beamplayground.domain.Dataset;

/** The one mapping between datasets and {@code pg_datasets} (key: the dataset name; {@code path}). */
final class DatasetMapper {
    static final String PATH = "path";

    private final KeyFactory datasets;

    DatasetMapper(String projectId, String namespace) {
        this.datasets = new KeyFactory(projectId, namespace).setKind(Dataset.KIND);
    }

    Key key(String id) {
        return datasets.newKey(id);
    }

    Entity toEntity(Dataset d) {
        return Entity.newBuilder(key(d.id())).set(PATH, d.path()).build();
    }

    Dataset fromEntity(Entity e) {
        return new Dataset(e.getKey().getName(), EntityValues.string(e, PATH));
    }
}
