package org.sealworkbench.llm.training;

import org.sealworkbench.llm.model.Autograd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;

import java.util.Collection;

/** Global-norm gradient clipping as torch.nn.utils.clip_grad_norm_ (L2 norm over all gradients). */
public final class GradClip {
    private GradClip() {}

    /** The global L2 norm of all gradients. */
    public static double globalNorm(Collection<NDArray> grads) {
        if (grads.isEmpty()) return 0;
        double sumSq = 0;
        try (NDScope scope = new NDScope()) {
            // float32 norm per tensor, read back in one copy (one sync, not one per tensor), squared and summed in double
            NDList norms = new NDList(grads.size());
            for (NDArray g : grads) norms.add(g.norm());
            for (float n : NDArrays.stack(norms).toFloatArray()) sumSq += (double) n * n;
        }
        return Math.sqrt(sumSq);
    }

    /**
     * Scales every gradient in place by max_norm / (total_norm + 1e-6) when that is below 1, as torch does;
     * returns the total norm before clipping. {@code maxNorm <= 0} only measures.
     */
    public static double clip(Collection<NDArray> grads, double maxNorm) {
        double total = globalNorm(grads);
        if (maxNorm > 0) {
            double coef = maxNorm / (total + 1e-6);
            if (coef < 1.0) Autograd.noGrad(() -> grads.forEach(g -> g.muli((float) coef)));
        }
        return total;
    }

    /**
     * {@link #clip} on every gradient concatenated into one tensor ({@link AdamW#flatGradient}): the norm is one op on
     * it (float32, as torch's clip_grad_norm_ computes it), and the scaling one more, in place.
     */
    public static double clipFlat(NDArray flat, double maxNorm) {
        double total;
        try (NDArray n = flat.norm()) {
            total = n.getFloat();
        }
        if (maxNorm > 0) {
            double coef = maxNorm / (total + 1e-6);
            if (coef < 1.0) Autograd.noGrad(() -> flat.muli((float) coef));
        }
        return total;
    }
}
