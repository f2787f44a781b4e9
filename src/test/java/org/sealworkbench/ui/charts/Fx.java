package org.sealworkbench.ui.charts;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import org.testfx.api.FxToolkit;

/** The JavaFX toolkit for this package's tests (like ui.FxThread, which is package-private there). */
final class Fx {
    private Fx() {}

    static void start() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    static <T> T call(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    static void run(Runnable work) throws Exception {
        call(() -> {
            work.run();
            return null;
        });
    }

    static void await(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (call(condition::getAsBoolean)) return;
            Thread.sleep(20);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
