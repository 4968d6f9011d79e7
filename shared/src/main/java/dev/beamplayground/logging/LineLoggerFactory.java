package dev.beamplayground.logging;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * The loggers of the functions and the local run. On Cloud Functions / Cloud Run ({@code K_SERVICE} set, or
 * {@code log.format=json}) each event is one JSON line on stdout in Cloud Logging's structured format; elsewhere a
 * readable line. {@code LOG_LEVEL} (or {@code log.level}) sets the lowest level written; INFO by default.
 */
final class LineLoggerFactory implements ILoggerFactory {
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final LogFormat format;
    private final Level threshold;

    LineLoggerFactory() {
        this(System.getenv("K_SERVICE"), setting("log.format"), setting("log.level"), project());
    }

    LineLoggerFactory(String service, String formatName, String level, String project) {
        boolean json = formatName == null ? service != null : formatName.equalsIgnoreCase("json");
        this.format = json ? new LogFormat.CloudJson(project, service) : new LogFormat.Text();
        this.threshold = parse(level);
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new LineLogger(n, this, Clock.systemUTC()));
    }

    Level threshold() {
        return threshold;
    }

    boolean json() {
        return format instanceof LogFormat.CloudJson;
    }

    /** One whole line at a time; System.out is looked up per line, so that a test capturing it sees every line. */
    void write(LogLine line) {
        String text = format.format(line);
        PrintStream out = System.out;
        synchronized (out) {
            out.println(text);
        }
    }

    private static Level parse(String level) {
        if (level == null || level.isBlank()) {
            return Level.INFO;
        }
        try {
            return Level.valueOf(level.strip().toUpperCase(Locale.ROOT).replace("WARNING", "WARN"));
        } catch (IllegalArgumentException e) {
            return Level.INFO;
        }
    }

    /** A system property, else its environment form ({@code log.level}: {@code LOG_LEVEL}). */
    private static String setting(String name) {
        String value = System.getProperty(name);
        return value != null ? value : System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_'));
    }

    /** The project for trace names: the runtime's own variable, else the one Terraform sets (GCP_PROJECT_ID). */
    private static String project() {
        for (String name : new String[] {"GOOGLE_CLOUD_PROJECT", "GCP_PROJECT_ID", "GCP_PROJECT"}) {
            String project = System.getenv(name);
            if (project != null && project.matches("[a-z][a-z0-9-]{4,61}[a-z0-9]|[a-z0-9.:-]{1,100}")) {
                return project;
            }
        }
        return null;
    }
}
