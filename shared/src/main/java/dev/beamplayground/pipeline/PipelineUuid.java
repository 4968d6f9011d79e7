package dev.beamplayground.pipeline;

import dev.beamplayground.domain.error.InvalidArgumentException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A pipeline's id in canonical UUID form ({@code 8-4-4-4-12} hex digits), lower-cased. Only values
 * of this type reach a Redis key or a log line, so nothing a client sent goes there unchecked.
 *
 * @param value the canonical lower-case form
 */
public record PipelineUuid(String value) {
    private static final int LENGTH = 36;
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public PipelineUuid {
        if (value == null || !CANONICAL.matcher(value).matches()) {
            throw new IllegalArgumentException("not a canonical lower-case UUID");
        }
    }

    /**
     * Checks a client's value. Upper-case hex digits are accepted and lower-cased (the same UUID);
     * anything but the canonical 36-character form is refused without echoing it.
     */
    public static PipelineUuid parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidArgumentException("pipelineUuid is required");
        }
        if (text.length() != LENGTH) {
            throw new InvalidArgumentException("pipelineUuid must be a UUID in canonical form "
                    + "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!CANONICAL.matcher(lower).matches()) {
            throw new InvalidArgumentException("pipelineUuid must be a UUID in canonical form "
                    + "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
        }
        return new PipelineUuid(lower);
    }

    @Override
    public String toString() {
        return value;
    }
}
