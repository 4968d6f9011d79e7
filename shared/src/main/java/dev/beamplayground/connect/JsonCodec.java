package dev.beamplayground.connect;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.beamplayground.connect.schema.ApiSchema;
import dev.beamplayground.domain.error.InvalidArgumentException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Proto3 JSON: strict UTF-8, lowerCamelCase or original names, enum names or numbers, unknown fields ignored as
 * Connect servers do. {@link StrictJson} reads it, refusing what the lenient {@code JsonFormat} would let through;
 * {@link JsonPrinter} writes it. Neither uses protobuf-java-util, whose {@code JsonFormat} and the Guava it needs
 * would cost a cold start some 450 classes.
 */
public final class JsonCodec implements MessageCodec {
    public static final JsonCodec INSTANCE = new JsonCodec();

    /** Deeper JSON than this is refused before the parser sees it: no message of the API nests so deep. */
    static final int MAX_DEPTH = 32;

    private static final StrictJson STRICT = new StrictJson(MAX_DEPTH);

    private JsonCodec() {
    }

    @Override
    public String name() {
        return "json";
    }

    @Override
    public boolean isJson() {
        return true;
    }

    @Override
    public Message parse(byte[] body, Message prototype) {
        if (body.length == 0) {
            throw new InvalidArgumentException("the request body is empty; send a JSON object");
        }
        String json = decodeUtf8(body);
        requireShallowObject(json);
        byte[] binary = STRICT.parse(json, ApiSchema.api().of(prototype));
        try {
            return prototype.getParserForType().parseFrom(binary);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the JSON parser wrote a malformed " + prototype.getClass().getName(), e);
        }
    }

    /**
     * JSON this service wrote itself (a cached answer, a cancel message) back into a message of
     * {@code prototype}'s type, with the same checks as a request.
     *
     * @throws InvalidArgumentException when it is not JSON of that type
     */
    public static Message read(byte[] json, Message prototype) {
        return INSTANCE.parse(json, prototype);
    }

    @Override
    public byte[] encode(Message message) {
        return print(message);
    }

    /** The message as compact proto3 JSON in UTF-8, as every JSON answer carries it. */
    public static byte[] print(Message message) {
        return JsonPrinter.print(message.toByteArray(), ApiSchema.api().of(message)).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code s} as a JSON string literal, quoted and escaped. */
    public static String quote(String s) {
        return JsonPrinter.quote(s);
    }

    private static String decodeUtf8(byte[] body) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new InvalidArgumentException("the request body is not valid UTF-8");
        }
    }

    /** A JSON object at the top, nested no deeper than {@link #MAX_DEPTH} (the parser recurses). */
    static void requireShallowObject(String json) {
        int depth = 0;
        boolean inString = false;
        boolean first = true;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (first && !Character.isWhitespace(c)) {
                if (c != '{') {
                    throw new InvalidArgumentException("the request body must be a JSON object");
                }
                first = false;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> {
                    if (++depth > MAX_DEPTH) {
                        throw new InvalidArgumentException("the request JSON nests deeper than " + MAX_DEPTH
                                + " levels");
                    }
                }
                case '}', ']' -> depth--;
                default -> {
                }
            }
        }
        if (first) {
            throw new InvalidArgumentException("the request body must be a JSON object");
        }
    }
}
