package org.sealworkbench.seal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A few worker threads, each with its own {@link SealModel#replica} of one model, that compute pieces of work side by side
 * (issue 19: a small model runs each op on one core, so two batches at once keep two cores busy). Its one entry point is
 * {@link #pipeline}: the caller's pieces are prepared and finished on the calling thread (the log, listeners) and computed
 * on the workers, each finished as soon as it is done (in the order they end). A replica is made on a worker's first
 * piece and closed when the pipeline ends; the threads stay for the next one.
 *
 * <p>Errors: a piece that throws sets a stop flag, which the other pieces see in their cancel check, so they end early.
 * Never interrupts a worker (PyTorch ops are not interruptible, and a half-done step must not be left behind): a piece
 * ends by itself at its next cancel check.
 *
 * @param <T> what a piece of work gives
 */
public final class ReplicaWorkers<T> implements AutoCloseable {
    private final SealModel model;
    private final int size;
    private final CompletionService<T> done;
    private final Map<Thread, SealModel> replicas = new ConcurrentHashMap<>();
    private final List<Future<T>> submitted = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private int inFlight;

    /**
     * The threads, one pool per name and size for the whole process (daemon threads that wait between pieces of work):
     * a fresh pool per batch list made new threads each time, and with them new malloc arenas that kept their memory
     * (resident memory over 1,000 batched seal-tiny inner loops rose from 0.9 to 2.2 GB in chunks of 100 loops).
     */
    private static final Map<String, ExecutorService> POOLS = new ConcurrentHashMap<>();

    private ReplicaWorkers(SealModel model, int size, String name) {
        if (size < 1) throw new IllegalArgumentException("workers must be at least 1, got " + size);
        this.model = model;
        this.size = size;
        ExecutorService pool = POOLS.computeIfAbsent(name + "/" + size, k -> {
            AtomicInteger named = new AtomicInteger();
            return Executors.newFixedThreadPool(size, r -> {
                Thread t = new Thread(r, name + "-worker-" + named.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        });
        this.done = new ExecutorCompletionService<>(pool);
    }

    /** This worker's replica, made on its first piece of work for this pool. */
    private SealModel replica() {
        return replicas.computeIfAbsent(Thread.currentThread(), t -> model.replica());
    }

    /**
     * The three steps of a piece of work, for {@link #pipeline}: {@code prepare} and {@code finish} on the calling thread
     * (the log, listeners), {@code compute} on a worker with its replica.
     *
     * @param <P> a piece as given
     * @param <S> a piece prepared
     * @param <T> what computing a piece gives
     */
    public interface Steps<P, S, T> {
        /** Calling thread, before the piece is handed to a worker; throwing stops handing out pieces (a pause, an error). */
        S prepare(P piece);

        /** A worker; {@code stopped} says cancelled, or that another piece failed. */
        T compute(S prepared, SealModel replica, BooleanSupplier stopped);

        /** Calling thread, as soon as the piece is computed (whatever order the pieces end in). */
        void finish(S prepared, T result);

        /** Calling thread: the piece's {@code compute} or {@code finish} threw {@code e} (clean up; the error is thrown later). */
        default void failed(S prepared, RuntimeException e) {}
    }

    /**
     * Runs every piece through {@code steps}, up to {@code size} computing at once on {@code model}'s replicas, each finished
     * as soon as it is done while the next is prepared. A cancel ({@code cancelled}) stops handing out pieces, and the
     * pieces computing see it; an error (from any step) stops handing out pieces and makes the pieces computing end at
     * their next check. Every piece handed out is waited for, and finished or told {@code failed}; then the error, a real
     * one before a cancellation, is thrown.
     */
    public static <P, S, T> void pipeline(SealModel model, int size, String name, Iterable<P> pieces, BooleanSupplier cancelled,
                                   Steps<P, S, T> steps) {
        record Done<S, T>(S prepared, T result) {}
        RuntimeException error = null;
        java.util.Iterator<P> next = pieces.iterator();
        try (ReplicaWorkers<Done<S, T>> pool = new ReplicaWorkers<>(model, size, name)) {
            BooleanSupplier stopped = pool.stopOr(cancelled);
            while (true) {
                while (error == null && pool.hasRoom() && next.hasNext()) {
                    P piece = next.next();
                    try {
                        if (cancelled.getAsBoolean()) throw new CancellationException("cancelled");
                        S prepared = steps.prepare(piece);
                        pool.submit(prepared, replica -> new Done<>(prepared, steps.compute(prepared, replica, stopped)));
                    } catch (RuntimeException e) {
                        error = pool.keep(error, e);
                    }
                }
                if (pool.inFlight() == 0) break;
                Done<S, T> d;
                try {
                    d = pool.take();
                } catch (Failed f) {
                    Throwable c = f.getCause();
                    RuntimeException e = c instanceof RuntimeException r ? r : new IllegalStateException(name + " worker failed: " + c, c);
                    @SuppressWarnings("unchecked") S prepared = (S) f.piece;
                    if (prepared != null) steps.failed(prepared, e);
                    error = pool.keep(error, e);
                    continue;
                }
                try {
                    steps.finish(d.prepared(), d.result());
                } catch (RuntimeException e) {
                    steps.failed(d.prepared(), e);
                    error = pool.keep(error, e);
                }
            }
        }
        if (error != null) throw error;
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
    private boolean hasRoom() {
        return inFlight < size;
    }

    private int inFlight() {
        return inFlight;
    }

    /** Runs {@code work} on a free worker with that worker's replica; {@code piece} names it in a {@link Failed}. */
    private void submit(Object piece, Function<SealModel, T> work) {
        submitted.add(done.submit(() -> {
            try {
                return work.apply(replica());
            } catch (RuntimeException | Error e) {
                stop.set(true);
                throw new Failed(piece, e);
            }
        }));
        inFlight++;
    }

    /**
     * The next piece to finish (blocks until one does).
     *
     * @throws Failed the piece's error
     */
    private T take() {
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

    /**
     * The error to report of two: the first, unless it is a cancellation and the new one a real error. A real error also
     * stops the pieces computing (they end at their next cancel check).
     */
    private RuntimeException keep(RuntimeException kept, RuntimeException e) {
        if (!(e instanceof CancellationException)) stop.set(true);
        return kept == null || (kept instanceof CancellationException && !(e instanceof CancellationException)) ? e : kept;
    }

    /** {@code cancelled}, or a piece failed (or {@link #keep} was given a real error): the cancel check to hand the pieces. */
    private BooleanSupplier stopOr(BooleanSupplier cancelled) {
        return () -> stop.get() || cancelled.getAsBoolean();
    }

    /** Waits for every piece submitted to end (they end at their next cancel check), then closes the replicas. */
    @Override
    public void close() {
        stop.set(true);   // nothing is taken after close: pieces still computing end at their next cancel check
        boolean interrupted = false;
        for (Future<T> f : submitted) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;   // keep waiting: a replica is not closed under its worker
                }
            }
        }
        for (SealModel r : replicas.values()) r.close();
        if (interrupted) Thread.currentThread().interrupt();
    }
}
