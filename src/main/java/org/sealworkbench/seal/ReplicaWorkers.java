package org.sealworkbench.seal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A few worker threads, each with its own {@link SealModel#replica} of one model, that compute pieces of work side by side
 * (issue 19: a small model runs each op on one core, so two batches at once keep two cores busy). The caller submits
 * work, takes each result as it finishes (in the order they finish), and does everything else (the log, listeners) on
 * its own thread. A replica is made on a worker's first piece of work and closed with the pool.
 *
 * <p>Errors: a piece of work that throws sets {@link #stopped()}, which the other pieces see through {@link #stopOr}, so
 * they end early; {@link #take} then throws that piece's error wrapped in {@link Failed}, which names the piece. Never
 * interrupts a worker (PyTorch ops are not interruptible, and a half-done step must not be left behind): a piece ends
 * by itself at its next cancel check.
 *
 * @param <T> what a piece of work gives
 */
final class ReplicaWorkers<T> implements AutoCloseable {
    private final SealModel model;
    private final int size;
    private final ExecutorService pool;
    private final CompletionService<T> done;
    private final ThreadLocal<SealModel> replica;
    private final List<SealModel> replicas = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean stop = new AtomicBoolean();
    private int inFlight;

    ReplicaWorkers(SealModel model, int size, String name) {
        if (size < 1) throw new IllegalArgumentException("workers must be at least 1, got " + size);
        this.model = model;
        this.size = size;
        AtomicInteger named = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, name + "-worker-" + named.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.done = new ExecutorCompletionService<>(pool);
        this.replica = ThreadLocal.withInitial(() -> {
            SealModel m = this.model.replica();
            replicas.add(m);
            return m;
        });
    }

    /** A piece of work's failure, with the piece (what the caller submitted it with) so the caller can clean up after it. */
    static final class Failed extends RuntimeException {
        final transient Object piece;

        Failed(Object piece, Throwable cause) {
            super(cause.getMessage(), cause);
            this.piece = piece;
        }
    }

    /** Whether another piece may start: fewer than {@code size} are computing. */
    boolean hasRoom() {
        return inFlight < size;
    }

    int inFlight() {
        return inFlight;
    }

    /** Runs {@code work} on a free worker with that worker's replica; {@code piece} names it in a {@link Failed}. */
    void submit(Object piece, Function<SealModel, T> work) {
        done.submit(() -> {
            try {
                return work.apply(replica.get());
            } catch (RuntimeException | Error e) {
                stop.set(true);
                throw new Failed(piece, e);
            }
        });
        inFlight++;
    }

    /**
     * The next piece to finish (blocks until one does).
     *
     * @throws Failed the piece's error
     */
    T take() {
        try {
            Future<T> f = done.take();
            inFlight--;
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Failed f) throw f;
            throw new Failed(null, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.set(true);
            throw new CancellationException("interrupted while workers were computing");
        }
    }

    /** Asks the pieces computing to end at their next cancel check (an error elsewhere). */
    void stop() {
        stop.set(true);
    }

    boolean stopped() {
        return stop.get();
    }

    /** {@code cancelled} or {@link #stopped()}: the cancel check to hand the pieces. */
    BooleanSupplier stopOr(BooleanSupplier cancelled) {
        return () -> stop.get() || cancelled.getAsBoolean();
    }

    /** Waits for the workers to end (pieces still computing finish first) and closes the replicas. */
    @Override
    public void close() {
        stop.set(true);   // nothing taken after close: pieces still computing end at their next cancel check
        pool.shutdown();
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // a piece is still computing, up to its next cancel check
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;   // a replica still in use is not closed under its worker; the model's memory holds it until the model closes
        }
        for (SealModel r : replicas) r.close();
    }
}
