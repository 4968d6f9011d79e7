package dev.beamplayground.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.beamplayground.api.v1.Api;
import dev.beamplayground.api.v1.GetRunOutputFromRequest;
import dev.beamplayground.domain.error.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API's JSON codec against protobuf's own {@code JsonFormat}, the reference an independent client uses: for
 * every message of api.proto, filled with awkward values, the bytes printed are the same, and each reads the
 * other's output back to the same message.
 */
class ProtoJsonTest {
    private static final String AWKWARD = "<a href='x'>&amp;=\u2028\u00fc\ud83d\ude00\"\\\n\u0001";

    static Stream<Descriptor> apiMessages() {
        List<Descriptor> all = new ArrayList<>();
        Api.getDescriptor().getMessageTypes().forEach(d -> collect(d, all));
        return all.stream().filter(d -> !d.getOptions().getMapEntry());
    }

    private static void collect(Descriptor type, List<Descriptor> into) {
        into.add(type);
        type.getNestedTypes().forEach(d -> collect(d, into));
    }

    @Test
    void theApiUsesNoWellKnownTypes() {
        apiMessages().flatMap(d -> d.getFields().stream())
                .filter(f -> f.getJavaType() == FieldDescriptor.JavaType.MESSAGE)
                .forEach(f -> assertTrue(!f.getMessageType().getFullName().startsWith("google.protobuf."),
                        f.getFullName() + " is a well-known type: JsonPrinter and StrictJson need its JSON form"));
    }

    @ParameterizedTest
    @MethodSource("apiMessages")
    void printsWhatJsonFormatPrintsAndReadsItBack(Descriptor type) throws InvalidProtocolBufferException {
        Message message = filled(type, 0);
        String reference = JsonFormat.printer().omittingInsignificantWhitespace().print(message);
        assertEquals(reference, new String(JsonCodec.print(message), StandardCharsets.UTF_8), type.getFullName());
        assertEquals(message, read(reference, type), type.getFullName());
        DynamicMessage.Builder back = DynamicMessage.newBuilder(type);
        JsonFormat.parser().merge(new String(JsonCodec.print(message), StandardCharsets.UTF_8), back);
        assertEquals(message, back.build(), type.getFullName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"offset\":\"9223372036854775807\"}", "{\"offset\":1.0}", "{\"offset\":1e2}",
            "{\"offset\":\"-12\"}", "{\"offset\":0}"})
    void integersAreReadAsJsonFormatReadsThem(String json) throws InvalidProtocolBufferException {
        GetRunOutputFromRequest.Builder reference = GetRunOutputFromRequest.newBuilder();
        JsonFormat.parser().merge(json, reference);
        assertEquals(reference.build(), read(json, GetRunOutputFromRequest.getDescriptor()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"offset\":\"9223372036854775808\"}", "{\"offset\":1.5}", "{\"offset\":\"1 \"}",
            "{\"offset\":\"0x10\"}", "{\"offset\":1e999999999}", "{\"offset\":-1e-999999999}", "{\"offset\":\"\"}"})
    void integersOutOfRangeOrWithAFractionAreRefusedAtOnce(String json) {
        InvalidArgumentException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(InvalidArgumentException.class, () -> read(json, GetRunOutputFromRequest.getDescriptor())));
        assertEquals("offset is not a int64 value", e.getMessage());
    }

    private static Message read(String json, Descriptor type) {
        return JsonCodec.read(json.getBytes(StandardCharsets.UTF_8), DynamicMessage.getDefaultInstance(type));
    }

    /** Every field set to something a printer can get wrong; nested messages to a depth of two. */
    private static Message filled(Descriptor type, int depth) {
        DynamicMessage.Builder b = DynamicMessage.newBuilder(type);
        for (FieldDescriptor f : type.getFields()) {
            if (f.isMapField()) {
                for (String key : List.of("k<1>", "")) {
                    DynamicMessage.Builder entry = DynamicMessage.newBuilder(f.getMessageType());
                    FieldDescriptor k = f.getMessageType().findFieldByName("key");
                    FieldDescriptor v = f.getMessageType().findFieldByName("value");
                    entry.setField(k, key);
                    entry.setField(v, sample(v, depth, key.length()));
                    b.addRepeatedField(f, entry.build());
                }
            } else if (f.isRepeated()) {
                if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE || depth < 2) {
                    b.addRepeatedField(f, sample(f, depth, 1));
                    b.addRepeatedField(f, sample(f, depth, 2));
                }
            } else if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE || depth < 2) {
                b.setField(f, sample(f, depth, 3));
            }
        }
        return b.build();
    }

    private static Object sample(FieldDescriptor f, int depth, int n) {
        return switch (f.getJavaType()) {
            case STRING -> AWKWARD + n;
            case INT -> n % 2 == 0 ? -n * 1_000_003 : Integer.MAX_VALUE - n;
            case LONG -> n % 2 == 0 ? Long.MIN_VALUE + n : 1L << 60;
            case BOOLEAN -> true;
            case BYTE_STRING -> ByteString.copyFrom(new byte[] {(byte) 0xfb, (byte) 0xff, (byte) n});
            case FLOAT -> 1.5f * n;
            case DOUBLE -> 1e21 * n;
            case ENUM -> f.getEnumType().getValues().get(Math.min(n, f.getEnumType().getValues().size() - 1));
            case MESSAGE -> filled(f.getMessageType(), depth + 1);
        };
    }
}
