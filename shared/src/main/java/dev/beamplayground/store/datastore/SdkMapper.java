package dev.beamplayground.store.datastore;

import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.KeyFactory;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.SdkInfo;
import java.util.Optional;

/** The one mapping between SDK entities and {@code pg_sdks} (key: the SDK name; {@code defaultExample}). */
final class SdkMapper {
    static final String DEFAULT_EXAMPLE = "defaultExample";

    private final KeyFactory sdks;

    SdkMapper(String projectId, String namespace) {
        this.sdks = new KeyFactory(projectId, namespace).setKind(Sdk.KIND);
    }

    Key key(Sdk sdk) {
        return sdks.newKey(sdk.name());
    }

    Entity toEntity(SdkInfo s) {
        return Entity.newBuilder(key(s.sdk())).set(DEFAULT_EXAMPLE, s.defaultExample()).build();
    }

    /** Empty for an SDK this code does not know. */
    Optional<SdkInfo> fromEntity(Entity e) {
        for (Sdk sdk : Sdk.values()) {
            if (sdk.name().equals(e.getKey().getName())) {
                return Optional.of(new SdkInfo(sdk, EntityValues.string(e, DEFAULT_EXAMPLE)));
            }
        }
        return Optional.empty();
    }
}
