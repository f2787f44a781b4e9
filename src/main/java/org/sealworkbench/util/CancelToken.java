package org.sealworkbench.util;

import java.util.function.BooleanSupplier;

/**
 * The one cancel token of the workbench: set from any thread (Ctrl-C, a window's Cancel button), checked by the work
 * between units (an import's records, a trainer's steps, inner loops). It is a {@link BooleanSupplier}, so the engine
 * takes it as "cancelled?" without knowing this class. Thread-safe.
 */
public final class CancelToken implements BooleanSupplier {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public boolean getAsBoolean() {
        return cancelled;
    }

    /** Stops the work here when the token was set: throws a {@link CancelledException}. */
    public void throwIfCancelled() {
        if (cancelled) throw new CancelledException("cancelled");
    }
}
