package dev.beamplayground.connect;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.domain.error.TooLargeException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Connect unary over JSON: checks the content type, bounds and decodes the body as strict UTF-8
 * proto3 JSON (lowerCamelCase or original names, enum names or numbers, unknown fields ignored as
 * Connect servers do; {@link StrictJson} refuses what the lenient {@code JsonFormat} would let through),
 * and writes answers. Everything wrong with a request ends here as a 4xx.
 */
public final class ConnectCodec {
    /** Deeper JSON than this is refused before the parser sees it: no message of the API nests so deep. */
    static final int MAX_DEPTH = 32;

    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private static final StrictJson STRICT = new StrictJson(MAX_DEPTH);

    private final int maxRequestBytes;

    public ConnectCodec(int maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    /** Parses a request body into {@code builder}'s message type. */
    public <T extends Message> T parse(HttpRequest<?> request, byte[] body, T.Builder builder) {
        requireJson(request);
        return parseJson(body, builder);
    }

    /** Parses proto3 JSON (a POST body, or the {@code message} of a Connect GET) into {@code builder}'s type. */
    @SuppressWarnings("unchecked")
    public <T extends Message> T parseJson(byte[] body, T.Builder builder) {
        if (body == null || body.length == 0) {
            throw new InvalidArgumentException("the request body is empty; send a JSON object");
        }
        if (body.length > maxRequestBytes) {
            throw new TooLargeException("the request body is " + body.length + " bytes, at most "
                    + maxRequestBytes + " are accepted");
        }
        String json = decodeUtf8(body);
        requireShallowObject(json);
        STRICT.check(json, builder.getDescriptorForType());
        try {
            PARSER.merge(json, builder);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            // The parser's messages name the field and the problem, never more than the request holds.
            throw new InvalidArgumentException("the request is not valid JSON for this method: "
                    + clip(e.getMessage()));
        }
        return (T) builder.build();
    }

    /** A 200 answer carrying {@code message} as JSON. */
    public HttpResponse<byte[]> ok(Message message) {
        return ok(json(message));
    }

    /** A 200 answer carrying JSON already serialized. */
    public HttpResponse<byte[]> ok(byte[] json) {
        return HttpResponse.ok(json).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** The message as compact proto3 JSON in UTF-8, as every answer carries it. */
    public static byte[] json(Message message) {
        try {
            return PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a message of the API cannot be printed as JSON", e);
        }
    }

    public int maxRequestBytes() {
        return maxRequestBytes;
    }

    private static void requireJson(HttpRequest<?> request) {
        String type = request.getHeaders().get("Content-Type");
        if (type == null) {
            throw new UnsupportedContentTypeException("Content-Type is missing; send application/json");
        }
        String[] parts = type.split(";");
        String mime = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!mime.equals("application/json")) {
            throw new UnsupportedContentTypeException("Content-Type must be application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].strip().toLowerCase(Locale.ROOT).replace("\"", "");
            if (param.startsWith("charset=") && !param.equals("charset=utf-8")) {
                throw new UnsupportedContentTypeException("only the UTF-8 charset is accepted");
            }
        }
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

    /** Keeps parser messages short: they can quote a piece of the request. */
    private static String clip(String message) {
        if (message == null) {
            return "malformed JSON";
        }
        String line = message.replaceAll("[\\p{Cntrl}]", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
