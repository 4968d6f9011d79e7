package dev.beamplayground.connect;

import dev.beamplayground.domain.error.InvalidArgumentException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A raw query string decoded to bytes (a Connect GET's message may be binary); the first of a repeated name wins. */
final class QueryString {
    /** More parameters than a Connect GET uses are a sign of abuse, not of a client. */
    static final int MAX_PARAMETERS = 16;

    private final Map<String, byte[]> values;

    private QueryString(Map<String, byte[]> values) {
        this.values = values;
    }

    static QueryString parse(String query) {
        Map<String, byte[]> values = new HashMap<>();
        if (query != null && !query.isEmpty()) {
            String[] pairs = query.split("&", MAX_PARAMETERS + 2);
            if (pairs.length > MAX_PARAMETERS) {
                throw new InvalidArgumentException("the query has more than " + MAX_PARAMETERS + " parameters");
            }
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                String name = new String(decode(eq < 0 ? pair : pair.substring(0, eq)), StandardCharsets.UTF_8);
                values.putIfAbsent(name, decode(eq < 0 ? "" : pair.substring(eq + 1)));
            }
        }
        return new QueryString(values);
    }

    byte[] bytes(String name) {
        return values.get(name);
    }

    String text(String name) {
        byte[] v = values.get(name);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /** application/x-www-form-urlencoded: {@code +} is a space, {@code %XX} a byte. */
    private static byte[] decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new InvalidArgumentException("the query has a truncated percent escape");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new InvalidArgumentException("the query has an invalid percent escape");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toByteArray();
    }
}
