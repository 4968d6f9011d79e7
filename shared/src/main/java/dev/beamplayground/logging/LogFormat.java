package dev.beamplayground.logging;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How a log line is written: Cloud Logging's structured JSON on Cloud Functions / Cloud Run (one object per line,
 * written with Gson's escaping writer), readable text elsewhere.
 */
interface LogFormat {
    String format(LogLine line);

    /**
     * Cloud Logging's structured format: severity, message (with the stack trace of ERROR and WARN entries, where
     * Error Reporting finds it), trace and span of the request, source location, and labels naming the function
     * and the rpc.
     */
    record CloudJson(String project, String function) implements LogFormat {
        private static final String ERROR_EVENT =
                "type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent";

        @Override
        public String format(LogLine line) {
            StringWriter out = new StringWriter(256);
            try (JsonWriter json = new JsonWriter(out)) {
                json.setHtmlSafe(false);
                json.beginObject();
                json.name("severity").value(severity(line));
                json.name("message").value(line.thrown() == null ? line.message()
                        : line.message() + "\n" + stackTrace(line.thrown()));
                if (line.thrown() != null && line.level() == org.slf4j.event.Level.ERROR) {
                    json.name("@type").value(ERROR_EVENT);
                }
                json.name("time").value(line.time().toString());
                json.name("logger").value(line.logger());
                String trace = line.mdc().get(LogContext.TRACE);
                if (trace != null && project != null) {
                    json.name("logging.googleapis.com/trace").value("projects/" + project + "/traces/" + trace);
                }
                String span = line.mdc().get(LogContext.SPAN);
                if (span != null) {
                    json.name("logging.googleapis.com/spanId").value(span);
                }
                if (line.caller() != null) {
                    json.name("logging.googleapis.com/sourceLocation").beginObject()
                            .name("file").value(String.valueOf(line.caller().getFileName()))
                            .name("line").value(Integer.toString(line.caller().getLineNumber()))
                            .name("function").value(line.caller().getClassName() + "." + line.caller().getMethodName())
                            .endObject();
                }
                json.name("logging.googleapis.com/labels").beginObject();
                if (function != null) {
                    json.name("function").value(function);
                }
                String method = line.mdc().get(LogContext.METHOD);
                if (method != null) {
                    json.name("method").value(method);
                }
                json.endObject();
                json.endObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        }

        private static String severity(LogLine line) {
            return switch (line.level()) {
                case ERROR -> "ERROR";
                case WARN -> "WARNING";
                case INFO -> "INFO";
                case DEBUG, TRACE -> "DEBUG";
            };
        }
    }

    /** {@code HH:mm:ss.SSS [LEVEL] logger - message}, and the stack trace on the lines after. */
    record Text() implements LogFormat {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
                .withZone(ZoneOffset.UTC);

        @Override
        public String format(LogLine line) {
            String text = TIME.format(line.time()) + " [" + line.level() + "] " + line.logger() + " - " + line.message();
            return line.thrown() == null ? text : text + System.lineSeparator() + stackTrace(line.thrown()).stripTrailing();
        }
    }

    static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
