package dev.beamplayground.versioning;

import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.SdkInfo;
import dev.beamplayground.domain.error.InternalException;
import java.util.List;

/** {@code pg_sdks}: one entity per SDK, keyed by its name. */
public final class SdkCodec extends ObjectCodec<SdkInfo> {
    // 1.0: Beam Playground's pg_sdks
    public static final ObjectVersion VERSION = ObjectVersion.of(1, 0);
    public static final String DEFAULT_EXAMPLE = "defaultExample";

    private static final List<Field> FIELDS = List.of(Field.text(DEFAULT_EXAMPLE));

    public SdkCodec() {
        super(Sdk.KIND, VERSION, null, FIELDS);
    }

    @Override
    protected PropertyBag encode(SdkInfo value) {
        return PropertyBag.builder().text(DEFAULT_EXAMPLE, value.defaultExample()).build();
    }

    @Override
    protected SdkInfo decode(String key, PropertyBag p) {
        for (Sdk s : Sdk.values()) {
            if (s.name().equals(key)) {
                return new SdkInfo(s, p.text(DEFAULT_EXAMPLE, ""));
            }
        }
        throw new InternalException("a stored SDK entity has an unknown name");
    }
}
