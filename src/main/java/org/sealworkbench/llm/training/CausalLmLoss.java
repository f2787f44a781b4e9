package org.sealworkbench.llm.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

/** Masked next-token cross-entropy. */
public final class CausalLmLoss {
    private CausalLmLoss() {}

    /**
     * Sum over targets of -log p(ids[b, t] | ids[b, < t]) * weights[b, t], for t >= 1.
     * logits [B, T, V] float32, ids [B, T] int64, weights [B, T] float32 -> scalar.
     * Divide by the number of targets of the whole (accumulated) batch to get the mean loss.
     * <p>
     * Row t of the logits predicts token t + 1. Rather than slicing the last row off the [B, T, V] logits
     * (whose backward allocates and zero-fills a tensor of the logits' size every step), the labels and weights
     * are shifted left by one and the last position gets weight 0: the same sum, with the big tensor untouched.
     */
    public static NDArray weightedSum(NDArray logits, NDArray ids, NDArray weights) {
        return weightedPicked(logits, ids, weights).sum().neg();
    }

    /** {@link #weightedSum} per row: [B], row b's sum over its targets (many adapters in one batch sum their rows apart). */
    public static NDArray weightedRowSums(NDArray logits, NDArray ids, NDArray weights) {
        return weightedPicked(logits, ids, weights).sum(new int[] {1}).neg();
    }

    /** log p(next token) * weight, [B, T] (the last position has weight 0). */
    private static NDArray weightedPicked(NDArray logits, NDArray ids, NDArray weights) {
        long t = ids.getShape().get(1);
        NDIndex next = new NDIndex().addAllDim().addSliceDim(1, t), first = new NDIndex().addAllDim().addSliceDim(0, 1);
        NDArray labels = NDArrays.concat(new NDList(ids.get(next), ids.get(first)), 1).expandDims(-1);   // [B, T, 1]; last: any valid id
        NDArray w = weights.get(next);
        w = NDArrays.concat(new NDList(w, w.getManager().zeros(new ai.djl.ndarray.types.Shape(w.getShape().get(0), 1), w.getDataType())), 1); // [B, T]
        NDArray logp = logits.logSoftmax(-1);                       // [B, T, V]
        NDArray picked = logp.gather(labels, -1).squeeze(-1);       // [B, T]
        return picked.mul(w);
    }
}
