package org.sealworkbench.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import org.testfx.api.FxToolkit;

/** Starts the JavaFX toolkit once (headless Monocle under surefire) and runs code on its thread. */
public final class FxThread {
    private static boolean started;

    private FxThread() {}

    public static synchronized void start() {
        if (started) return;
        try {
            // Through TestFX, so that TestFX tests in the same JVM find the toolkit in the state they expect.
            FxToolkit.registerPrimaryStage();
        } catch (TimeoutException e) {
            throw new IllegalStateException("JavaFX did not start", e);
        }
        started = true;
    }

    public static <T> T call(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    public static void run(Runnable work) throws Exception {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Polls a condition on the FX thread until it holds; fails after 30 s. */
    public static void await(String what, BooleanSupplier condition) throws Exception {
        await(what, 30, condition, () -> "");
    }

    /**
     * As {@link #await(String, BooleanSupplier)}, failing after {@code seconds} with {@code context} (e.g. the error
     * dialogs seen) in the message; a condition that throws counts as not yet holding (the window may be mid-update).
     */
    public static void await(String what, long seconds, BooleanSupplier condition, java.util.function.Supplier<String> context)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (call(() -> {
                try {
                    return condition.getAsBoolean();
                } catch (RuntimeException e) {
                    return false;
                }
            })) return;
            Thread.sleep(20);
        }
        throw new AssertionError("timed out waiting for " + what + context.get());
    }
}
