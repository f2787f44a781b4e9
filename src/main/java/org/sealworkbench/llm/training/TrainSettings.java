package org.sealworkbench.llm.training;

/**
 * Settings of one SFT run. Defaults follow SEAL's inner loop where it has one (AdamW, linear decay to 0,
 * no warmup, grad clip 1.0); {@code batchSize} is the micro-batch, {@code gradAccum} micro-batches make one
 * optimizer step.
 */
public record TrainSettings(int epochs, int batchSize, int gradAccum, double lr, LrSchedule.Kind schedule,
                           long warmupSteps, double weightDecay, double maxGradNorm, LossMask mask,
                           boolean shuffle, long seed) {
    public TrainSettings {
        if (epochs <= 0 || batchSize <= 0 || gradAccum <= 0) throw new IllegalArgumentException("epochs, batch size and grad accumulation must be positive");
        if (!(lr > 0)) throw new IllegalArgumentException("learning rate must be positive, got " + lr);
    }

    public static TrainSettings defaults() {
        return new TrainSettings(1, 1, 1, 1e-3, LrSchedule.Kind.LINEAR, 0, 0.0, 1.0, LossMask.PADDING, true, 42);
    }

    public TrainSettings withEpochs(int e) {
        return new TrainSettings(e, batchSize, gradAccum, lr, schedule, warmupSteps, weightDecay, maxGradNorm, mask, shuffle, seed);
    }

    public TrainSettings withBatch(int b, int accum) {
        return new TrainSettings(epochs, b, accum, lr, schedule, warmupSteps, weightDecay, maxGradNorm, mask, shuffle, seed);
    }

    public TrainSettings withLr(double l, LrSchedule.Kind k, long warmup) {
        return new TrainSettings(epochs, batchSize, gradAccum, l, k, warmup, weightDecay, maxGradNorm, mask, shuffle, seed);
    }

    public TrainSettings withWeightDecay(double wd) {
        return new TrainSettings(epochs, batchSize, gradAccum, lr, schedule, warmupSteps, wd, maxGradNorm, mask, shuffle, seed);
    }

    public TrainSettings withMask(LossMask m) {
        return new TrainSettings(epochs, batchSize, gradAccum, lr, schedule, warmupSteps, weightDecay, maxGradNorm, m, shuffle, seed);
    }

    public TrainSettings withSeed(long s, boolean shuf) {
        return new TrainSettings(epochs, batchSize, gradAccum, lr, schedule, warmupSteps, weightDecay, maxGradNorm, mask, shuf, s);
    }

    public TrainSettings withMaxGradNorm(double n) {
        return new TrainSettings(epochs, batchSize, gradAccum, lr, schedule, warmupSteps, weightDecay, n, mask, shuffle, seed);
    }
}
