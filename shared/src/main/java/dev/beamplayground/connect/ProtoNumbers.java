package dev.beamplayground.connect;

import dev.beamplayground.connect.schema.FieldType;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Numbers of proto3 JSON, converted as protobuf's {@code JsonFormat} converts them: integers from a JSON number
 * or string, also when written with a fraction or exponent that leaves an integer ({@code 1.0}, {@code 1e2});
 * each type's range checked; floats and doubles with {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
 */
final class ProtoNumbers {
    private static final BigInteger MAX_UINT64 = new BigInteger("18446744073709551615");
    private static final double FLOAT_SLACK = 1.0 + 1e-6;
    private static final BigDecimal MAX_DOUBLE = BigDecimal.valueOf(Double.MAX_VALUE).multiply(BigDecimal.valueOf(1.000001));
    // An integer of a request has at most 20 digits: anything longer is refused before BigDecimal expands it.
    private static final int MAX_INTEGER_DIGITS = 20;

    private ProtoNumbers() {
    }

    /** {@code text} as the Java value of a field of {@code type}; {@code named} is the JSON name an error gives. */
    static Object of(FieldType type, String text, String named) {
        try {
            return switch (type) {
                case INT32, SINT32, SFIXED32 -> integer(text).intValueExact();
                case INT64, SINT64, SFIXED64 -> integer(text).longValueExact();
                case UINT32, FIXED32 -> (int) unsigned(text, 32);
                case UINT64, FIXED64 -> unsigned(text, 64);
                case FLOAT -> floatValue(text);
                case DOUBLE -> doubleValue(text);
                default -> throw new IllegalStateException(named + " is not a number field");
            };
        } catch (ArithmeticException | NumberFormatException e) {
            throw StrictJson.bad(named + " is not a " + type.protoName() + " value");
        }
    }

    /** The value, however it was written; its {@code ...Exact} conversions refuse a fraction. */
    private static BigDecimal integer(String text) {
        BigDecimal value = new BigDecimal(text);
        if (value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            throw new ArithmeticException("too large");
        }
        return value;
    }

    private static long unsigned(String text, int bits) {
        BigInteger value = integer(text).toBigIntegerExact();
        BigInteger max = bits == 32 ? BigInteger.valueOf(0xFFFF_FFFFL) : MAX_UINT64;
        if (value.signum() < 0 || value.compareTo(max) > 0) {
            throw new ArithmeticException("out of range");
        }
        return value.longValue();
    }

    private static float floatValue(String text) {
        Double special = special(text);
        if (special != null) {
            return special.floatValue();
        }
        double value = Double.parseDouble(text);
        if (Math.abs(value) > Float.MAX_VALUE * FLOAT_SLACK) {
            throw new ArithmeticException("out of range");
        }
        return (float) value;
    }

    private static double doubleValue(String text) {
        Double special = special(text);
        if (special != null) {
            return special;
        }
        if (new BigDecimal(text).abs().compareTo(MAX_DOUBLE) > 0) {
            throw new ArithmeticException("out of range");
        }
        return Double.parseDouble(text);
    }

    private static Double special(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }
}
