package dev.beamplayground.wire;

import com.google.protobuf.ProtocolMessageEnum;
import dev.beamplayground.domain.error.InvalidArgumentException;

/** Wire enums to domain enums by name: {@code *_UNSPECIFIED} is absent, a number the API lacks is refused. */
final class EnumWire {
    private EnumWire() {
    }

    static <E extends Enum<E>> E toDomain(String field, ProtocolMessageEnum wire, Class<E> type) {
        String name = ((Enum<?>) wire).name();
        if (name.equals("UNRECOGNIZED")) {
            throw new InvalidArgumentException(field + " has an unknown value");
        }
        if (name.endsWith("_UNSPECIFIED")) {
            return null;
        }
        return Enum.valueOf(type, name);
    }
}
