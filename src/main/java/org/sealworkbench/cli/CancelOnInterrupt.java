package org.sealworkbench.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sealworkbench.util.CancelToken;

/**
 * Ctrl-C (or SIGTERM) during a long job: cancel its token and give it up to a minute to stop at the next
 * step, so the run in flight is recorded as cancelled rather than left "running". Close it when the job ends.
 */
final class CancelOnInterrupt implements AutoCloseable {
    private final CancelToken token = new CancelToken();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    CancelOnInterrupt() {
        hook = new Thread(() -> {
            token.cancel();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "seal-cancel-on-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
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
