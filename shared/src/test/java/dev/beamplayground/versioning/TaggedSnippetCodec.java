package dev.beamplayground.versioning;

import dev.beamplayground.domain.Snippet;
import java.util.ArrayList;
import java.util.List;

/**
 * The snippet codec of a next code version (N+1), for live-upgrade tests: {@code pg_snippets} 1.2
 * adds {@code tags}. Built the way a real bump is: version, fields, history, upgrade from the previous
 * version, makeCompatible back to it.
 */
public final class TaggedSnippetCodec extends ObjectCodec<TaggedSnippetCodec.Tagged> {
    // 1.2: added tags (empty when absent)
    public static final ObjectVersion VERSION = ObjectVersion.of(1, 2);
    public static final String TAGS = "tags";

    private final SnippetCodec previous = new SnippetCodec();

    /** The N+1 domain object: a snippet with tags. */
    public record Tagged(Snippet snippet, List<String> tags) {
    }

    public TaggedSnippetCodec() {
        super(Snippet.KIND, VERSION, SnippetCodec.VERSION, withTags(new SnippetCodec().fields()));
    }

    private static List<Field> withTags(List<Field> snippetFields) {
        List<Field> all = new ArrayList<>(snippetFields);
        all.add(Field.texts(TAGS));
        return all;
    }

    @Override
    protected PropertyBag encode(Tagged value) {
        return previous.encode(value.snippet()).toBuilder().texts(TAGS, value.tags()).build();
    }

    @Override
    protected Tagged decode(String key, PropertyBag properties) {
        return new Tagged(previous.decode(key, properties), properties.texts(TAGS));
    }

    /** Defaults only where absent: tags written by anyone survive. */
    @Override
    protected PropertyBag upgradeFromPrevious(PropertyBag bag) {
        PropertyBag current = previous.upgradeFromPrevious(bag);
        return current.has(TAGS) ? current : current.toBuilder().texts(TAGS, List.of()).build();
    }

    @Override
    protected PropertyBag makeCompatible(PropertyBag current, ObjectVersion target) {
        return current.without(TAGS);
    }
}
