package dev.beamplayground.connect.schema;

import java.util.Locale;

/** The scalar and composite field types of proto3, with the wire type each is written in. */
public enum FieldType {
    DOUBLE(1), FLOAT(5), INT64(0), UINT64(0), INT32(0), FIXED64(1), FIXED32(5), BOOL(0), STRING(2), MESSAGE(2),
    BYTES(2), UINT32(0), ENUM(0), SFIXED32(5), SFIXED64(1), SINT32(0), SINT64(0);

    static final int LENGTH_DELIMITED = 2;

    private final int wireType;

    FieldType(int wireType) {
        this.wireType = wireType;
    }

    /** The wire type of one value (0 varint, 1 64-bit, 2 length-delimited, 5 32-bit). */
    public int wireType() {
        return wireType;
    }

    /** A repeated field of this type may also come packed, as one length-delimited run. */
    public boolean packable() {
        return wireType != LENGTH_DELIMITED;
    }

    /** The name as api.proto spells it ({@code int64}). */
    public String protoName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FieldType ofProtoName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
