package dev.beamplayground.deploy.eventlog;

import dev.beamplayground.store.event.EventRecovery;
import dev.beamplayground.store.spi.BackendConfigException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recovery and upkeep of the event backend's view and log:
 *
 * <pre>
 * java -cp playground-local.jar dev.beamplayground.deploy.eventlog.EventLogTool &lt;command&gt; \
 *     model-prefix=playground,prod uri=redis://127.0.0.1:6379 [stream=...] [retain-entries=...] [retain-hours=...]
 * </pre>
 *
 * Commands: {@code check} compares the view and its indexes with a replay of the log (from its start, or
 * from the snapshot once trimmed) and lists the differences; {@code rebuild} writes the view anew from
 * that replay (stop the writers first); {@code snapshot} takes a snapshot of the view; {@code trim} trims
 * the log to its retention as maintenance does. The keys are the event backend's {@code backend.*} keys,
 * checked against its schema. Exit status: 0 done (check: they agree), 1 check found differences, 2 a bad
 * argument or a store error.
 */
public final class EventLogTool {
    private EventLogTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command without {@code System.exit}: its exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !List.of("check", "rebuild", "snapshot", "trim").contains(args[0])) {
            err.println("event-log: the first argument is a command: check, rebuild, snapshot or trim");
            return 2;
        }
        Map<String, String> config = new TreeMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                err.println("event-log: settings are key=value (model-prefix=..., uri=..., stream=...)");
                return 2;
            }
            config.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        EventRecovery recovery;
        try {
            recovery = EventRecovery.open(config);
        } catch (BackendConfigException e) {
            err.println("event-log: " + e.getMessage());
            return 2;
        }
        try (recovery) {
            switch (args[0]) {
                case "check" -> {
                    List<String> differences = recovery.check();
                    differences.forEach(d -> out.println("event-log: " + d));
                    out.println(differences.isEmpty() ? "event-log: the view agrees with the log"
                            : "event-log: the view DIFFERS from the log");
                    return differences.isEmpty() ? 0 : 1;
                }
                case "rebuild" -> out.println("event-log: " + recovery.rebuild());
                case "snapshot" -> out.println("event-log: snapshot taken at " + recovery.snapshot());
                default -> out.println("event-log: " + recovery.trim(Clock.systemUTC()));
            }
            return 0;
        } catch (RuntimeException e) {
            err.println("event-log: failed: " + e.getMessage());
            return 2;
        }
    }
}
