package org.sealworkbench.llm.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.sealworkbench.llm.model.Autograd;
import ai.djl.ndarray.NDScope;

/**
 * The mean per-token loss (log perplexity) of sequences under a model, as the trainer counts it before any step: the
 * same {@link CausalLmLoss} over the same {@link SftBatch} targets, with no gradient recorded. SEAL's learnability
 * question (issue 16) asks it of each self-edit under the model that will be fine-tuned on it.
 */
public final class TokenLoss {
    private TokenLoss() {}

    /** @param meanLoss summed loss / targets (NaN with no target); {@code targets}: the tokens that counted */
    public record Result(double meanLoss, long targets) {}

    /** One example per batch (no padding), so the result does not depend on how sequences would be batched. */
    public static Result of(TrainableModel model, List<SftExample> examples, int padId, LossMask mask) {
        NDManager nd = model.manager();
        double sum = 0, targets = 0;
        boolean gradBefore = Autograd.isGradMode();
        Autograd.setGradMode(false);
        try {
            for (SftExample e : examples) {
                SftBatch b = SftBatch.collate(List.of(e), padId, mask);
                try (NDScope scope = new NDScope()) {
                    NDArray ids = nd.create(b.ids(), new Shape(b.rows(), b.cols()));
                    NDArray w = nd.create(b.weights(), new Shape(b.rows(), b.cols()));
                    sum += CausalLmLoss.weightedSum(model.forward(ids, false), ids, w).getFloat();
                }
                targets += b.targetCount();
            }
        } finally {
            Autograd.setGradMode(gradBefore);
        }
        return new Result(targets == 0 ? Double.NaN : sum / targets, Math.round(targets));
    }
}
