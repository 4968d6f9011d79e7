package dev.beamplayground.migration;

import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.SdkInfo;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.versioning.Codecs;
import java.util.Optional;

/** 0.0.1: one {@code pg_sdks} entity per supported SDK, as Beam Playground's initial schema version. */
public final class InitialVersion implements Version {
    public static final String VERSION = "0.0.1";

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public String description() {
        return "Data initialization: a schema version and SDKs";
    }

    /** An SDK entity that exists (its default example set by the catalog loader, say) is left alone. */
    @Override
    public MigrationReport migrate(MigrationContext context) {
        PlaygroundStore store = context.store();
        Codecs codecs = store.codecs();
        long done = 0;
        for (Sdk sdk : Sdk.values()) {
            boolean[] created = {false};
            store.write(Sdk.KIND, sdk.name(), current -> {
                created[0] = current.isEmpty();
                return current.isPresent() ? Optional.empty()
                        : Optional.of(codecs.sdks().write(sdk.name(), new SdkInfo(sdk, ""),
                                codecs.writeVersion(Sdk.KIND)));
            });
            if (created[0]) {
                done++;
            }
            context.listener().objectFinished(VERSION, sdk.name(), created[0]);
        }
        return new MigrationReport(VERSION, Sdk.values().length, done, true);
    }
}
