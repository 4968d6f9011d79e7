package dev.beamplayground.connect.schema;

import static com.google.protobuf.WireFormat.WIRETYPE_FIXED32;
import static com.google.protobuf.WireFormat.WIRETYPE_FIXED64;
import static com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED;
import static com.google.protobuf.WireFormat.WIRETYPE_VARINT;

import java.util.Locale;

/** The scalar and composite field types of proto3, with the wire type each is written in. */
public enum FieldType {
    DOUBLE(WIRETYPE_FIXED64), FLOAT(WIRETYPE_FIXED32), INT64(WIRETYPE_VARINT), UINT64(WIRETYPE_VARINT),
    INT32(WIRETYPE_VARINT), FIXED64(WIRETYPE_FIXED64), FIXED32(WIRETYPE_FIXED32), BOOL(WIRETYPE_VARINT),
    STRING(WIRETYPE_LENGTH_DELIMITED), MESSAGE(WIRETYPE_LENGTH_DELIMITED), BYTES(WIRETYPE_LENGTH_DELIMITED),
    UINT32(WIRETYPE_VARINT), ENUM(WIRETYPE_VARINT), SFIXED32(WIRETYPE_FIXED32), SFIXED64(WIRETYPE_FIXED64),
    SINT32(WIRETYPE_VARINT), SINT64(WIRETYPE_VARINT);

    private final int wireType;

    FieldType(int wireType) {
        this.wireType = wireType;
    }

    /** The wire type of one value, as {@code WireFormat} numbers them. */
    public int wireType() {
        return wireType;
    }

    /** A repeated field of this type may also come packed, as one length-delimited run. */
    public boolean packable() {
        return wireType != WIRETYPE_LENGTH_DELIMITED;
    }

    /** The name as api.proto spells it ({@code int64}). */
    public String protoName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FieldType ofProtoName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
