package dev.beamplayground.testing.badinput;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.beamplayground.config.ConnectConfiguration;
import dev.beamplayground.connect.PlaygroundApi;
import dev.beamplayground.snippet.SnippetLimits;
import dev.beamplayground.testing.FunctionClient;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Generates malformed requests (Connect JSON, and from them Connect binary and gRPC-Web ones) for the methods of a function: broken JSON, wrong types per field (from
 * the request's proto descriptor), wrong enums, invalid UTF-8, deep nesting, bodies and fields over every
 * bound, wrong content types, HTTP methods and paths, and field values that try to leave their field (snippet
 * ids with path characters, pipeline uuids naming other Redis keys, cloud paths). Deterministic: the same
 * seed gives the same cases (the seed picks key spellings, cut points and filler).
 *
 * <p>Use: {@code new MalformedRequests(SEED).generic(rpc).pipelineUuids(rpc, "pipelineUuid", seeded)...build()}.
 */
public final class MalformedRequests {
    /** The seed of the suites. */
    public static final long SEED = 0x9BAD1;
    static final int MAX_REQUEST_BYTES = ConnectConfiguration.DEFAULT_MAX_REQUEST_BYTES;
    /** Written into values that try to forge a log line; a log line starting with it is an injection. */
    public static final String FORGED = "FORGED-LOG-LINE";

    private static final String SERVICE = FunctionClient.SERVICE;
    private static final String JSON = "application/json";
    private static final Set<Integer> BAD = Set.of(400);
    private static final Set<Integer> NOT_FOUND = Set.of(404);
    private static final Set<Integer> TOO_LARGE = Set.of(413);
    private static final Set<Integer> MEDIA = Set.of(415);
    private static final Set<Integer> METHOD = Set.of(405);
    /** One oversized body shared by every route (the bound is checked before the method's message is read). */
    private static byte[] oversized;

    private final Random random;
    private final Map<String, BadRequest> cases = new LinkedHashMap<>();
    private final Map<String, Rpc> rpcs = new LinkedHashMap<>();

    /**
     * A method of the service.
     *
     * @param name       the RPC name ({@code SaveSnippet})
     * @param request    its request message
     * @param valid      a valid request: field JSON name to its raw JSON value, in order
     * @param connectGet whether the method is also served as Connect GET
     */
    public record Rpc(String name, Descriptor request, Map<String, String> valid, boolean connectGet) {
        public Rpc {
            valid = new LinkedHashMap<>(valid);
            if (valid.isEmpty()) {
                throw new IllegalArgumentException("the valid request of " + name + " needs a field");
            }
        }

        FieldDescriptor field(String jsonName) {
            for (FieldDescriptor f : request.getFields()) {
                if (f.getJsonName().equals(jsonName) || f.getName().equals(jsonName)) {
                    return f;
                }
            }
            throw new IllegalArgumentException(request.getName() + " has no field " + jsonName);
        }
    }

    public MalformedRequests(long seed) {
        this.random = new Random(seed);
    }

    /** The cases, each Connect JSON case whose body a codec reads also sent in the other protocols and codecs. */
    public List<BadRequest> build() {
        return ProtocolVariants.expand(List.copyOf(cases.values()), rpcs);
    }

    // ---- what every route gets ----

    /** Broken JSON, UTF-8, nesting, size, wrong types, duplicate keys, content types and HTTP methods. */
    public MalformedRequests generic(Rpc rpc) {
        rpcs.put(rpc.name(), rpc);
        syntax(rpc);
        utf8(rpc);
        nesting(rpc);
        size(rpc);
        for (FieldDescriptor f : rpc.request().getFields()) {
            wrongTypes(rpc, f);
        }
        duplicates(rpc);
        contentTypes(rpc);
        methods(rpc);
        for (ProtocolVariants.Binary protocol : ProtocolVariants.Binary.values()) {
            ProtocolVariants.binaryCases(rpc, protocol).forEach(this::cases);
        }
        ProtocolVariants.frameCases(rpc).forEach(this::cases);
        if (rpc.connectGet()) {
            connectGet(rpc);
        }
        return this;
    }

    private void syntax(Rpc rpc) {
        String v = valid(rpc);
        String rest = v.substring(1);
        post(rpc, "json: empty body", "", BAD);
        post(rpc, "json: whitespace only", " \n\t ", BAD);
        for (int cut : new int[] {1, v.length() / 2, v.length() - 1, 1 + random.nextInt(v.length() - 1)}) {
            post(rpc, "json: truncated to " + cut + " chars", v.substring(0, cut), BAD);
        }
        post(rpc, "json: trailing garbage", v + "x", BAD);
        post(rpc, "json: a second object after it", v + v, BAD);
        post(rpc, "json: trailing closing brace", v + "}", BAD);
        post(rpc, "json: trailing comma after the object", v + ",", BAD);
        post(rpc, "json: trailing null", v + " null", BAD);
        post(rpc, "json: trailing NUL byte", v + "\u0000", BAD);
        for (String bare : List.of("null", "true", "0", "-1", "1e999", "\"" + word(8) + "\"", "[]", "[" + v + "]", "NaN")) {
            post(rpc, "json: bare value " + printable(bare), bare, BAD);
        }
        post(rpc, "json: block comment before", "/* c */" + v, BAD);
        post(rpc, "json: block comment inside", "{/* c */" + rest, BAD);
        post(rpc, "json: line comment inside", "{// c\n" + rest, BAD);
        post(rpc, "json: hash comment inside", "{# c\n" + rest, BAD);
        post(rpc, "json: line comment after", v + "// c", BAD);
        for (String number : List.of("NaN", "Infinity", "-Infinity", "01", "+1", ".5", "1.", "0x1F", "-")) {
            post(rpc, "json: number " + number + " in an unknown field", "{\"junk\":" + number + "," + rest, BAD);
        }
        post(rpc, "json: single-quoted strings", v.replace('"', '\''), BAD);
        post(rpc, "json: unquoted key", "{" + v.substring(2).replaceFirst("\":", ":"), BAD);
        post(rpc, "json: unquoted value", "{\"junk\":abc," + rest, BAD);
        post(rpc, "json: numeric key", "{1:2," + rest, BAD);
        post(rpc, "json: trailing comma inside", v.substring(0, v.length() - 1) + ",}", BAD);
        post(rpc, "json: leading comma inside", "{," + rest, BAD);
        post(rpc, "json: missing colon", "{\"junk\" 1," + rest, BAD);
        post(rpc, "json: missing comma", "{\"junk\":1 " + rest, BAD);
        post(rpc, "json: unterminated string", "{\"junk\":\"abc", BAD);
        post(rpc, "json: raw tab in a string", "{\"junk\":\"a\tb\"," + rest, BAD);
        post(rpc, "json: raw newline in a string", "{\"junk\":\"a\nb\"," + rest, BAD);
        post(rpc, "json: invalid escape \\x", "{\"junk\":\"\\x41\"," + rest, BAD);
        post(rpc, "json: short unicode escape", "{\"junk\":\"\\u12G4\"," + rest, BAD);
        post(rpc, "json: lone high surrogate escape", "{\"junk\":\"\\uD800\"," + rest, BAD);
        post(rpc, "json: swapped surrogate escapes", "{\"junk\":\"\\uDC00\\uD800\"," + rest, BAD);
        post(rpc, "json: a NUL byte between tokens", "{\u0000" + rest, BAD);
    }

    /** Invalid UTF-8 inside a string of an unknown field and inside the first field's value. */
    private void utf8(Rpc rpc) {
        Map<String, byte[]> sequences = new LinkedHashMap<>();
        sequences.put("overlong '/' (C0 AF)", bytes(0xC0, 0xAF));
        sequences.put("overlong NUL (C0 80)", bytes(0xC0, 0x80));
        sequences.put("3-byte overlong (E0 80 AF)", bytes(0xE0, 0x80, 0xAF));
        sequences.put("4-byte overlong (F0 80 80 AF)", bytes(0xF0, 0x80, 0x80, 0xAF));
        sequences.put("encoded lone surrogate (ED A0 80)", bytes(0xED, 0xA0, 0x80));
        sequences.put("CESU surrogate pair", bytes(0xED, 0xA0, 0x80, 0xED, 0xB0, 0x80));
        sequences.put("bad continuation (C3 28)", bytes(0xC3, 0x28));
        sequences.put("lone continuation (80)", bytes(0x80));
        sequences.put("truncated 3-byte (E2 82)", bytes(0xE2, 0x82));
        sequences.put("byte FF", bytes(0xFF));
        sequences.put("byte FE", bytes(0xFE));
        sequences.put("5-byte form (F8 88 80 80 80)", bytes(0xF8, 0x88, 0x80, 0x80, 0x80));
        sequences.put("beyond U+10FFFF (F4 90 80 80)", bytes(0xF4, 0x90, 0x80, 0x80));
        sequences.put("Latin-1 e-acute (E9)", bytes(0xE9));
        String v = valid(rpc);
        int firstValue = v.indexOf("\":\"");
        sequences.forEach((what, seq) -> {
            post(rpc, "utf-8: " + what + " in an unknown field",
                    concat("{\"junk\":\"a".getBytes(StandardCharsets.UTF_8), seq,
                            ("b\"," + v.substring(1)).getBytes(StandardCharsets.UTF_8)), BAD);
            if (firstValue > 0) {
                post(rpc, "utf-8: " + what + " in the first string field",
                        concat(v.substring(0, firstValue + 3).getBytes(StandardCharsets.UTF_8), seq,
                                v.substring(firstValue + 3).getBytes(StandardCharsets.UTF_8)), BAD);
            }
        });
        post(rpc, "utf-8: UTF-16LE body", v.getBytes(StandardCharsets.UTF_16LE), BAD);
        post(rpc, "utf-8: UTF-16 body with BOM", v.getBytes(StandardCharsets.UTF_16), BAD);
    }

    private void nesting(Rpc rpc) {
        String rest = valid(rpc).substring(1);
        post(rpc, "depth: 33 nested arrays in an unknown field",
                "{\"junk\":" + "[".repeat(33) + "]".repeat(33) + "," + rest, BAD);
        post(rpc, "depth: 40 nested objects", "{\"a\":".repeat(40) + "1" + "}".repeat(40), BAD);
        post(rpc, "depth: 100000 unclosed arrays", "{\"junk\":" + "[".repeat(100_000), BAD);
        post(rpc, "depth: 50000 nested arrays, closed", "{\"junk\":" + "[".repeat(50_000) + "]".repeat(50_000)
                + "," + rest, BAD);
        FieldDescriptor first = rpc.request().getFields().get(0);
        post(rpc, "depth: " + first.getJsonName() + " as 33 nested arrays",
                with(rpc, first, "[".repeat(33) + "]".repeat(33)), BAD);
    }

    private void size(Rpc rpc) {
        post(rpc, "size: a body of " + (MAX_REQUEST_BYTES + 1) + " bytes", oversized(), TOO_LARGE);
        for (FieldDescriptor f : rpc.request().getFields()) {
            if (f.getType() == FieldDescriptor.Type.STRING && !f.isRepeated()) {
                post(rpc, "size: " + f.getJsonName() + " as an array of 100000 strings",
                        with(rpc, f, "[" + "\"a\",".repeat(99_999) + "\"a\"]"), BAD);
            }
        }
    }

    /** Values of the wrong JSON type for one field, the rest of the request valid. */
    private void wrongTypes(Rpc rpc, FieldDescriptor f) {
        for (String wrong : wrongValues(f)) {
            post(rpc, "type: " + f.getJsonName() + " = " + printable(wrong), with(rpc, f, wrong), BAD);
        }
    }

    /**
     * Wrong types and wrong enums for the fields of the message in a repeated message field, inside an otherwise
     * valid element (e.g. {@code files[0].isMain = "yes"}).
     */
    public MalformedRequests nestedWrongTypes(Rpc rpc, String field, Map<String, String> validElement) {
        FieldDescriptor outer = rpc.field(field);
        Descriptor inner = outer.getMessageType();
        for (FieldDescriptor f : inner.getFields()) {
            for (String wrong : wrongValues(f)) {
                Map<String, String> element = new LinkedHashMap<>(validElement);
                element.remove(f.getJsonName());
                element.put(key(f), wrong);
                post(rpc, "type: " + field + "[0]." + f.getJsonName() + " = " + printable(wrong),
                        with(rpc, outer, "[" + render(element) + "]"), BAD);
            }
        }
        return this;
    }

    static List<String> wrongValues(FieldDescriptor f) {
        List<String> wrong = new ArrayList<>();
        if (f.isRepeated()) {
            wrong.addAll(List.of("1", "\"x\"", "true", "{}", "[null]", "[[]]"));
            wrong.add(f.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? "[\"x\"]" : "[{}]");
            return wrong;
        }
        switch (f.getJavaType()) {
            case STRING, BYTE_STRING -> wrong.addAll(List.of("1", "-2.5", "true", "false", "{}", "[]", "[\"a\"]",
                    "{\"value\":\"a\"}"));
            case BOOLEAN -> wrong.addAll(List.of("\"true\"", "\"yes\"", "1", "0", "\"\"", "{}", "[]", "[true]"));
            case INT, LONG -> wrong.addAll(List.of("\"ten\"", "1.5", "true", "{}", "[]", "[1]", "\"\"", "1e400",
                    "9223372036854775808", "-9223372036854775809"));
            case ENUM -> {
                EnumValueDescriptor any = f.getEnumType().getValues().get(1);
                String name = any.getName();
                String prefix = f.getEnumType().getValues().get(0).getName().replace("UNSPECIFIED", "");
                wrong.addAll(List.of("true", "{}", "[]", "[\"" + name + "\"]", "1.5", "\"\"",
                        "\"" + prefix + "NO_SUCH_VALUE\"", "\"" + name.toLowerCase(Locale.ROOT) + "\"",
                        "\"" + name.substring(prefix.length()) + "\"",
                        "\" " + name + "\"", "\"" + name + "\\u0000\"", "\"1\"",
                        "99", "-1", "2147483648", "-2147483649"));
            }
            case MESSAGE -> wrong.addAll(List.of("1", "\"x\"", "true", "[]"));
            default -> wrong.addAll(List.of("\"x\"", "true", "{}", "[]"));
        }
        return wrong;
    }

    private void duplicates(Rpc rpc) {
        for (FieldDescriptor f : rpc.request().getFields()) {
            String value = rpc.valid().get(f.getJsonName());
            if (value == null) {
                continue;
            }
            post(rpc, "json: duplicate key " + f.getJsonName(),
                    "{\"" + f.getJsonName() + "\":" + value + "," + valid(rpc).substring(1), BAD);
            if (!f.getJsonName().equals(f.getName())) {
                post(rpc, "json: " + f.getJsonName() + " and " + f.getName() + " both set",
                        "{\"" + f.getName() + "\":" + value + "," + valid(rpc).substring(1), BAD);
            }
        }
    }

    private void contentTypes(Rpc rpc) {
        // application/proto and the gRPC-Web types are protocols of their own: see binary() and frames().
        List<String> types = List.of("text/plain", "text/plain; charset=utf-8",
                "application/protobuf", "application/x-protobuf", "application/grpc", "application/grpc+json",
                "application/grpc-web-text+json", "application/connect+json", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=b", "application/xml", "application/jsonp", "application/json-seq",
                "application/*", "*/*", "json", "application/json; charset=iso-8859-1",
                "application/json; charset=utf-16", "application/json;charset=\"latin1\"");
        for (String type : types) {
            cases(new BadRequest(rpc.name() + " POST content-type: " + type, "POST", SERVICE + rpc.name(), type,
                    utf8(valid(rpc)), MEDIA));
        }
        cases(new BadRequest(rpc.name() + " POST content-type: missing", "POST", SERVICE + rpc.name(), null,
                utf8(valid(rpc)), MEDIA));
        cases(new BadRequest(rpc.name() + " POST content-type: empty", "POST", SERVICE + rpc.name(), "",
                utf8(valid(rpc)), MEDIA));
    }

    private void methods(Rpc rpc) {
        List<String> methods = new ArrayList<>(List.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO", "post"));
        if (!rpc.connectGet()) {
            methods.add(0, "GET");
        }
        for (String method : methods) {
            cases(new BadRequest(rpc.name() + " method: " + method, method, SERVICE + rpc.name(), JSON,
                    utf8(valid(rpc)), METHOD));
        }
    }

    /** Connect GET (catalog methods): bad query parameters and every broken JSON of the POST cases as message. */
    private void connectGet(Rpc rpc) {
        String path = SERVICE + rpc.name();
        String v = valid(rpc);
        get(rpc, "no query", path, BAD);
        get(rpc, "no encoding", path + "?message=" + url(v), BAD);
        get(rpc, "encoding=xml", path + "?encoding=xml&message=" + url(v), MEDIA);
        get(rpc, "encoding=proto, message JSON text", path + "?encoding=proto&message=" + url(v), BAD);
        get(rpc, "encoding=JSON (upper case)", path + "?encoding=JSON&message=" + url(v), MEDIA);
        get(rpc, "encoding empty", path + "?encoding=&message=" + url(v), MEDIA);
        get(rpc, "no message", path + "?encoding=json", BAD);
        get(rpc, "compression=gzip", path + "?encoding=json&compression=gzip&message=" + url(v), BAD);
        get(rpc, "connect=v2", path + "?encoding=json&connect=v2&message=" + url(v), BAD);
        get(rpc, "base64=1, message not base64", path + "?encoding=json&base64=1&message=" + url("!!{}"), BAD);
        get(rpc, "base64=1, message invalid UTF-8", path + "?encoding=json&base64=1&message="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(0x7B, 0xC0, 0xAF, 0x7D)), BAD);
        get(rpc, "message longer than the bound", path + "?encoding=json&message="
                + "a".repeat(MAX_REQUEST_BYTES + 1), TOO_LARGE);
        String rest = v.substring(1);
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("empty", "");
        broken.put("truncated", v.substring(0, v.length() - 1));
        broken.put("trailing garbage", v + "x");
        broken.put("bare null", "null");
        broken.put("bare array", "[" + v + "]");
        broken.put("comment", "{/* c */" + rest);
        broken.put("NaN", "{\"junk\":NaN," + rest);
        broken.put("single quotes", v.replace('"', '\''));
        broken.put("lone surrogate escape", "{\"junk\":\"\\uD800\"," + rest);
        broken.put("33 nested arrays", "{\"junk\":" + "[".repeat(33) + "]".repeat(33) + "," + rest);
        broken.put("duplicate key", "{" + rest.substring(0, rest.length() - 1) + "," + rest);
        FieldDescriptor first = rpc.request().getFields().get(0);
        for (String wrong : wrongValues(first)) {
            broken.put(first.getJsonName() + " = " + printable(wrong), with(rpc, first, wrong));
        }
        broken.forEach((what, json) -> get(rpc, "message: " + what,
                path + "?encoding=json&message=" + url(json), BAD));
        get(rpc, "base64 message: trailing garbage", path + "?encoding=json&base64=1&message="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(v + "x")), BAD);
    }

    // ---- values that try to leave their field ----

    /** Snippet ids with path and control characters, and near misses of a stored id. */
    public MalformedRequests snippetIds(Rpc rpc, String field, String storedId) {
        FieldDescriptor f = rpc.field(field);
        List<String> bad = new ArrayList<>(List.of("../x", "..", ".", "/", "a/b", "/etc/passwd", "..\\\\x",
                "a\\\\b", "%2F", "a%2Fb", "..%2F..%2Fx", "a%00b", "\\u0000", "a\\u0000b", "a\\r\\nb",
                "a\\r\\n" + FORGED, "\\u001b[31mred", "\\u00e9t\\u00e9", "\\uff41bc", "abc\\u2026", "a b", " abc",
                "abc ", "a.b", "*", "a:b", "a?b", "a#b", "<x>", "{x}:y", "\\uD800", "x".repeat(257),
                "y".repeat(100_000)));
        bad.addAll(List.of(storedId + "/", storedId + "%2F", "../" + storedId, storedId + "\\u0000", storedId + " ",
                " " + storedId, storedId + "\\n", storedId + "/../" + storedId, storedId + "?x=1"));
        for (String value : bad) {
            post(rpc, "id: " + f.getJsonName() + " = " + printable(value), with(rpc, f, quote(value)), BAD);
        }
        String upper = storedId.toUpperCase(Locale.ROOT);
        if (!upper.equals(storedId)) {
            post(rpc, "id: the stored id in upper case", with(rpc, f, quote(upper)), NOT_FOUND);
        }
        post(rpc, "id: the stored id with one more character", with(rpc, f, quote(storedId + "x")), NOT_FOUND);
        return this;
    }

    /** Pipeline uuids naming other Redis keys, patterns and non-canonical forms, around a stored pipeline. */
    public MalformedRequests pipelineUuids(Rpc rpc, String field, String stored) {
        FieldDescriptor f = rpc.field(field);
        List<String> bad = new ArrayList<>(List.of("{" + stored + "}:RUN_OUTPUT", "{" + stored + "}:CANCELED",
                stored + ":x", stored + ":STATUS", "{" + stored + "}", stored + "*", "*", "?", "[a-f]*", "..",
                "../" + stored, stored + "/..", "\\r\\n", stored + "\\r\\nFLUSHALL", stored + "\\r\\n" + FORGED,
                stored + "\\r\\n", " " + stored, stored + " ", stored + "\\u0000", "\\u001b[2J" + stored,
                "CATALOG_VERSION", "EXAMPLES_CATALOG", "SDKS_CATALOG", "DEFAULT_PRECOMPILED_OBJECTS",
                "{playground}:log", "urn:uuid:" + stored, stored.replace("-", ""), stored + "0",
                stored.substring(0, 35), stored.replaceFirst("-", ":"), stored.replaceFirst("-", "*"),
                "g".repeat(36), "*".repeat(36), " ".repeat(36), "\\uD800".repeat(36),
                "\\uff10".repeat(8) + stored.substring(8), "\\u0660".repeat(8) + stored.substring(8),
                "z".repeat(100_000), "%2F" + stored.substring(3)));
        for (String value : bad) {
            post(rpc, "uuid: " + f.getJsonName() + " = " + printable(value), with(rpc, f, quote(value)), BAD);
        }
        String unknown = new UUID(random.nextLong(), random.nextLong()).toString().toUpperCase(Locale.ROOT);
        post(rpc, "uuid: an unknown uuid in upper case", with(rpc, f, quote(unknown)), NOT_FOUND);
        return this;
    }

    /** Cloud paths with path and control characters: not found, or refused when no id can look like it. */
    public MalformedRequests cloudPaths(Rpc rpc, String field, String storedPath) {
        FieldDescriptor f = rpc.field(field);
        for (String value : List.of("../" + storedPath, storedPath + "/../SDK_GO_WordCount", "/", "%2F",
                storedPath + "%2F..", "*", "SDK_JAVA_*", storedPath.toLowerCase(Locale.ROOT), storedPath + " ",
                "\\u00e9", "{" + storedPath + "}:x")) {
            post(rpc, "path: " + f.getJsonName() + " = " + printable(value), with(rpc, f, quote(value)), NOT_FOUND);
        }
        for (String value : List.of("a\\u0000b", "\\r\\n", storedPath + "\\n", storedPath + "\\r\\n" + FORGED,
                "\\u001b[31m" + storedPath, "a".repeat(1501), "\\u00e9".repeat(751), "b".repeat(100_000),
                "\\uD800", storedPath + "\\uDC00")) {
            post(rpc, "path: " + f.getJsonName() + " = " + printable(value), with(rpc, f, quote(value)), BAD);
        }
        return this;
    }

    /** A field set to each value (raw JSON), expecting {@code statuses}. */
    public MalformedRequests values(Rpc rpc, String field, Map<String, String> values, Set<Integer> statuses) {
        FieldDescriptor f = rpc.field(field);
        values.forEach((what, json) -> post(rpc, "value: " + f.getJsonName() + " " + what, with(rpc, f, json),
                statuses));
        return this;
    }

    /** Whole bodies of a method, each described, expecting {@code statuses}. */
    public MalformedRequests bodies(Rpc rpc, Map<String, String> bodies, Set<Integer> statuses) {
        bodies.forEach((what, json) -> post(rpc, "body: " + what, json, statuses));
        return this;
    }

    /** SaveSnippet's bounds and rules, each broken once in an otherwise valid request. */
    public MalformedRequests snippetBounds(Rpc rpc, Map<String, String> validFile) {
        int maxFile = SnippetLimits.DEFAULT_MAX_FILE_BYTES;
        Map<String, String> b = new LinkedHashMap<>();
        b.put("file content one byte over the bound", files(file("Main.java", "a".repeat(maxFile + 1), true)));
        b.put("file content over the bound in UTF-8 bytes, not chars",
                files(file("Main.java", "\\u20ac".repeat(maxFile / 3 + 1), true)));
        b.put("33 files", files(manyFiles(SnippetLimits.DEFAULT_MAX_FILES + 1)));
        b.put("10000 files", files(manyFiles(10_000)));
        b.put("content over the total bound", files(file("A.java", "a".repeat(900_000), true),
                file("B.java", "b".repeat(900_000), false), file("C.java", "c".repeat(900_000), false),
                file("D.java", "d".repeat(900_000), false), file("E.java", "e".repeat(900_000), false)));
        b.put("file name of 257 characters", files(file("n".repeat(257), "class A {}", true)));
        b.put("file name with NUL", files(file("Ma\\u0000in.java", "class A {}", true)));
        b.put("file name with a forged log line", files(file("Main.java\\r\\n" + FORGED, "class A {}", true)));
        b.put("file name with ESC", files(file("\\u001b[31mMain.java", "class A {}", true)));
        b.put("file name blank", files(file("   ", "class A {}", true)));
        b.put("file name empty", files(file("", "class A {}", true)));
        b.put("file name a lone surrogate", files(file("\\uD800.java", "class A {}", true)));
        b.put("file content a lone surrogate", files(file("Main.java", "class A { \\uDC00 }", true)));
        b.put("file content a reversed surrogate pair", files(file("Main.java", "\\uDC00\\uD800", true)));
        b.put("two files with one name", files(file("A.java", "class A {}", true), file("A.java", "class B {}", false)));
        b.put("two main files", files(file("A.java", "class A {}", true), file("B.java", "class B {}", true)));
        b.put("no main file of two", files(file("A.java", "class A {}", false), file("B.java", "class B {}", false)));
        b.put("main file blank", files(file("A.java", " \\n\\t ", true)));
        b.put("no files", "[]");
        b.put("files null", "null");
        values(rpc, "files", b, BAD);
        values(rpc, "pipelineOptions", Map.of(
                "10001 bytes", quote("o".repeat(SnippetLimits.DEFAULT_MAX_PIPELINE_OPTIONS_BYTES + 1)),
                "with NUL", quote("--a=1\\u0000"),
                "with ESC", quote("--a=\\u001b[2J"),
                "a lone surrogate", quote("--a=\\uD800")), BAD);
        values(rpc, "persistenceKey", Map.of(
                "1025 bytes", quote("k".repeat(SnippetLimits.DEFAULT_MAX_PERSISTENCE_KEY_BYTES + 1)),
                "with a line break", quote("key\\n" + FORGED),
                "with NUL", quote("key\\u0000"),
                "a lone surrogate", quote("key\\uDBFF")), BAD);
        values(rpc, "sdk", Map.of("SDK_UNSPECIFIED", "\"SDK_UNSPECIFIED\"", "0", "0", "null", "null"), BAD);
        Map<String, String> noSdk = new LinkedHashMap<>(rpc.valid());
        noSdk.remove("sdk");
        bodies(rpc, Map.of("without sdk", render(noSdk), "only an unknown field", "{\"junk\":1}",
                "empty object", "{}"), BAD);
        return nestedWrongTypes(rpc, "files", validFile);
    }

    // ---- paths ----

    /**
     * Paths no route of the function serves, with a valid body of {@code rpc}. Of {@code otherRpcs}, the names the
     * service lacks are bad paths (404); the service's other methods are not bad input: they answer
     * {@code unimplemented} (501), which the functions' own tests check.
     */
    public MalformedRequests unknownPaths(Rpc rpc, List<String> otherRpcs) {
        List<String> paths = new ArrayList<>(List.of(SERVICE + "Nope", SERVICE + rpc.name().toLowerCase(Locale.ROOT),
                SERVICE + rpc.name().toUpperCase(Locale.ROOT), "/api.v1.PlaygroundService", "/",
                "/api.v2.PlaygroundService/" + rpc.name(), "/api.v1.OtherService/" + rpc.name(),
                "/" + rpc.name(), SERVICE + rpc.name() + "/extra", SERVICE + "%2e%2e%2f" + rpc.name(),
                SERVICE + rpc.name().substring(0, 3) + "%2F" + rpc.name().substring(3),
                SERVICE + rpc.name() + "%00", SERVICE + "%0d%0a" + FORGED, "/api.v1.PlaygroundService//" + rpc.name()));
        for (String other : otherRpcs) {
            if (PlaygroundApi.method(other) == null) {
                paths.add(SERVICE + other);
            }
        }
        for (String path : paths) {
            cases(new BadRequest("path: POST " + path, "POST", path, JSON, utf8(valid(rpc)), NOT_FOUND));
        }
        return this;
    }

    // ---- helpers ----

    static String path(Rpc rpc) {
        return SERVICE + rpc.name();
    }

    private void post(Rpc rpc, String what, String body, Set<Integer> statuses) {
        post(rpc, what, utf8(body), statuses);
    }

    private void post(Rpc rpc, String what, byte[] body, Set<Integer> statuses) {
        cases(new BadRequest(rpc.name() + " POST " + what, "POST", SERVICE + rpc.name(), JSON, body, statuses));
    }

    private void get(Rpc rpc, String what, String pathAndQuery, Set<Integer> statuses) {
        cases(new BadRequest(rpc.name() + " GET " + what, "GET", pathAndQuery, null, null, statuses));
    }

    private void cases(BadRequest c) {
        String name = c.name().length() > 160 ? c.name().substring(0, 160) + "..." : c.name();
        String unique = name;
        for (int n = 2; cases.containsKey(unique); n++) {
            unique = name + " #" + n;
        }
        cases.put(unique, c.renamed(unique));
    }

    /** The valid request, keys spelled as the seed picks (JSON name or proto name). */
    private String valid(Rpc rpc) {
        Map<String, String> fields = new LinkedHashMap<>();
        rpc.valid().forEach((name, value) -> fields.put(key(rpc.field(name)), value));
        return render(fields);
    }

    /** The valid request with one field replaced by raw JSON. */
    private String with(Rpc rpc, FieldDescriptor f, String value) {
        Map<String, String> fields = new LinkedHashMap<>();
        rpc.valid().forEach((name, v) -> {
            FieldDescriptor field = rpc.field(name);
            if (field != f) {
                fields.put(key(field), v);
            }
        });
        fields.put(key(f), value);
        return render(fields);
    }

    private String key(FieldDescriptor f) {
        return random.nextBoolean() ? f.getJsonName() : f.getName();
    }

    static String render(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return json.append('}').toString();
    }

    /** A JSON string literal; {@code escaped} is already JSON-escaped where it needs to be. */
    static String quote(String escaped) {
        return "\"" + escaped + "\"";
    }

    static String file(String name, String content, boolean main) {
        return "{\"name\":" + quote(name) + ",\"content\":" + quote(content) + ",\"isMain\":" + main + "}";
    }

    static String files(String... files) {
        return "[" + String.join(",", files) + "]";
    }

    private static String[] manyFiles(int n) {
        String[] files = new String[n];
        for (int i = 0; i < n; i++) {
            files[i] = file("F" + i + ".java", "class F" + i + " {}", i == 0);
        }
        return files;
    }

    private String word(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    private static synchronized byte[] oversized() {
        if (oversized == null) {
            String head = "{\"junk\":\"";
            oversized = utf8(head + "a".repeat(MAX_REQUEST_BYTES + 1 - head.length() - 2) + "\"}");
        }
        return oversized;
    }

    /** A value as it may appear in a test name: short, printable. */
    static String printable(String value) {
        String shown = value.length() > 48 ? value.substring(0, 40) + "...(" + value.length() + " chars)" : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    private static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
