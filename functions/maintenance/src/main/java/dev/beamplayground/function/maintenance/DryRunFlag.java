package dev.beamplayground.function.maintenance;

import dev.beamplayground.edge.EventJson;
import dev.beamplayground.edge.PubSubMessage;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a maintenance message asks for the cleanup's dry run: the message attribute {@code dryRun} or the
 * field {@code dryRun} of a JSON object in its data, {@code true} or {@code false} (a boolean or its text).
 * Any other value of either is refused rather than read as "no": an operator who asked for a dry run with a
 * typo must not get a real deletion. Data that is not a JSON object is ignored, as before (the schedule's).
 */
final class DryRunFlag {
    static final String NAME = "dryRun";

    private DryRunFlag() {
    }

    /** @return the flag, empty when the message sets it to something else than true or false */
    static Optional<Boolean> of(Optional<PubSubMessage> message) {
        if (message.isEmpty()) {
            return Optional.of(false);
        }
        Optional<Boolean> attribute = Optional.of(false);
        String value = message.get().attributes().get(NAME);
        if (value != null) {
            attribute = parse(value);
        }
        Optional<Boolean> field = Optional.of(false);
        Map<?, ?> payload = payload(message.get().data());
        if (payload != null && payload.containsKey(NAME)) {
            Object v = payload.get(NAME);
            field = v instanceof Boolean || v instanceof String ? parse(EventJson.text(v)) : Optional.empty();
        }
        if (attribute.isEmpty() || field.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(attribute.get() || field.get());
    }

    private static Optional<Boolean> parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private static Map<?, ?> payload(byte[] data) {
        try {
            return EventJson.parse(data) instanceof Map<?, ?> object ? object : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
