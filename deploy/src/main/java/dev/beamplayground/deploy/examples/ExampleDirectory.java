package dev.beamplayground.deploy.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Dataset;
import dev.beamplayground.domain.DatasetRef;
import dev.beamplayground.domain.Example;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.PrecompiledObject;
import dev.beamplayground.domain.PrecompiledObjectType;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.snippet.Utf8;
import dev.beamplayground.store.LoadedExample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a directory of examples: every folder holding an {@value #METADATA} is one example, with its source
 * files beside it. The metadata is a JSON object:
 * <pre>
 * name, sdk (SDK_JAVA or JAVA, ...), description, categories[] (at least one), tags[], complexity (BASIC,
 * MEDIUM, ADVANCED), default (bool), pipelineOptions, datasets[] {name, path, emulator, options{}},
 * urlVcs, urlNotebook, link (default urlVcs), type (EXAMPLE, KATA, UNIT_TEST), multifile (bool: every
 * source file of the folder, else only the main one), main (the main file; needed with several files),
 * contextLine, alwaysRun, neverRun, output, log, graph (files holding precompiled output)
 * </pre>
 * Anything wrong stops the read with a message naming the folder and the field; nothing is written then.
 */
public final class ExampleDirectory {
    public static final String METADATA = "example.json";
    static final int MAX_FILES = 32;
    static final int MAX_FILE_BYTES = 1_000_000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}");
    private static final Set<String> FIELDS = Set.of("name", "sdk", "description", "categories", "tags", "complexity",
            "default", "pipelineOptions", "datasets", "urlVcs", "urlNotebook", "link", "type", "multifile", "main",
            "contextLine", "alwaysRun", "neverRun", "output", "log", "graph");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was read: the examples, the datasets they use, the ids of the SDKs' default examples. */
    public record Catalog(List<LoadedExample> examples, List<Dataset> datasets, Set<String> defaults) {
    }

    private ExampleDirectory() {
    }

    public static Catalog read(Path root, Instant now) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new InvalidExampleException(root + " is not a directory");
        }
        List<Path> folders;
        try (Stream<Path> walk = Files.walk(root, 5)) {
            folders = walk.filter(p -> p.getFileName().toString().equals(METADATA) && Files.isRegularFile(p))
                    .map(Path::getParent).sorted().toList();
        }
        Map<String, LoadedExample> examples = new LinkedHashMap<>();
        Map<String, Dataset> datasets = new TreeMap<>();
        Set<String> defaults = new TreeSet<>();
        for (Path folder : folders) {
            Read read = readOne(root, folder, now);
            if (examples.put(read.example().id(), read.example()) != null) {
                throw new InvalidExampleException(root.relativize(folder) + ": a second example with the id "
                        + read.example().id());
            }
            for (Dataset d : read.datasets()) {
                Dataset before = datasets.put(d.id(), d);
                if (before != null && !before.equals(d)) {
                    throw new InvalidExampleException(root.relativize(folder) + ": dataset " + d.id()
                            + " has another path elsewhere");
                }
            }
            if (read.isDefault()) {
                defaults.add(read.example().id());
            }
        }
        return new Catalog(List.copyOf(examples.values()), List.copyOf(datasets.values()), defaults);
    }

    private record Read(LoadedExample example, List<Dataset> datasets, boolean isDefault) {
    }

    private static Read readOne(Path root, Path folder, Instant now) throws IOException {
        String where = root.relativize(folder).toString();
        JsonNode meta;
        try {
            meta = JSON.readTree(folder.resolve(METADATA).toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidExampleException(where + "/" + METADATA + " is not valid JSON: " + e.getOriginalMessage());
        }
        Fields f = new Fields(where, meta);
        String name = f.text("name", null);
        if (!NAME.matcher(name).matches()) {
            throw f.bad("name", "letters, digits, space, . _ - and at most 100 characters");
        }
        Sdk sdk = f.choice("sdk", Sdk.class, "SDK_", null);
        String id = Example.idOf(sdk, name);
        List<String> categories = f.texts("categories");
        if (categories.isEmpty()) {
            throw f.bad("categories", "at least one category");
        }
        String urlVcs = f.text("urlVcs", "");
        Set<String> special = new TreeSet<>();
        List<PrecompiledObject> outputs = new ArrayList<>();
        for (PrecompiledObject.Kind kind : PrecompiledObject.Kind.values()) {
            String field = kind.name().toLowerCase();
            String file = f.text(field, "");
            if (!file.isEmpty()) {
                special.add(file);
                outputs.add(new PrecompiledObject(id, kind, readText(f, field, folder, file)));
            }
        }
        List<SnippetFile> files = sourceFiles(f, folder, special);
        List<Dataset> datasets = new ArrayList<>();
        List<DatasetRef> refs = new ArrayList<>();
        for (JsonNode d : f.array("datasets")) {
            Fields df = new Fields(where + " datasets[]", d);
            String dataset = df.text("name", null);
            datasets.add(new Dataset(dataset, df.text("path", null)));
            Map<String, String> options = new TreeMap<>();
            JsonNode o = d.get("options");
            if (o != null) {
                if (!o.isObject()) {
                    throw df.bad("options", "an object of strings");
                }
                o.fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
            }
            refs.add(new DatasetRef(dataset, df.text("emulator", "kafka"), options));
        }
        Example example = new Example(id, name, sdk, f.text("description", ""), f.texts("tags"), categories,
                f.text("link", urlVcs), f.choice("type", PrecompiledObjectType.class, "PRECOMPILED_OBJECT_TYPE_",
                        PrecompiledObjectType.PRECOMPILED_OBJECT_TYPE_EXAMPLE),
                Origin.PG_EXAMPLES, SchemaVersion.CURRENT, urlVcs, f.text("urlNotebook", ""),
                f.bool("alwaysRun"), f.bool("neverRun"));
        Snippet snippet = new Snippet(id, sdk, f.text("pipelineOptions", "").strip(),
                f.choice("complexity", Complexity.class, "COMPLEXITY_", Complexity.COMPLEXITY_UNSPECIFIED), "",
                Origin.PG_EXAMPLES, "", now, now, 0, SchemaVersion.CURRENT, files, refs);
        return new Read(new LoadedExample(example, snippet, outputs), datasets, f.bool("default"));
    }

    /** The main file first (with the context line), then the others by name when multifile. */
    private static List<SnippetFile> sourceFiles(Fields f, Path folder, Set<String> special) throws IOException {
        List<String> names;
        try (Stream<Path> list = Files.list(folder)) {
            names = list.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals(METADATA) && !special.contains(n) && !n.startsWith(".")).sorted().toList();
        }
        String main = f.text("main", names.size() == 1 ? names.get(0) : null);
        if (!names.contains(main)) {
            throw f.bad("main", "one of the source files " + names);
        }
        int contextLine = (int) f.number("contextLine");
        List<SnippetFile> files = new ArrayList<>();
        files.add(new SnippetFile(main, readText(f, "main", folder, main), true, contextLine));
        if (f.bool("multifile")) {
            for (String n : names) {
                if (!n.equals(main)) {
                    files.add(new SnippetFile(n, readText(f, "multifile", folder, n), false, 0));
                }
            }
        }
        if (files.size() > MAX_FILES) {
            throw f.bad("multifile", "at most " + MAX_FILES + " files");
        }
        return files;
    }

    private static String readText(Fields f, String field, Path folder, String file) throws IOException {
        Path path = folder.resolve(file).normalize();
        if (!path.getParent().equals(folder.normalize()) || !Files.isRegularFile(path)) {
            throw f.bad(field, "a file in the example's folder");
        }
        String text = Files.readString(path, StandardCharsets.UTF_8);
        if (Utf8.length(text) > MAX_FILE_BYTES) {
            throw f.bad(field, file + " is over " + MAX_FILE_BYTES + " bytes");
        }
        return text;
    }

    /** Typed, checked access to the metadata object; unknown fields are refused (a typo must not pass). */
    private static final class Fields {
        private final String where;
        private final JsonNode node;

        Fields(String where, JsonNode node) {
            this.where = where;
            this.node = node;
            if (node == null || !node.isObject()) {
                throw new InvalidExampleException(where + ": the metadata must be a JSON object");
            }
            if (where.endsWith("datasets[]")) {
                return;
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!FIELDS.contains(name)) {
                    throw new InvalidExampleException(where + ": unknown field '" + name + "'");
                }
            }
        }

        InvalidExampleException bad(String field, String expected) {
            return new InvalidExampleException(where + ": " + field + " must be " + expected);
        }

        String text(String field, String fallback) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (fallback == null) {
                    throw bad(field, "given");
                }
                return fallback;
            }
            if (!v.isTextual()) {
                throw bad(field, "a string");
            }
            return v.textValue();
        }

        boolean bool(String field) {
            JsonNode v = node.get(field);
            if (v != null && !v.isBoolean()) {
                throw bad(field, "true or false");
            }
            return v != null && v.booleanValue();
        }

        long number(String field) {
            JsonNode v = node.get(field);
            if (v != null && (!v.isInt() || v.intValue() < 0)) {
                throw bad(field, "a non-negative integer");
            }
            return v == null ? 0 : v.intValue();
        }

        List<JsonNode> array(String field) {
            JsonNode v = node.get(field);
            if (v == null) {
                return List.of();
            }
            if (!v.isArray()) {
                throw bad(field, "a list");
            }
            List<JsonNode> out = new ArrayList<>();
            v.forEach(out::add);
            return out;
        }

        List<String> texts(String field) {
            List<String> out = new ArrayList<>();
            for (JsonNode v : array(field)) {
                if (!v.isTextual() || v.textValue().isBlank()) {
                    throw bad(field, "a list of non-empty strings");
                }
                out.add(v.textValue().strip());
            }
            return out;
        }

        /** An enum by its full name or without its prefix ({@code JAVA} for {@code SDK_JAVA}). */
        <E extends Enum<E>> E choice(String field, Class<E> type, String prefix, E fallback) {
            String value = text(field, fallback == null ? null : "");
            if (value.isEmpty()) {
                return fallback;
            }
            String full = value.startsWith(prefix) ? value : prefix + value;
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(full)) {
                    return e;
                }
            }
            throw bad(field, "one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
