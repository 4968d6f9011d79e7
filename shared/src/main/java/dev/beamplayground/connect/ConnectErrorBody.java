package dev.beamplayground.connect;

import com.google.gson.stream.JsonWriter;
import dev.beamplayground.domain.error.ErrorCode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Connect error body, {@code {"code": "...", "message": "..."}}, written by Gson's escaping writer. */
final class ConnectErrorBody {
    private ConnectErrorBody() {
    }

    static byte[] of(ErrorCode code, String message) {
        StringWriter out = new StringWriter();
        try (JsonWriter json = new JsonWriter(out)) {
            json.beginObject().name("code").value(code.wireName());
            if (message != null && !message.isEmpty()) {
                json.name("message").value(message);
            }
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
