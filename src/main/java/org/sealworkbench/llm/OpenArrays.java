package org.sealworkbench.llm;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;

/**
 * How many NDArrays a manager (and its sub-managers) still holds open: deterministic where resident memory is
 * not (allocator caches, the JIT, the heap), so a leak of native tensors shows as a count that grows.
 */
public final class OpenArrays {
    private OpenArrays() {}

    /** Open arrays of {@code manager} and everything under it, or -1 for a manager that cannot say. */
    public static int count(NDManager manager) {
        return manager instanceof BaseNDManager b ? b.getManagedArrays().size() : -1;
    }
}
