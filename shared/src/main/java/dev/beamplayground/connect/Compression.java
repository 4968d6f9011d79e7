package dev.beamplayground.connect;

import dev.beamplayground.domain.error.ErrorCode;
import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.domain.error.TooLargeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/** Request compression: identity and gzip, as connect-go registers by default; answers go uncompressed. */
final class Compression {
    static final String SUPPORTED = "gzip";

    private Compression() {
    }

    /** True for gzip, false for identity or none; any other name is {@code unimplemented}. */
    static boolean isGzip(String encoding, String header) {
        if (encoding == null || encoding.isEmpty() || encoding.equalsIgnoreCase("identity")) {
            return false;
        }
        if (encoding.equalsIgnoreCase("gzip")) {
            return true;
        }
        // connect-go says unimplemented; the client chose the header, so here it is the client's error (400).
        throw new ProtocolException(ErrorCode.INVALID_ARGUMENT, header + " names an unknown compression; supported: "
                + SUPPORTED + ", identity");
    }

    /** Gunzips, reading no more than {@code max} bytes of output (a small body must not expand without bound). */
    static byte[] gunzip(byte[] body, int max) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, body.length * 4 + 64));
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > max) {
                    throw new TooLargeException("the decompressed message is over " + max + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new InvalidArgumentException("the message is not valid gzip");
        }
    }
}
