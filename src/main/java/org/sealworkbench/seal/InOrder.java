package org.sealworkbench.seal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A reorder buffer: pieces of work numbered 0..n-1 end in any order (on workers), and are handed on in number order
 * (to the log), each as soon as every piece before it has been. Written by hand: it is a dozen lines, and what matters
 * is exactly when a piece is released, which this class's test pins down. Not thread-safe: call it on one thread (the
 * pipeline's calling thread, where pieces are finished).
 *
 * @param <T> what a piece gives
 */
final class InOrder<T> {
    private final int count;
    private final BiConsumer<Integer, T> release;
    private final Map<Integer, T> ready = new HashMap<>();
    private int next;

    /** {@code count} pieces, released to {@code release} (number, result) in number order. */
    InOrder(int count, BiConsumer<Integer, T> release) {
        this.count = count;
        this.release = release;
    }

    /** Piece {@code i} has ended: it, and the ended pieces after it, are released if every piece before it has been. */
    void done(int i, T result) {
        if (i < next || i >= count || ready.containsKey(i)) throw new IllegalArgumentException("piece " + i + " ended twice or is out of 0.." + (count - 1));
        ready.put(i, result);
        while (next < count && ready.containsKey(next)) release.accept(next, ready.remove(next++));
    }

    /**
     * After a stop (a cancel, an error): the pieces that ended but wait for one that never will are released all the same,
     * still in number order; returns how many.
     */
    int releaseWaiting() {
        int n = 0;
        for (int i = next; i < count; i++) {
            if (ready.containsKey(i)) {
                release.accept(i, ready.remove(i));
                n++;
            }
        }
        next = count;
        return n;
    }

    /** How many pieces have been released in order so far (not counting {@link #releaseWaiting}). */
    int released() {
        return next;
    }
}
