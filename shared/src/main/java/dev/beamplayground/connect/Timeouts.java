package dev.beamplayground.connect;

import dev.beamplayground.domain.error.InvalidArgumentException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The client's deadline as each protocol sends it. */
final class Timeouts {
    private static final Pattern CONNECT = Pattern.compile("[0-9]{1,10}");
    private static final Pattern GRPC = Pattern.compile("([0-9]{1,8})([HMSmun])");

    private Timeouts() {
    }

    /** {@code Connect-Timeout-Ms}: up to 10 digits of milliseconds. */
    static Duration connect(String header) {
        if (header == null) {
            return null;
        }
        if (!CONNECT.matcher(header).matches()) {
            throw new InvalidArgumentException("Connect-Timeout-Ms must be 1 to 10 digits of milliseconds");
        }
        return Duration.ofMillis(Long.parseLong(header));
    }

    /** {@code grpc-timeout}: up to 8 digits and a unit (H, M, S, m, u, n). */
    static Duration grpc(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = GRPC.matcher(header);
        if (!m.matches()) {
            throw new InvalidArgumentException("grpc-timeout must be 1 to 8 digits and a unit (H M S m u n)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "H" -> Duration.ofHours(n);
            case "M" -> Duration.ofMinutes(n);
            case "S" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMillis(n);
            case "u" -> Duration.ofNanos(n * 1000);
            default -> Duration.ofNanos(n);
        };
    }
}
