package dev.beamplayground.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LogFormatTest {
    private static final Instant TIME = Instant.parse("2026-12-02T07:00:00.123Z");
    private static final Map<String, String> REQUEST = Map.of(LogContext.TRACE, "4bf92f3577b34da6a3ce929d0e0e4736",
            LogContext.SPAN, "00f067aa0ba902b7", LogContext.METHOD, "GetSnippet");
    private final LogFormat json = new LogFormat.CloudJson("my-project", "get-snippet");

    private static StackWalker.StackFrame here() {
        return StackWalker.getInstance().walk(s -> s.findFirst().orElseThrow());
    }

    @Test
    void anErrorIsOneJsonLineWithSeverityTraceSourceLabelsAndTheStackTraceInTheMessage() {
        IllegalStateException boom = new IllegalStateException("boom");
        String line = json.format(new LogLine(TIME, Level.ERROR, "dev.x.Y", "GetSnippet failed \"quoted\"\n\u001b[31m",
                boom, here(), REQUEST));
        assertFalse(line.contains("\n"), "one line");
        JsonObject o = JsonParser.parseString(line).getAsJsonObject();
        assertEquals("ERROR", o.get("severity").getAsString());
        assertTrue(o.get("message").getAsString().startsWith("GetSnippet failed \"quoted\"\n\u001b[31m\n"
                + "java.lang.IllegalStateException: boom\n\tat "), o.get("message").getAsString());
        assertEquals("type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent",
                o.get("@type").getAsString());
        assertEquals("projects/my-project/traces/4bf92f3577b34da6a3ce929d0e0e4736",
                o.get("logging.googleapis.com/trace").getAsString());
        assertEquals("00f067aa0ba902b7", o.get("logging.googleapis.com/spanId").getAsString());
        JsonObject source = o.getAsJsonObject("logging.googleapis.com/sourceLocation");
        assertEquals("LogFormatTest.java", source.get("file").getAsString());
        assertTrue(source.get("function").getAsString().endsWith("LogFormatTest.here"));
        JsonObject labels = o.getAsJsonObject("logging.googleapis.com/labels");
        assertEquals("get-snippet", labels.get("function").getAsString());
        assertEquals("GetSnippet", labels.get("method").getAsString());
        assertEquals("2026-12-02T07:00:00.123Z", o.get("time").getAsString());
    }

    @Test
    void levelsMapToCloudLoggingSeveritiesAndNoTraceMeansNoTraceField() {
        Map<Level, String> expected = Map.of(Level.WARN, "WARNING", Level.INFO, "INFO", Level.DEBUG, "DEBUG",
                Level.TRACE, "DEBUG");
        expected.forEach((level, severity) -> {
            JsonObject o = JsonParser.parseString(json.format(new LogLine(TIME, level, "l", "m", null, null, Map.of())))
                    .getAsJsonObject();
            assertEquals(severity, o.get("severity").getAsString());
            assertFalse(o.has("logging.googleapis.com/trace"));
            assertFalse(o.has("@type"));
        });
    }

    @Test
    void locallyTheLineIsText() {
        String line = new LogFormat.Text().format(new LogLine(TIME, Level.WARN, "dev.x.Y", "careful", null, null,
                REQUEST));
        assertEquals("07:00:00.123 [WARN] dev.x.Y - careful", line);
    }

    @Test
    void theFactoryChoosesJsonOnCloudFunctionsAndHonoursTheLevel() {
        assertTrue(new LineLoggerFactory("get-snippet", null, null, "p").json());
        assertFalse(new LineLoggerFactory(null, null, null, "p").json());
        assertTrue(new LineLoggerFactory(null, "json", null, "p").json());
        LineLoggerFactory warn = new LineLoggerFactory(null, null, "warning", null);
        assertFalse(warn.getLogger("x").isInfoEnabled());
        assertTrue(warn.getLogger("x").isWarnEnabled());
    }
}
