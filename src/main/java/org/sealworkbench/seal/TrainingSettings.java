package org.sealworkbench.seal;

import org.sealworkbench.llm.training.LrSchedule;

/**
 * How the inner loop's optimizer runs: AdamW at {@code learningRate} for {@code epochs} over batches of
 * {@code batchSize}, with a learning-rate schedule after {@code warmupSteps}, weight decay and grad-norm clipping.
 */
public record TrainingSettings(double learningRate, int epochs, int batchSize, LrSchedule.Kind schedule, int warmupSteps,
                               double weightDecay, double gradClip) {
    public TrainingSettings {
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        if (epochs < 1 || batchSize < 1) throw new IllegalArgumentException("epochs and batch size must each be at least 1");
        if (schedule == null) throw new IllegalArgumentException("lr schedule must be linear, cosine or constant, got null");
        if (warmupSteps < 0) throw new IllegalArgumentException("warmup steps must be >= 0");
    }

    /** The schedule's name as settings JSON stores it: linear, cosine or constant. */
    public static String key(LrSchedule.Kind k) {
        return k.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The schedule named {@code key} (linear, cosine or constant); anything else is refused with the accepted names. */
    public static LrSchedule.Kind schedule(String key) {
        if (key != null) {
            for (LrSchedule.Kind k : LrSchedule.Kind.values()) if (key(k).equals(key)) return k;
        }
        throw new IllegalArgumentException("lr schedule must be linear, cosine or constant, got " + key);
    }
}
