package dev.beamplayground.request;

import java.util.ArrayList;
import java.util.List;

/**
 * Work a request sets off that its answer does not wait for, held back until the answer is written: on an instance
 * with one CPU (as Terraform deploys a function) a thread started beside the answer takes CPU from it. The edge
 * marks the request ({@link #begin()}, {@link #end()}); outside a request (events, tools, tests) work starts at once.
 */
public final class AfterAnswer {
    private static final ThreadLocal<List<Runnable>> HELD = new ThreadLocal<>();

    private AfterAnswer() {
    }

    /** A request is being answered on this thread. */
    public static void begin() {
        HELD.set(new ArrayList<>());
    }

    /** Its answer is written (or failed): starts what was held, in order. */
    public static void end() {
        List<Runnable> held = HELD.get();
        HELD.remove();
        if (held != null) {
            held.forEach(Runnable::run);
        }
    }

    /**
     * Runs {@code start} once the answer of the request on this thread is written, or now outside a request. It
     * should only start the work (a thread), and whoever needs the work done before then must do it itself.
     */
    public static void start(Runnable start) {
        List<Runnable> held = HELD.get();
        if (held == null) {
            start.run();
        } else {
            held.add(start);
        }
    }
}
