package dev.beamplayground.config;

import io.micronaut.core.convert.MutableConversionService;
import io.micronaut.core.convert.TypeConverterRegistrar;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the duration settings ({@code 10s}, {@code 500ms}, {@code 15m}, {@code 2h}, {@code 1d}, or ISO-8601
 * {@code PT10S}) in the forms Micronaut's own converter accepts. It stands in for micronaut-context, whose
 * scheduler, executor and file-watch beans (some 200 classes) every function loaded at start only to read
 * durations. A value in neither form converts to nothing, so Micronaut names the setting that is wrong.
 */
public final class DurationSettings implements TypeConverterRegistrar {
    private static final Pattern AMOUNT = Pattern.compile("(-?\\d+)(ns|us|ms|[smhd])");

    @Override
    public void register(MutableConversionService conversionService) {
        conversionService.addConverter(CharSequence.class, Duration.class,
                (value, type, context) -> parse(value.toString()));
    }

    /** The duration that {@code text} writes, if it is one. */
    public static Optional<Duration> parse(String text) {
        String value = text.trim();
        Matcher m = AMOUNT.matcher(value);
        if (m.matches()) {
            long amount;
            try {
                amount = Long.parseLong(m.group(1));
            } catch (NumberFormatException tooLong) {
                return Optional.empty();
            }
            try {
                return Optional.of(switch (m.group(2)) {
                    case "ns" -> Duration.ofNanos(amount);
                    case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1_000L));
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            } catch (ArithmeticException overflow) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(Duration.parse(value));
        } catch (DateTimeParseException notIso) {
            return Optional.empty();
        }
    }
}
