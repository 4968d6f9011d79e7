package dev.beamplayground.testing;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one operation from {@code threads} callers for a while and keeps every call's latency: throughput,
 * p50, p99 and max from a sorted array (no histogram library). For benchmarks, not tests.
 */
public final class LoadRun {
    /** One call; {@code seq} is unique across the callers of all runs, for distinct content per call. */
    @FunctionalInterface
    public interface Op {
        void call(int thread, long seq) throws Exception;
    }

    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** Throughput and sorted latencies (ns) of one run. */
    public record Result(int threads, double seconds, long[] sortedNanos) {
        public double perSecond() {
            return sortedNanos.length / seconds;
        }

        /** The latency at quantile {@code q} (nearest rank), in ms. */
        public double ms(double q) {
            int rank = (int) Math.ceil(q * sortedNanos.length) - 1;
            return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank))] / 1e6;
        }

        public double p50() {
            return ms(0.50);
        }

        public double p99() {
            return ms(0.99);
        }

        public double max() {
            return ms(1.0);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d calls)",
                    perSecond(), p50(), p99(), max(), sortedNanos.length);
        }
    }

    private LoadRun() {
    }

    /** Several runs as one: all their calls over all their time. */
    public static Result merge(List<Result> runs) {
        long[] all = new long[0];
        double seconds = 0;
        for (Result r : runs) {
            int at = all.length;
            all = Arrays.copyOf(all, at + r.sortedNanos().length);
            System.arraycopy(r.sortedNanos(), 0, all, at, r.sortedNanos().length);
            seconds += r.seconds();
        }
        Arrays.sort(all);
        return new Result(runs.get(0).threads(), seconds, all);
    }

    /** Calls {@code op} from {@code threads} threads for {@code seconds}; any failing call fails the run. */
    public static Result run(int threads, double seconds, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<long[]>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    long[] nanos = new long[1024];
                    int n = 0;
                    while (!stop.get()) {
                        long start = System.nanoTime();
                        op.call(thread, SEQUENCE.incrementAndGet());
                        if (n == nanos.length) {
                            nanos = Arrays.copyOf(nanos, n * 2);
                        }
                        nanos[n++] = System.nanoTime() - start;
                    }
                    return Arrays.copyOf(nanos, n);
                }));
            }
            TimeUnit.NANOSECONDS.sleep((long) (seconds * 1e9));
            stop.set(true);
            long[] all = new long[0];
            for (Future<long[]> f : futures) {
                long[] some = f.get();
                int at = all.length;
                all = Arrays.copyOf(all, at + some.length);
                System.arraycopy(some, 0, all, at, some.length);
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            Arrays.sort(all);
            return new Result(threads, elapsed, all);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    /** The 1-minute load average, to print beside every figure of a shared machine. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The median of {@code values} (mean of the middle two for an even count). */
    public static double median(double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
