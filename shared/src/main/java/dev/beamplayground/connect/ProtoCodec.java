package dev.beamplayground.connect;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.beamplayground.connect.schema.ApiSchema;
import dev.beamplayground.connect.schema.FieldSchema;
import dev.beamplayground.connect.schema.MessageSchema;
import dev.beamplayground.connect.schema.WireFields;
import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.logging.Printable;
import java.io.IOException;
import java.util.List;

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
        MessageSchema type = ApiSchema.api().of(prototype);
        Message.Builder builder = prototype.newBuilderForType();
        try {
            CodedInputStream in = CodedInputStream.newInstance(body);
            in.setRecursionLimit(JsonCodec.MAX_DEPTH);
            builder.mergeFrom(in);
            in.checkLastTagWas(0);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidArgumentException("the request is not a valid protobuf " + type.name() + ": "
                    + reason(e));
        } catch (IOException | RuntimeException e) {
            throw new InvalidArgumentException("the request is not a valid protobuf " + type.name());
        }
        Message message = builder.build();
        try {
            check(body, type, type.name());
        } catch (IOException e) {
            // The generated parser read these bytes already.
            throw new InvalidArgumentException("the request is not a valid protobuf " + type.name());
        }
        return message;
    }

    @Override
    public byte[] encode(Message message) {
        return message.toByteArray();
    }

    /** The rules the generated parser does not keep, checked on the bytes it read, message by nested message. */
    private static void check(byte[] bytes, MessageSchema type, String path) throws IOException {
        List<Object>[] values = WireFields.read(bytes, type, true, path);
        for (FieldSchema field : type.fields()) {
            if (field.messageType() != null && values[field.index()] != null) {
                for (Object nested : values[field.index()]) {
                    check((byte[]) nested, field.messageType(), path + "." + field.name());
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
