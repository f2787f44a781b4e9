package org.sealworkbench.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs a short read (a passage, its self-edits, a sequence preview) off the FX thread and hands the result
 * back on it. View models take one so that tests can run them synchronously without a screen.
 */
public interface Background {
    <T> void run(String what, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Runs the work at once on the calling thread (tests). */
    Background DIRECT = new Background() {
        @Override
        public <T> void run(String what, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            T value;
            try {
                value = work.call();
            } catch (Exception | Error e) {
                onFailure.accept(e);
                return;
            }
            onSuccess.accept(value);
        }
    };
}
