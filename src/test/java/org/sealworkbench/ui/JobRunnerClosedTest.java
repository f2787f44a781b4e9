package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import javafx.concurrent.Task;
import org.junit.jupiter.api.Test;

/**
 * A job asked for after the window closed its runner (a refresh's result arriving late and asking for its loss curves)
 * is not started and ends cancelled; it threw RejectedExecutionException into the FX thread (RlChartsViewFxTest in CI).
 */
class JobRunnerClosedTest {
    @Test
    void aJobSubmittedAfterCloseIsCancelledNotRejected() throws Exception {
        FxThread.start();
        JobRunner runner = new JobRunner();
        runner.close();
        AtomicBoolean ran = new AtomicBoolean();
        Task<Void> task = new Task<>() {
            @Override
            protected Void call() {
                ran.set(true);
                return null;
            }
        };
        Task<?> back = FxThread.call(() -> runner.submit(task));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertTrue(back.isCancelled(), "ended cancelled: " + back.getState());
        assertFalse(ran.get(), "not run");
        assertEquals(0, FxThread.call(() -> runner.active().size()), "not listed as running");
    }
}
