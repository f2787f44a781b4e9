package org.sealworkbench.llm.training;

import org.sealworkbench.llm.model.ModelConfig;

/**
 * How much memory a batch of inner loops needs per adapter, and how large a batch fits (issue 19: the adapter batch is
 * memory-bounded). Batches in flight hold {@code adapterBatch x workers} adapters at once: each adapter's LoRA tensors,
 * their gradients and AdamW moments, and the activations that the backward pass keeps for its training rows.
 *
 * <p>The estimate counts, per trained token and layer, the float tensors our forward pass keeps for backward (about 14
 * hidden-wide ones: norms, q/k/v and their rotations, attention output, residuals, LoRA outputs; 6 MLP-wide ones: gate,
 * up, their activation and product, and LoRA outputs; and 4 attention maps per head over the row), plus three
 * vocabulary-wide ones per token (logits, log-softmax, its gradient), plus six copies of the LoRA parameters (weights,
 * gradients, two moments, the step's flat gradient and a temporary), for every adapter at once with every row as long as
 * the longest: an upper bound, since the batched trainer's length groups hold only their own rows' activations, padded
 * to the group's longest row, and free them after their backward. Measured on seal-tiny with its own self-edits
 * (session 13, one worker, `./seal bench --only inner-loop --batched-only --adapters N`): peak resident memory 554 MiB
 * at 1 adapter, 638 at 8, 675 at 16, 793 at 32, so 7.7 MiB more per adapter, where this count gives 27 MiB (their longest
 * row); it errs on the side of smaller batches. (An earlier form, before the flat AdamW, the answers in batches of 8 and
 * the block layout of the stacked LoRA, grew 78 MiB per adapter.)
 */
public final class BatchMemory {
    private BatchMemory() {}

    /**
     * Bytes one adapter of a batch needs: {@code loraParameters} trainable floats, training rows of at most
     * {@code rowTokens} tokens, {@code rowsPerStep} of them at a time (the inner loop's batch size).
     */
    public static long perAdapterBytes(ModelConfig cfg, long loraParameters, int rowTokens, int rowsPerStep) {
        long t = Math.max(1, rowTokens);
        long perTokenLayer = 14L * cfg.hiddenSize() + 6L * cfg.intermediateSize() + 4L * cfg.numAttentionHeads() * t;
        long perToken = perTokenLayer * cfg.numHiddenLayers() + 3L * cfg.vocabSize();
        double floats = (double) perToken * t * Math.max(1, rowsPerStep) + 6.0 * loraParameters;
        return (long) (floats * Float.BYTES);
    }

    /** An adapter batch and a worker count. */
    public record Fit(int adapterBatch, int workers) {
        public int inFlight() {
            return adapterBatch * workers;
        }
    }

    /**
     * The largest batches in flight that fit {@code budgetBytes}: unchanged when {@code adapterBatch x workers} adapters
     * of {@code perAdapterBytes} fit; else fewer workers first (a worker's batch gains by its size, and side-by-side
     * batches only share the cores), down to one; then a smaller batch, down to one adapter. A budget of 0 or less (not
     * known, e.g. not Linux) changes nothing.
     */
    public static Fit fit(int adapterBatch, int workers, long perAdapterBytes, long budgetBytes) {
        if (adapterBatch < 1 || workers < 1) throw new IllegalArgumentException("adapter batch and workers must be at least 1");
        if (budgetBytes <= 0 || perAdapterBytes <= 0) return new Fit(adapterBatch, workers);
        long fits = Math.max(1, budgetBytes / perAdapterBytes);
        if ((long) adapterBatch * workers <= fits) return new Fit(adapterBatch, workers);
        int w = (int) Math.max(1, Math.min(workers, fits / adapterBatch));
        if ((long) adapterBatch * w <= fits) return new Fit(adapterBatch, w);
        return new Fit((int) Math.min(adapterBatch, fits), 1);
    }
}
