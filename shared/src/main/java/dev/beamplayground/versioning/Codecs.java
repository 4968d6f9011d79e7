package dev.beamplayground.versioning;

import dev.beamplayground.domain.Dataset;
import dev.beamplayground.domain.Example;
import dev.beamplayground.domain.InstanceEntry;
import dev.beamplayground.domain.PrecompiledObject;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.SdkInfo;
import dev.beamplayground.logging.Printable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The codec of every persisted kind and the version each is written at. Writers write
 * {@link #writeVersion(String)}: the version the operator pinned ({@code objects.pin}), else the automatic
 * pin's when there is one ({@link #autoPinned}), else the codec's own. Immutable; one instance per store.
 */
public final class Codecs {
    /** Pins every kind that has a previous version to it: what to deploy a release with first. */
    public static final String PIN_PREVIOUS = "previous";

    private final SnippetCodec snippets;
    private final SnippetFileCodec files;
    private final SchemaVersionCodec schemaVersions;
    private final Map<String, ObjectCodec<?>> byKind;
    private final Map<String, ObjectVersion> pins;
    /** The automatic pin, asked for kinds without an explicit pin; null when there is none. */
    private final WritePins auto;

    private Codecs(Map<String, ObjectCodec<?>> byKind, Map<String, ObjectVersion> pins, WritePins auto) {
        this.byKind = Collections.unmodifiableMap(new LinkedHashMap<>(byKind));
        this.pins = Collections.unmodifiableMap(new TreeMap<>(pins));
        this.auto = auto;
        this.snippets = new SnippetCodec();
        this.files = new SnippetFileCodec();
        this.schemaVersions = new SchemaVersionCodec();
    }

    /** The codecs of this code version, writing their own versions. */
    public static Codecs current() {
        Map<String, ObjectCodec<?>> all = new LinkedHashMap<>();
        for (ObjectCodec<?> c : List.of(new SnippetCodec(), new SnippetFileCodec(), new ExampleCodec(),
                new SdkCodec(), new DatasetCodec(), new PrecompiledObjectCodec(), new SchemaVersionCodec(),
                new InstanceCodec())) {
            all.put(c.kind(), c);
        }
        return new Codecs(all, Map.of(), null);
    }

    /**
     * The same codecs with writers pinned: {@code spec} is {@code kind=version[,kind=version...]}, or
     * {@value #PIN_PREVIOUS} for every kind's previous version; blank for no pin.
     *
     * @throws IllegalArgumentException naming the entry that names no kind or a version it cannot write
     */
    public Codecs pinned(String spec) {
        Map<String, ObjectVersion> parsed = new TreeMap<>();
        String trimmed = spec == null ? "" : spec.strip();
        if (trimmed.equals(PIN_PREVIOUS)) {
            byKind.values().forEach(c -> c.previousVersion().ifPresent(p -> parsed.put(c.kind(), p)));
        } else if (!trimmed.isEmpty()) {
            for (String entry : trimmed.split(",")) {
                String[] kv = entry.strip().split("=", 2);
                ObjectCodec<?> codec = kv.length == 2 ? byKind.get(kv[0].strip()) : null;
                if (codec == null) {
                    throw new IllegalArgumentException("objects.pin: '" + Printable.of(entry, 80)
                            + "' is not kind=version with a kind of " + byKind.keySet());
                }
                ObjectVersion version;
                try {
                    version = ObjectVersion.parse(kv[1]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("objects.pin: '" + Printable.of(entry, 80) + "': " + e.getMessage());
                }
                if (!codec.canWrite(version)) {
                    throw new IllegalArgumentException("objects.pin: " + codec.kind() + " can be pinned to "
                            + codec.version() + codec.previousVersion().map(p -> " or " + p).orElse("")
                            + ", not " + version);
                }
                parsed.put(codec.kind(), version);
            }
        }
        return new Codecs(byKind, parsed, null);
    }

    /**
     * The same codecs writing, for each kind without an explicit pin, what {@code pins} says (clamped to
     * what this code can write: never above its own version, never below its previous one). The instance
     * registry's own kind is never pinned.
     */
    public Codecs autoPinned(WritePins pins) {
        return new Codecs(byKind, this.pins, Objects.requireNonNull(pins, "pins"));
    }

    /** Per kind, the highest version this code writes: what an instance records in the registry. */
    public Map<String, ObjectVersion> ownVersions() {
        Map<String, ObjectVersion> out = new TreeMap<>();
        byKind.values().forEach(c -> out.put(c.kind(), c.version()));
        return out;
    }

    /**
     * These codecs with one replaced by another of the same kind (a newer code version, in tests). The
     * catalog kinds ({@link #examples()}, {@link #sdks()}, {@link #datasets()}, {@link #precompiledObjects()})
     * are served from the replacement, which must then be of the same domain type.
     */
    public Codecs with(ObjectCodec<?> codec) {
        Map<String, ObjectCodec<?>> all = new LinkedHashMap<>(byKind);
        all.put(codec.kind(), codec);
        Map<String, ObjectVersion> keep = new TreeMap<>(pins);
        keep.entrySet().removeIf(e -> e.getKey().equals(codec.kind()) && !codec.canWrite(e.getValue()));
        return new Codecs(all, keep, auto);
    }

    /** The version writers of {@code kind} write now. */
    public ObjectVersion writeVersion(String kind) {
        ObjectVersion pin = pins.get(kind);
        if (pin != null) {
            return pin;
        }
        ObjectCodec<?> codec = codec(kind);
        if (auto == null || kind.equals(InstanceEntry.KIND)) {
            return codec.version();
        }
        return auto.pin(kind).map(v -> clamp(codec, v)).orElse(codec.version());
    }

    /** Whether writers follow an automatic pin. */
    public boolean autoPinned() {
        return auto != null;
    }

    /** The lowest version this code can write that is not below {@code wanted}, or its own. */
    private static ObjectVersion clamp(ObjectCodec<?> codec, ObjectVersion wanted) {
        if (!wanted.isBefore(codec.version())) {
            return codec.version();
        }
        return codec.canWrite(wanted) ? wanted : codec.previousVersion().orElse(codec.version());
    }

    public Map<String, ObjectVersion> pins() {
        return pins;
    }

    /** The codec of a kind; absent for kinds this code does not version. */
    public Optional<ObjectCodec<?>> forKind(String kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    public Collection<ObjectCodec<?>> all() {
        return new ArrayList<>(byKind.values());
    }

    public SnippetCodec snippets() {
        return snippets;
    }

    public SnippetFileCodec files() {
        return files;
    }

    public ObjectCodec<SdkInfo> sdks() {
        return typed(Sdk.KIND);
    }

    public ObjectCodec<InstanceEntry> instances() {
        return typed(InstanceEntry.KIND);
    }

    public SchemaVersionCodec schemaVersions() {
        return schemaVersions;
    }

    public ObjectCodec<Example> examples() {
        return typed(Example.KIND);
    }

    public ObjectCodec<Dataset> datasets() {
        return typed(Dataset.KIND);
    }

    public ObjectCodec<PrecompiledObject> precompiledObjects() {
        return typed(PrecompiledObject.ENTITY_KIND);
    }

    /** Only {@link #with} puts another codec under a kind, for the same domain type. */
    @SuppressWarnings("unchecked")
    private <T> ObjectCodec<T> typed(String kind) {
        return (ObjectCodec<T>) codec(kind);
    }

    private ObjectCodec<?> codec(String kind) {
        ObjectCodec<?> c = byKind.get(kind);
        if (c == null) {
            throw new IllegalArgumentException("no codec for kind " + kind);
        }
        return c;
    }

}
