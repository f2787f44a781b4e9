package org.sealworkbench.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sealworkbench.util.CancelToken;

/**
 * Ctrl-C (or SIGTERM) during a long job: cancel its token and give it up to a minute to stop at the next
 * step, so the run in flight is recorded as cancelled rather than left "running". Close it when the job ends.
 * The JVM then halts as soon as the handler returns, so the handler also waits (a few seconds at most) for
 * {@link Main#run} to have printed how the job ended ("cancelled; what was finished is stored, run the same command
 * again to resume"): without that wait the line was lost in 2 of 3 Ctrl-C's with the output going to a file.
 */
final class CancelOnInterrupt implements AutoCloseable {
    /** Counted down by {@link #reported} once the command line's outcome is printed. */
    private static volatile CountDownLatch reported = new CountDownLatch(1);
    private static final long REPORT_WAIT_SECONDS = 5;

    private final CancelToken token = new CancelToken();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    CancelOnInterrupt() {
        reported = new CountDownLatch(1);
        hook = new Thread(this::onSignal, "seal-cancel-on-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** What the shutdown hook does: cancel, wait for the job to stop, then for its outcome to be printed. */
    void onSignal() {
        CountDownLatch printed = reported;
        token.cancel();
        try {
            if (finished.await(60, TimeUnit.SECONDS)) printed.await(REPORT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Called by {@link Main#run} after it printed the command's outcome: a pending signal handler may let the JVM go. */
    static void reported() {
        reported.countDown();
    }

    CancelToken token() {
        return token;
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down
        }
    }
}
