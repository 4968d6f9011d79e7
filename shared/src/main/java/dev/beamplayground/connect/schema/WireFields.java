package dev.beamplayground.connect.schema;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.beamplayground.domain.error.InvalidArgumentException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of one message's binary form, field by field, read by the message's schema: what JSON printing and
 * the binary codec's checks need, without protobuf's descriptors. Values come as {@code Integer} (32-bit types and
 * enums), {@code Long}, {@code Float}, {@code Double}, {@code Boolean}, {@code String}, {@code ByteString}, and a
 * nested message as its own bytes ({@code byte[]}). Fields the schema does not know are skipped.
 */
public final class WireFields {
    private WireFields() {
    }

    /**
     * Reads {@code bytes} as a message of {@code type}. When {@code strict}, a known field that comes with another
     * wire type than its own (the sign of another message type) and an enum number the API does not define are
     * refused, naming the field under {@code path}; otherwise the first is skipped as protobuf's parsers skip it and
     * the second kept.
     *
     * @return for each field of {@code type}, by {@link FieldSchema#index()}, its values in the order they came, or
     *         null when it did not come
     * @throws IOException when the bytes are no protobuf
     * @throws InvalidArgumentException when {@code strict} and a field breaks one of the rules above
     */
    public static List<Object>[] read(byte[] bytes, MessageSchema type, boolean strict, String path)
            throws IOException {
        @SuppressWarnings("unchecked")
        List<Object>[] values = new List[type.fields().size()];
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            FieldSchema field = type.field(WireFormat.getTagFieldNumber(tag));
            if (field == null) {
                in.skipField(tag);
                continue;
            }
            int wireType = WireFormat.getTagWireType(tag);
            List<Object> list = values[field.index()];
            if (list == null) {
                list = new ArrayList<>(2);
                values[field.index()] = list;
            }
            if (wireType == field.type().wireType()) {
                list.add(value(in, field, strict, path));
            } else if (wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED && field.repeated() && field.type().packable()) {
                int limit = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    list.add(value(in, field, strict, path));
                }
                in.popLimit(limit);
            } else if (strict) {
                throw new InvalidArgumentException(path + "." + field.name()
                        + " has the wrong wire type: is this a request of another method?");
            } else {
                in.skipField(tag);
            }
            if (list.isEmpty()) {
                values[field.index()] = null;
            }
        }
        return values;
    }

    /** The last value of a field that does not repeat (protobuf's rule when one comes twice), or null. */
    public static Object last(List<Object> values) {
        return values == null ? null : values.get(values.size() - 1);
    }

    private static Object value(CodedInputStream in, FieldSchema field, boolean strict, String path)
            throws IOException {
        return switch (field.type()) {
            case DOUBLE -> in.readDouble();
            case FLOAT -> in.readFloat();
            case INT64 -> in.readInt64();
            case UINT64 -> in.readUInt64();
            case INT32 -> in.readInt32();
            case FIXED64 -> in.readFixed64();
            case FIXED32 -> in.readFixed32();
            case BOOL -> in.readBool();
            case STRING -> in.readStringRequireUtf8();
            case MESSAGE -> in.readByteArray();
            case BYTES -> in.readBytes();
            case UINT32 -> in.readUInt32();
            case SFIXED32 -> in.readSFixed32();
            case SFIXED64 -> in.readSFixed64();
            case SINT32 -> in.readSInt32();
            case SINT64 -> in.readSInt64();
            case ENUM -> {
                int number = in.readEnum();
                if (strict && field.enumType().name(number) == null) {
                    throw new InvalidArgumentException(path + "." + field.name() + " has an unknown value");
                }
                yield number;
            }
        };
    }
}
