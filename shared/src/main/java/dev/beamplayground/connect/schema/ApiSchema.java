package dev.beamplayground.connect.schema;

import com.google.protobuf.Message;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * api.proto's messages, enums and rpcs, read from {@code api.schema}, a table written from the proto's descriptor at
 * build time ({@code ApiSchemaTest} keeps it equal to it). The codecs work on this table instead of protobuf's
 * descriptors: building {@code Api.getDescriptor()} reads the file through descriptor.proto's classes and builds
 * every descriptor in it, some 100 ms and 120 classes at a cold start, while the generated classes parse and
 * serialize without them.
 */
public final class ApiSchema {
    static final String RESOURCE = "api.schema";

    private final String service;
    private final Map<String, MessageSchema> messages;
    private final Map<String, MessageSchema> byJavaClass = new HashMap<>();
    private final Map<String, MethodSchema> methods;

    private ApiSchema(String service, Map<String, MessageSchema> messages, Map<String, MethodSchema> methods) {
        this.service = service;
        this.messages = messages;
        this.methods = methods;
        for (MessageSchema m : messages.values()) {
            if (m.javaClass() != null) {
                byJavaClass.put(m.javaClass(), m);
            }
        }
    }

    private static final class Holder {
        static final ApiSchema API = load();
    }

    /** The API's schema, read once. */
    public static ApiSchema api() {
        return Holder.API;
    }

    private static ApiSchema load() {
        try (InputStream in = ApiSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing beside " + ApiSchema.class.getName());
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's full name ({@code api.v1.PlaygroundService}). */
    public String service() {
        return service;
    }

    /** The rpc named {@code name}, or null. */
    public MethodSchema method(String name) {
        return methods.get(name);
    }

    /** The message type of that full name, or null. */
    public MessageSchema message(String fullName) {
        return messages.get(fullName);
    }

    /**
     * The type of {@code message}, a generated class of api.proto; a {@code DynamicMessage} (tests) is looked up by
     * its descriptor.
     *
     * @throws IllegalArgumentException when it is no message of the API
     */
    public MessageSchema of(Message message) {
        MessageSchema type = byJavaClass.get(message.getClass().getName());
        if (type == null) {
            type = messages.get(message.getDescriptorForType().getFullName());
        }
        if (type == null) {
            throw new IllegalArgumentException(message.getClass().getName() + " is not a message of api.proto");
        }
        return type;
    }

    /**
     * Reads the table: one record per line, words separated by one space.
     * <pre>
     * service api.v1.PlaygroundService
     * enum api.v1.Sdk open SDK_UNSPECIFIED=0 SDK_JAVA=1 ...
     * message api.v1.Dataset dev.beamplayground.api.v1.Dataset
     * field 2 options options repeated message api.v1.Dataset.OptionsEntry
     * message api.v1.Dataset.OptionsEntry - map-entry
     * method GetPrecompiledObjects api.v1.GetPrecompiledObjectsRequest api.v1.GetPrecompiledObjectsResponse no-side-effects
     * </pre>
     * A {@code field} line belongs to the {@code message} above it: number, proto name, JSON name,
     * {@code single} or {@code repeated}, type, and the type's full name for an enum or a message.
     */
    static ApiSchema read(Reader source) throws IOException {
        String service = null;
        Map<String, EnumSchema> enums = new HashMap<>();
        Map<String, MessageSchema> messages = new LinkedHashMap<>();
        List<String[]> methodLines = new ArrayList<>();
        List<FieldSchema> fields = null;
        String[] message = null;
        BufferedReader lines = new BufferedReader(source);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] w = line.split(" ");
            switch (w[0]) {
                case "service" -> service = w[1];
                case "enum" -> enums.put(w[1], enumOf(w));
                case "message" -> {
                    add(messages, message, fields);
                    message = w;
                    fields = new ArrayList<>();
                }
                case "field" -> {
                    if (fields == null) {
                        throw new IllegalStateException(RESOURCE + ": a field before any message");
                    }
                    fields.add(new FieldSchema(Integer.parseInt(w[1]), w[2], w[3], w[4].equals("repeated"),
                            FieldType.ofProtoName(w[5]), w.length > 6 ? w[6] : null));
                }
                case "method" -> methodLines.add(w);
                default -> throw new IllegalStateException(RESOURCE + ": unknown record " + w[0]);
            }
        }
        add(messages, message, fields);
        for (MessageSchema m : messages.values()) {
            for (FieldSchema f : m.fields()) {
                resolve(f, messages, enums);
            }
        }
        Map<String, MethodSchema> methods = new LinkedHashMap<>();
        for (String[] w : methodLines) {
            methods.put(w[1], new MethodSchema(w[1], required(messages, w[2]), required(messages, w[3]),
                    w.length > 4 && w[4].equals("no-side-effects")));
        }
        if (service == null) {
            throw new IllegalStateException(RESOURCE + " names no service");
        }
        return new ApiSchema(service, messages, methods);
    }

    private static EnumSchema enumOf(String[] w) {
        Map<String, Integer> numbers = new HashMap<>();
        Map<Integer, String> names = new HashMap<>();
        for (int i = 3; i < w.length; i++) {
            int eq = w[i].indexOf('=');
            String name = w[i].substring(0, eq);
            int number = Integer.parseInt(w[i].substring(eq + 1));
            numbers.put(name, number);
            names.putIfAbsent(number, name); // an alias keeps the first name, as protobuf prints it
        }
        return new EnumSchema(w[1], w[2].equals("closed"), numbers, names);
    }

    private static void add(Map<String, MessageSchema> messages, String[] w, List<FieldSchema> fields) {
        if (w != null) {
            messages.put(w[1], new MessageSchema(w[1], w[2].equals("-") ? null : w[2],
                    w.length > 3 && w[3].equals("map-entry"), fields));
        }
    }

    private static void resolve(FieldSchema f, Map<String, MessageSchema> messages, Map<String, EnumSchema> enums) {
        switch (f.type()) {
            case MESSAGE -> f.resolve(required(messages, f.typeName()), null);
            case ENUM -> {
                EnumSchema e = enums.get(f.typeName());
                if (e == null) {
                    throw new IllegalStateException(RESOURCE + ": no enum " + f.typeName());
                }
                f.resolve(null, e);
            }
            default -> {
            }
        }
    }

    private static MessageSchema required(Map<String, MessageSchema> messages, String name) {
        MessageSchema m = messages.get(name);
        if (m == null) {
            throw new IllegalStateException(RESOURCE + ": no message " + name);
        }
        return m;
    }
}
