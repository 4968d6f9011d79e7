package dev.beamplayground.store;

import dev.beamplayground.domain.Example;
import dev.beamplayground.domain.PrecompiledObject;
import dev.beamplayground.domain.Snippet;
import java.util.List;
import java.util.Objects;

/**
 * One example as the loader writes it: the example, its code as the snippet of the same id, and its
 * precompiled outputs (at most one of each kind).
 */
public record LoadedExample(Example example, Snippet snippet, List<PrecompiledObject> outputs) {
    public LoadedExample {
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(snippet, "snippet");
        outputs = List.copyOf(outputs);
        if (!snippet.id().equals(example.id())) {
            throw new IllegalArgumentException("an example's snippet has the example's id");
        }
        for (PrecompiledObject o : outputs) {
            if (!o.exampleId().equals(example.id())) {
                throw new IllegalArgumentException("a precompiled output belongs to another example");
            }
        }
        if (outputs.stream().map(PrecompiledObject::kind).distinct().count() != outputs.size()) {
            throw new IllegalArgumentException("an example has at most one output of each kind");
        }
    }

    public String id() {
        return example.id();
    }
}
