package org.sealworkbench.llm.training;

import ai.djl.ndarray.NDArray;

/** Masked next-token cross-entropy. */
public final class CausalLmLoss {
    private CausalLmLoss() {}

    /**
     * Sum over targets of -log p(ids[b, t] | ids[b, < t]) * weights[b, t], for t >= 1.
     * logits [B, T, V] float32, ids [B, T] int64, weights [B, T] float32 -> scalar.
     * Divide by the number of targets of the whole (accumulated) batch to get the mean loss.
     */
    public static NDArray weightedSum(NDArray logits, NDArray ids, NDArray weights) {
        NDArray shifted = logits.get(":, :-1, :");                  // [B, T-1, V] predictions for t = 1..T-1
        NDArray labels = ids.get(":, 1:").expandDims(-1);           // [B, T-1, 1]
        NDArray w = weights.get(":, 1:");                           // [B, T-1]
        NDArray logp = shifted.logSoftmax(-1);                      // [B, T-1, V]
        NDArray picked = logp.gather(labels, -1).squeeze(-1);       // [B, T-1]
        return picked.mul(w).sum().neg();
    }
}
