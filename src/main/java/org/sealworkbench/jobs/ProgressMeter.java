package org.sealworkbench.jobs;

import org.sealworkbench.util.Progress;
import java.util.Locale;

/** Throttles progress updates and words them, with an estimate of the time left from the rate so far. */
final class ProgressMeter {
    private static final long MIN_INTERVAL_NANOS = 100_000_000L; // 10 updates a second are plenty for a bar

    private final Progress listener;
    private final long startNanos = System.nanoTime();
    private long lastNanos;

    ProgressMeter(Progress listener) {
        this.listener = listener;
    }

    /** Reports done/total (when total is known and positive) at most every 100 ms, or always when forced or a note ({@link Progress#NOTE}). */
    void report(long done, long total, String what, boolean force) {
        if (Progress.isNote(what)) {
            listener.update(done, total, what);        // a note: never held back, and no ETA on it
            return;
        }
        long now = System.nanoTime();
        if (!force) {
            // Forced reports (start, end) leave the clock alone, so the first real progress is never held back.
            if (lastNanos != 0 && now - lastNanos < MIN_INTERVAL_NANOS) return;
            lastNanos = now;
        }
        if (total <= 0) {
            listener.update(done, -1, what);
            return;
        }
        String eta = eta(now - startNanos, Progress.fraction(done, total));
        listener.update(Math.min(done, total), total, what + (eta.isEmpty() ? "" : ", " + eta));
    }

    /** "ETA 12 s" once enough is done for the rate to mean something; empty before that. */
    static String eta(long elapsedNanos, double fraction) {
        if (fraction < 0.02 || fraction >= 1.0 || elapsedNanos < 500_000_000L) return "";
        double left = elapsedNanos / 1e9 * (1 - fraction) / fraction;
        if (left < 60) return String.format(Locale.ROOT, "ETA %d s", Math.round(left));
        if (left < 3600) return String.format(Locale.ROOT, "ETA %d min %02d s", (long) left / 60, Math.round(left) % 60);
        return String.format(Locale.ROOT, "ETA %d h %02d min", (long) left / 3600, ((long) left % 3600) / 60);
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
