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
}
