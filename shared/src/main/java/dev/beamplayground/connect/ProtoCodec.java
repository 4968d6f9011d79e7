package dev.beamplayground.connect;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.logging.Printable;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Binary protobuf, as strict as the JSON codec: the bytes must parse (proto3 strings in valid UTF-8, nesting no
 * deeper than the JSON codec allows), a field number the message knows must come with its own wire type (the
 * sign of another message type), and enum values must be ones the API has. Field numbers the message does not
 * know are skipped, as protobuf servers do, so that newer clients keep working.
 */
public final class ProtoCodec implements MessageCodec {
    public static final ProtoCodec INSTANCE = new ProtoCodec();

    private ProtoCodec() {
    }

    @Override
    public String name() {
        return "proto";
    }

    @Override
    public boolean isJson() {
        return false;
    }

    @Override
    public Message parse(byte[] body, Message prototype) {
        Message.Builder builder = prototype.newBuilderForType();
        try {
            CodedInputStream in = CodedInputStream.newInstance(body);
            in.setRecursionLimit(JsonCodec.MAX_DEPTH);
            builder.mergeFrom(in);
            in.checkLastTagWas(0);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidArgumentException("the request is not a valid protobuf "
                    + prototype.getDescriptorForType().getName() + ": " + reason(e));
        } catch (IOException | RuntimeException e) {
            throw new InvalidArgumentException("the request is not a valid protobuf "
                    + prototype.getDescriptorForType().getName());
        }
        Message message = builder.build();
        check(message, message.getDescriptorForType().getName());
        return message;
    }

    @Override
    public byte[] encode(Message message) {
        return message.toByteArray();
    }

    private static void check(Message message, String path) {
        for (int number : message.getUnknownFields().asMap().keySet()) {
            FieldDescriptor known = message.getDescriptorForType().findFieldByNumber(number);
            if (known != null) {
                throw new InvalidArgumentException(path + "." + known.getName()
                        + " has the wrong wire type: is this a request of another method?");
            }
        }
        for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
            FieldDescriptor field = e.getKey();
            List<?> values = field.isRepeated() ? (List<?>) e.getValue() : List.of(e.getValue());
            for (Object value : values) {
                if (field.getJavaType() == FieldDescriptor.JavaType.ENUM) {
                    EnumValueDescriptor v = (EnumValueDescriptor) value;
                    if (field.getEnumType().findValueByNumber(v.getNumber()) == null) {
                        throw new InvalidArgumentException(path + "." + field.getName() + " has an unknown value");
                    }
                } else if (value instanceof Message nested) {
                    check(nested, path + "." + field.getName());
                }
            }
        }
    }

    /** protobuf's own reasons name the problem (truncated, invalid tag, invalid UTF-8), never request content. */
    private static String reason(InvalidProtocolBufferException e) {
        String m = e.getMessage();
        if (m == null) {
            return "malformed";
        }
        int cut = m.indexOf("  ");
        return Printable.of(cut > 0 ? m.substring(0, cut) : m, 160);
    }
}
