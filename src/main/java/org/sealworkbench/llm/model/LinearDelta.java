package org.sealworkbench.llm.model;

import ai.djl.ndarray.NDArray;

/** Something added to a {@link Linear}'s output, e.g. a LoRA adapter: x [..., in] -> [..., out]. */
public interface LinearDelta {
    NDArray apply(NDArray x, boolean training);
}
