package dev.beamplayground.testing.badinput;

import static dev.beamplayground.testing.badinput.MalformedRequests.bytes;
import static dev.beamplayground.testing.badinput.MalformedRequests.concat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.WireFormat;
import dev.beamplayground.config.ConnectConfiguration;
import dev.beamplayground.connect.JsonCodec;
import dev.beamplayground.domain.error.PlaygroundException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * The protocols and codecs beside Connect JSON. Each Connect JSON case is also sent as gRPC-Web JSON (the same
 * body in one frame); one whose JSON the codec reads (so the method itself refuses it: an id that is no id, a
 * file over the bound) is also sent as Connect binary, gRPC-Web binary and gRPC-Web text, the same message in
 * protobuf. Beside that, each method gets broken protobuf per binary protocol and broken frames per gRPC-Web type.
 */
final class ProtocolVariants {
    private static final int MAX = ConnectConfiguration.DEFAULT_MAX_REQUEST_BYTES;
    private static final String JSON = "application/json";
    private static final Set<Integer> BAD = Set.of(400);
    private static final Set<Integer> GRPC_BAD = Set.of(3);

    /** The protocols that carry binary protobuf. */
    enum Binary {
        CONNECT_PROTO("application/proto"),
        GRPC_WEB_PROTO("application/grpc-web+proto"),
        GRPC_WEB("application/grpc-web"),
        GRPC_WEB_TEXT("application/grpc-web-text");

        final String contentType;

        Binary(String contentType) {
            this.contentType = contentType;
        }

        boolean grpcWeb() {
            return this != CONNECT_PROTO;
        }

        /** The request body carrying {@code message} bytes as this protocol frames it. */
        byte[] body(byte[] message) {
            return switch (this) {
                case CONNECT_PROTO -> message;
                case GRPC_WEB_PROTO, GRPC_WEB -> frame(0, message);
                case GRPC_WEB_TEXT -> Base64.getEncoder().encode(frame(0, message));
            };
        }
    }

    private ProtocolVariants() {
    }

    static List<BadRequest> expand(List<BadRequest> cases, Map<String, MalformedRequests.Rpc> rpcs) {
        List<BadRequest> out = new ArrayList<>(cases);
        for (BadRequest c : cases) {
            MalformedRequests.Rpc rpc = rpcOf(c, rpcs);
            if (rpc == null || !c.method().equals("POST") || !JSON.equals(c.headers().get("Content-Type"))
                    || c.body() == null) {
                continue;
            }
            Set<Integer> grpc = grpcStatuses(c.statuses());
            out.add(grpcWeb(c.name() + " [grpc-web+json]", c, "application/grpc-web+json", frame(0, c.body()), grpc));
            Message message = readable(c.body(), rpc.request());
            if (message == null) {
                continue;
            }
            byte[] bytes = message.toByteArray();
            out.add(new BadRequest(c.name() + " [proto]", "POST", c.path(), Map.of("Content-Type", "application/proto"),
                    bytes, c.statuses(), Set.of()));
            out.add(grpcWeb(c.name() + " [grpc-web+proto]", c, Binary.GRPC_WEB_PROTO.contentType,
                    Binary.GRPC_WEB_PROTO.body(bytes), grpc));
            out.add(grpcWeb(c.name() + " [grpc-web-text]", c, Binary.GRPC_WEB_TEXT.contentType,
                    Binary.GRPC_WEB_TEXT.body(bytes), grpc));
        }
        return out;
    }

    /** Protobuf that is not a valid request of {@code rpc}, in one binary protocol. */
    static List<BadRequest> binaryCases(MalformedRequests.Rpc rpc, Binary protocol) {
        Map<String, byte[]> broken = new LinkedHashMap<>();
        Descriptor type = rpc.request();
        FieldDescriptor first = type.getFields().get(0);
        broken.put("tag 0", bytes(0x00));
        broken.put("truncated length-delimited field", concat(tag(first.getNumber(), WireFormat.WIRETYPE_LENGTH_DELIMITED),
                bytes(0x05, 'a', 'b')));
        broken.put("truncated varint", concat(tag(first.getNumber(), WireFormat.WIRETYPE_VARINT), bytes(0xFF, 0xFF)));
        broken.put("varint of 11 bytes", concat(tag(first.getNumber(), WireFormat.WIRETYPE_VARINT),
                bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01)));
        broken.put("start group without end", tag(first.getNumber(), WireFormat.WIRETYPE_START_GROUP));
        broken.put("end group without start", tag(first.getNumber(), WireFormat.WIRETYPE_END_GROUP));
        broken.put("reserved wire type 6", bytes(first.getNumber() << 3 | 6));
        broken.put("length prefix past the end", concat(tag(99, WireFormat.WIRETYPE_LENGTH_DELIMITED), bytes(0x7F)));
        for (FieldDescriptor f : type.getFields()) {
            boolean lengthDelimited = f.getType() == FieldDescriptor.Type.STRING
                    || f.getType() == FieldDescriptor.Type.MESSAGE || f.getType() == FieldDescriptor.Type.BYTES;
            broken.put(f.getName() + " with the wrong wire type", lengthDelimited
                    ? concat(tag(f.getNumber(), WireFormat.WIRETYPE_VARINT), bytes(0x01))
                    : concat(tag(f.getNumber(), WireFormat.WIRETYPE_LENGTH_DELIMITED), bytes(0x01, 'x')));
            if (f.getType() == FieldDescriptor.Type.STRING) {
                broken.put(f.getName() + " invalid UTF-8", concat(tag(f.getNumber(), WireFormat.WIRETYPE_LENGTH_DELIMITED),
                        bytes(0x02, 0xC0, 0xAF)));
                broken.put(f.getName() + " lone surrogate in UTF-8", concat(tag(f.getNumber(),
                        WireFormat.WIRETYPE_LENGTH_DELIMITED), bytes(0x03, 0xED, 0xA0, 0x80)));
            }
            if (f.getType() == FieldDescriptor.Type.ENUM) {
                broken.put(f.getName() + " unknown enum number", concat(tag(f.getNumber(), WireFormat.WIRETYPE_VARINT),
                        bytes(0x63)));
            }
            if (f.getType() == FieldDescriptor.Type.MESSAGE) {
                broken.put(f.getName() + " nested message truncated", concat(tag(f.getNumber(),
                        WireFormat.WIRETYPE_LENGTH_DELIMITED), bytes(0x03, 0x0A, 0x05, 'a')));
                broken.put(f.getName() + " nested 40 deep", nested(f.getNumber(), 40));
            }
        }
        List<BadRequest> out = new ArrayList<>();
        broken.forEach((what, message) -> out.add(request(rpc, protocol, "protobuf: " + what, Map.of(),
                protocol.body(message))));
        return out;
    }

    /** Broken frames and headers of gRPC-Web, and headers Connect binary refuses. */
    static List<BadRequest> frameCases(MalformedRequests.Rpc rpc) {
        List<BadRequest> out = new ArrayList<>();
        byte[] valid = validMessage(rpc);
        Binary connect = Binary.CONNECT_PROTO;
        out.add(request(rpc, connect, "Connect-Protocol-Version: 2", Map.of("Connect-Protocol-Version", "2"), valid));
        out.add(request(rpc, connect, "Connect-Timeout-Ms: -1", Map.of("Connect-Timeout-Ms", "-1"), valid));
        out.add(request(rpc, connect, "Connect-Timeout-Ms: 11 digits", Map.of("Connect-Timeout-Ms", "12345678901"), valid));
        out.add(request(rpc, connect, "Content-Encoding: br", Map.of("Content-Encoding", "br"), valid));
        out.add(request(rpc, connect, "Content-Encoding: gzip, body not gzip", Map.of("Content-Encoding", "gzip"), valid));
        out.add(request(rpc, connect, "Content-Encoding: gzip bomb over the bound", Map.of("Content-Encoding", "gzip"),
                gzip(new byte[MAX + 1]), Set.of(413), Set.of()));
        for (Binary grpc : List.of(Binary.GRPC_WEB_PROTO, Binary.GRPC_WEB_TEXT)) {
            Map<String, byte[]> frames = new LinkedHashMap<>();
            frames.put("no frame (empty body)", new byte[0]);
            frames.put("3 bytes of a frame header", bytes(0, 0, 0));
            frames.put("length prefix past the body", concat(bytes(0, 0, 0, 0, 9), valid));
            frames.put("trailing bytes after the frame", concat(frame(0, valid), bytes(0x00)));
            frames.put("two message frames", concat(frame(0, valid), frame(0, valid)));
            frames.put("a trailer frame", frame(0x80, "grpc-status:0\r\n".getBytes(StandardCharsets.US_ASCII)));
            frames.put("a message then a trailer frame", concat(frame(0, valid), frame(0x80, new byte[0])));
            frames.put("unknown flag 0x02", frame(0x02, valid));
            frames.put("compressed flag without grpc-encoding", frame(0x01, valid));
            frames.forEach((what, body) -> out.add(request(rpc, grpc, "frame: " + what, Map.of(), encode(grpc, body))));
            out.add(request(rpc, grpc, "frame: length prefix over the bound", Map.of(),
                    encode(grpc, concat(bytes(0, 0x7F, 0xFF, 0xFF, 0xFF), valid)), Set.of(), Set.of(8)));
            out.add(request(rpc, grpc, "grpc-encoding: br", Map.of("grpc-encoding", "br"), encode(grpc, frame(1, valid))));
            out.add(request(rpc, grpc, "grpc-encoding: gzip, frame not gzip", Map.of("grpc-encoding", "gzip"),
                    encode(grpc, frame(1, valid))));
            out.add(request(rpc, grpc, "grpc-encoding: gzip bomb over the bound", Map.of("grpc-encoding", "gzip"),
                    encode(grpc, frame(1, gzip(new byte[MAX + 1]))), Set.of(), Set.of(8)));
            out.add(request(rpc, grpc, "grpc-timeout: 1x", Map.of("grpc-timeout", "1x"), encode(grpc, frame(0, valid))));
            out.add(request(rpc, grpc, "grpc-timeout: 9 digits", Map.of("grpc-timeout", "123456789S"),
                    encode(grpc, frame(0, valid))));
        }
        out.add(request(rpc, Binary.GRPC_WEB_TEXT, "text: not base64", Map.of(),
                "!!not base64!!".getBytes(StandardCharsets.US_ASCII)));
        out.add(request(rpc, Binary.GRPC_WEB_TEXT, "text: base64 of a truncated frame", Map.of(),
                Base64.getEncoder().encode(bytes(0, 0, 0, 0, 9, 1))));
        return out;
    }

    private static BadRequest request(MalformedRequests.Rpc rpc, Binary protocol, String what,
                                      Map<String, String> headers, byte[] body) {
        return request(rpc, protocol, what, headers, body, BAD, GRPC_BAD);
    }

    private static BadRequest request(MalformedRequests.Rpc rpc, Binary protocol, String what,
                                      Map<String, String> headers, byte[] body, Set<Integer> connect,
                                      Set<Integer> grpc) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Content-Type", protocol.contentType);
        if (protocol.grpcWeb()) {
            h.put("X-Grpc-Web", "1");
        }
        return new BadRequest(rpc.name() + " POST " + protocol.contentType + " " + what, "POST",
                MalformedRequests.path(rpc), h, body, protocol.grpcWeb() ? Set.of(400) : connect,
                protocol.grpcWeb() ? (grpc.isEmpty() ? GRPC_BAD : grpc) : Set.of());
    }

    private static BadRequest grpcWeb(String name, BadRequest c, String contentType, byte[] body, Set<Integer> grpc) {
        return new BadRequest(name, "POST", c.path(), Map.of("Content-Type", contentType, "X-Grpc-Web", "1"), body,
                Set.of(400), grpc);
    }

    private static MalformedRequests.Rpc rpcOf(BadRequest c, Map<String, MalformedRequests.Rpc> rpcs) {
        for (MalformedRequests.Rpc rpc : rpcs.values()) {
            if (c.path().equals(MalformedRequests.path(rpc))) {
                return rpc;
            }
        }
        return null;
    }

    /** The gRPC codes for the Connect statuses a JSON case expects. */
    private static Set<Integer> grpcStatuses(Set<Integer> httpStatuses) {
        Set<Integer> out = new java.util.TreeSet<>();
        for (int status : httpStatuses) {
            switch (status) {
                case 400 -> {
                    out.add(3);
                    out.add(9);
                }
                case 404 -> out.add(5);
                case 413, 429 -> out.add(8);
                default -> out.add(3);
            }
        }
        return out;
    }

    /** The message the JSON codec reads from {@code json}, or null when the codec refuses it. */
    private static Message readable(byte[] json, Descriptor type) {
        if (json.length > MAX) {
            return null; // refused for its size before any codec reads it
        }
        try {
            return JsonCodec.INSTANCE.parse(json, DynamicMessage.getDefaultInstance(type));
        } catch (PlaygroundException e) {
            return null;
        }
    }

    private static byte[] validMessage(MalformedRequests.Rpc rpc) {
        Message m = readable(MalformedRequests.render(rpc.valid()).getBytes(StandardCharsets.UTF_8), rpc.request());
        if (m == null) {
            throw new IllegalStateException("the valid request of " + rpc.name() + " does not parse");
        }
        return m.toByteArray();
    }

    private static byte[] encode(Binary protocol, byte[] framedBody) {
        return protocol == Binary.GRPC_WEB_TEXT ? Base64.getEncoder().encode(framedBody) : framedBody;
    }

    static byte[] frame(int flags, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 5);
        out.write(flags);
        out.write(payload.length >>> 24);
        out.write(payload.length >>> 16);
        out.write(payload.length >>> 8);
        out.write(payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] nested(int field, int depth) {
        byte[] inner = new byte[0];
        for (int i = 0; i < depth; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                CodedOutputStream c = CodedOutputStream.newInstance(out);
                c.writeBytes(field, ByteString.copyFrom(inner));
                c.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            inner = out.toByteArray();
        }
        return inner;
    }

    private static byte[] tag(int field, int wireType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            CodedOutputStream c = CodedOutputStream.newInstance(out);
            c.writeTag(field, wireType);
            c.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
