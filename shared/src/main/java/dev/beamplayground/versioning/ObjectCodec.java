package dev.beamplayground.versioning;

import dev.beamplayground.logging.Printable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The versioned form of one persisted object, after oslo.versionedobjects: a subclass states its
 * {@link #version()}, the {@link #fields()} of that version (constructor arguments), a history comment, how an object of the
 * {@link #previousVersion()} becomes one of this version in memory ({@link #upgradeFromPrevious}), and
 * how an object of this version is written for readers of the previous one ({@link #makeCompatible}).
 *
 * <p>Reading: the current version, the previous one and older minors of the current major (upgraded in
 * memory: each version's upgrade step delegates to the one before, so the steps chain), and a newer
 * minor of the current major (its extra properties are kept but not interpreted: minor versions only
 * add). Writing: the current version or, while the operator pins the kind, the previous one.
 *
 * <p>Rules for a new version: bump the minor when properties are added (with a default) or one is
 * written more strictly; bump the major when a property is removed, renamed or changes type. Upgrade
 * steps fill defaults only where a property is absent, so a value written by a newer writer survives.
 *
 * @param <T> the domain type
 */
public abstract class ObjectCodec<T> {

    private final String kind;
    private final ObjectVersion version;
    private final Optional<ObjectVersion> previousVersion;
    private final List<Field> fields;

    /**
     * @param kind     the Datastore kind (and SQLite table) of the object
     * @param version  the version this code writes when not pinned
     * @param previous the version before it, which this code still reads and may be pinned to; null when none
     * @param fields   the fields of {@code version}; they make up its fingerprint
     */
    protected ObjectCodec(String kind, ObjectVersion version, ObjectVersion previous, List<Field> fields) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.version = Objects.requireNonNull(version, "version");
        this.previousVersion = Optional.ofNullable(previous);
        this.fields = List.copyOf(fields);
    }

    /** The Datastore kind (and SQLite table) of the object. */
    public final String kind() {
        return kind;
    }

    /** The version this code writes when not pinned. */
    public final ObjectVersion version() {
        return version;
    }

    /** The version before {@link #version()}, which this code still reads and may be pinned to. */
    public final Optional<ObjectVersion> previousVersion() {
        return previousVersion;
    }

    /** The fields of {@link #version()}; they make up its fingerprint. */
    public final List<Field> fields() {
        return fields;
    }

    /** The object as properties of {@link #version()}. */
    protected abstract PropertyBag encode(T value);

    /** The object from properties of {@link #version()} (or a newer minor); unknown properties are ignored. */
    protected abstract T decode(String key, PropertyBag properties);

    /**
     * Properties of {@link #previousVersion()} (or an older minor of this major) as properties of
     * {@link #version()}; unknown ones are kept, and defaults fill only absent properties.
     */
    protected PropertyBag upgradeFromPrevious(PropertyBag previous) {
        return previous;
    }

    /** Properties of {@link #version()} made readable by code of {@code target} (the previous version). */
    protected PropertyBag makeCompatible(PropertyBag current, ObjectVersion target) {
        return current;
    }

    public final boolean canRead(ObjectVersion stored) {
        return previousVersion().map(stored::equals).orElse(false) || stored.major() == version().major();
    }

    public final boolean canWrite(ObjectVersion target) {
        return target.equals(version()) || previousVersion().map(target::equals).orElse(false);
    }

    /** The domain object of a stored one, upgraded in memory when it is of the previous version. */
    public final T read(VersionedObject stored) {
        VersionedObject current = upgrade(stored);
        return decode(current.key(), current.properties());
    }

    /**
     * The stored object at {@link #version()}, all its other properties kept; unchanged when it already
     * is at this version or a newer minor.
     *
     * @throws UnreadableVersionException when its version is not one this code reads
     */
    public final VersionedObject upgrade(VersionedObject stored) {
        requireKind(stored);
        if (!canRead(stored.version())) {
            throw new UnreadableVersionException(kind() + " " + Printable.of(stored.key(), 64) + " is at version "
                    + stored.version() + "; this code reads " + readable());
        }
        if (!stored.version().isBefore(version())) {
            return stored;
        }
        return new VersionedObject(kind(), stored.key(), version(), upgradeFromPrevious(stored.properties()));
    }

    /** Whether {@link #upgrade} would change the stored object. */
    public final boolean needsUpgrade(VersionedObject stored) {
        return stored.version().isBefore(version());
    }

    /** A new object for the store, at {@code target} (the pinned version, or {@link #version()}). */
    public final VersionedObject write(String key, T value, ObjectVersion target) {
        requireWritable(target);
        return new VersionedObject(kind(), key, target, compatible(encode(value), target));
    }

    /**
     * A stored object changed to {@code value}, written at {@code target}. Properties this code does not
     * write are kept as stored: unknown ones, and those the pinned version leaves out.
     */
    public final VersionedObject rewrite(VersionedObject stored, T value, ObjectVersion target) {
        requireKind(stored);
        requireWritable(target);
        PropertyBag full = encode(value);
        PropertyBag.Builder out = stored.properties().toBuilder();
        for (Field f : fields()) {
            if (!full.has(f.name())) {
                out.remove(f.name()); // an optional field this value leaves empty
            }
        }
        compatible(full, target).asMap().forEach(out::put);
        return new VersionedObject(kind(), stored.key(), target, out.build());
    }

    /**
     * What to store for {@code value} under {@code key}: a new object when nothing is stored, else
     * {@code stored} read (upgraded if older) and {@link #rewrite rewritten}, so the properties this
     * code does not write survive a replacing write too.
     *
     * @param stored the stored object, or null
     * @throws UnreadableVersionException when {@code stored} is of a version this code does not read
     */
    public final VersionedObject writeOver(VersionedObject stored, String key, T value, ObjectVersion target) {
        return stored == null ? write(key, value, target) : rewrite(upgrade(stored), value, target);
    }

    /** A stored object of this kind re-stamped at {@code target}, its properties made compatible. */
    public final VersionedObject downgrade(VersionedObject current, ObjectVersion target) {
        requireKind(current);
        requireWritable(target);
        if (!current.version().equals(version()) || target.equals(version())) {
            return current;
        }
        return new VersionedObject(kind(), current.key(), target, makeCompatible(current.properties(), target));
    }

    /**
     * {@code <version>-<12 hex digits>}: the version and a hash of the kind and the sorted field
     * signatures. Committed per kind in a table; change the hash there only together with a version bump.
     */
    public final String fingerprint() {
        String canonical = kind() + "\n" + fields().stream().map(Field::signature).sorted()
                .collect(Collectors.joining("\n"));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return version() + "-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** Names of the fields of {@link #version()} that Datastore must not index. */
    public final List<String> unindexedFields() {
        return fields().stream().filter(f -> !f.indexed()).map(Field::name).toList();
    }

    private PropertyBag compatible(PropertyBag current, ObjectVersion target) {
        return target.equals(version()) ? current : makeCompatible(current, target);
    }

    private void requireKind(VersionedObject stored) {
        if (!kind().equals(stored.kind())) {
            throw new IllegalArgumentException("a " + stored.kind() + " is not a " + kind());
        }
    }

    private void requireWritable(ObjectVersion target) {
        Objects.requireNonNull(target, "target");
        if (!canWrite(target)) {
            throw new UnreadableVersionException(kind() + " cannot be written at " + target + "; this code writes "
                    + version() + previousVersion().map(p -> " or " + p).orElse(""));
        }
    }

    private String readable() {
        return version().major() + ".x" + previousVersion().filter(p -> p.major() != version().major())
                .map(p -> " and " + p).orElse("");
    }

}
