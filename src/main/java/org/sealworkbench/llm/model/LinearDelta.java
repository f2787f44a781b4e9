package org.sealworkbench.llm.model;

import ai.djl.ndarray.NDArray;

/** Something added to a {@link Linear}'s output, e.g. a LoRA adapter: x [..., in] -> [..., out]. */
public interface LinearDelta {
    NDArray apply(NDArray x, boolean training);

    /**
     * True when rows of a batch get different deltas (many adapters in one batch): a prompt shared by every row may
     * then not be computed once and copied (the generator's shared prefill).
     */
    default boolean perRow() {
        return false;
    }

    /**
     * Whether the batch may shrink to some of its rows between forward passes ({@link #keepRows}): true unless rows get
     * different deltas and this delta cannot follow (the generator drops ended rows only when every delta can).
     */
    default boolean canKeepRows() {
        return !perRow();
    }

    /**
     * The batch keeps only these rows (indexes into the current batch, ascending) from the next forward pass on. A
     * per-row delta that can follow renumbers its rows; every delta of the model is told with the same array, so a
     * delta shared by many projections acts once per array.
     */
    default void keepRows(int[] rows) {}
}
