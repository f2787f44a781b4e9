package org.sealworkbench.seal.arc;

import java.util.List;

/**
 * The few-shot setting's fixed recipe: everything but what a self-edit chooses ({@link TttConfig}). Defaults are
 * SEAL's ({@link #reference()}: its self-edit.py and eval-self-edits.py); {@link #tinyCpu()} is the same recipe for
 * seal-tiny on a CPU, with a smaller data cap so that one configuration trains in seconds.
 *
 * @param loraRank       SEAL: 128
 * @param loraAlpha      SEAL: 16
 * @param targets        SEAL: q, v, gate, down, up
 * @param batchSize      SEAL: 2, no gradient accumulation
 * @param warmupSteps    SEAL: 11, then a cosine decay
 * @param maxSteps       SEAL: a config whose epochs x examples / 2 exceeds 375 is not trained at all
 * @param leaveN         SEAL trains on leave-1 and leave-2 tasks of the demonstrations
 * @param permuteN       rounds of colour and example permutation of the training tasks (SEAL: 1)
 * @param maxExamples    SEAL's Nmax: at most 250 training texts, a seeded sample of them when more
 * @param predictLeaveN  test-time augmentation: demonstrations left out of the prediction prompts (SEAL: 1)
 * @param predictPermuteN orders of the demonstrations per prediction prompt (SEAL: 2)
 * @param maxTokens      the longest text trained on or prompted with, in tokens (SEAL: 8192); also capped by the
 *                       model's context
 * @param seed           SEAL: 0
 * @param selfEditTemperature SEAL samples self-edits at 0.8
 * @param selfEditMaxTokens   SEAL: 128 new tokens per self-edit
 * @param selfEditTries  how many samples a self-edit may take before it is given up (SEAL resamples without end)
 */
public record ArcSettings(int loraRank, double loraAlpha, List<String> targets, int batchSize, int warmupSteps,
        int maxSteps, List<Integer> leaveN, int permuteN, int maxExamples, List<Integer> predictLeaveN,
        int predictPermuteN, int maxTokens, long seed, double selfEditTemperature, int selfEditMaxTokens,
        int selfEditTries) {

    public ArcSettings {
        targets = List.copyOf(targets);
        leaveN = List.copyOf(leaveN);
        predictLeaveN = List.copyOf(predictLeaveN);
        if (loraRank < 1 || batchSize < 1 || maxSteps < 1 || maxExamples < 1 || maxTokens < 8 || selfEditTries < 1
                || permuteN < 0 || predictPermuteN < 1 || selfEditMaxTokens < 1) {
            throw new IllegalArgumentException("an ARC setting is out of range: " + this);
        }
    }

    /** SEAL's own recipe. */
    public static ArcSettings reference() {
        return new ArcSettings(128, 16, List.of("q_proj", "v_proj", "gate_proj", "down_proj", "up_proj"), 2, 11, 375,
                List.of(1, 2), 1, 250, List.of(1), 2, 8192, 0, 0.8, 128, 20);
    }

    /** SEAL's recipe with at most 24 training texts, for seal-tiny on a CPU. */
    public static ArcSettings tinyCpu() {
        ArcSettings r = reference();
        return new ArcSettings(r.loraRank, r.loraAlpha, r.targets, r.batchSize, r.warmupSteps, r.maxSteps, r.leaveN,
                r.permuteN, 24, r.predictLeaveN, r.predictPermuteN, r.maxTokens, r.seed, r.selfEditTemperature,
                r.selfEditMaxTokens, r.selfEditTries);
    }

    /** The preset of that name: "reference" or "tiny-cpu". */
    public static ArcSettings preset(String name) {
        return switch (name) {
            case "reference" -> reference();
            case "tiny-cpu", "seal-tiny-cpu" -> tinyCpu();
            default -> throw new IllegalArgumentException("unknown ARC preset \"" + name + "\" (reference, tiny-cpu)");
        };
    }

    public ArcSettings withMaxExamples(int n) {
        return new ArcSettings(loraRank, loraAlpha, targets, batchSize, warmupSteps, maxSteps, leaveN, permuteN, n,
                predictLeaveN, predictPermuteN, maxTokens, seed, selfEditTemperature, selfEditMaxTokens,
                selfEditTries);
    }

    public ArcSettings withSelfEditTries(int tries) {
        return new ArcSettings(loraRank, loraAlpha, targets, batchSize, warmupSteps, maxSteps, leaveN, permuteN,
                maxExamples, predictLeaveN, predictPermuteN, maxTokens, seed, selfEditTemperature, selfEditMaxTokens,
                tries);
    }

    /** The recipe with another bound on a self-edit's new tokens (SEAL's 128 fits a config in Llama 3's tokens). */
    public ArcSettings withSelfEditMaxTokens(int n) {
        return new ArcSettings(loraRank, loraAlpha, targets, batchSize, warmupSteps, maxSteps, leaveN, permuteN,
                maxExamples, predictLeaveN, predictPermuteN, maxTokens, seed, selfEditTemperature, n, selfEditTries);
    }

    public ArcSettings withSeed(long s) {
        return new ArcSettings(loraRank, loraAlpha, targets, batchSize, warmupSteps, maxSteps, leaveN, permuteN,
                maxExamples, predictLeaveN, predictPermuteN, maxTokens, s, selfEditTemperature, selfEditMaxTokens,
                selfEditTries);
    }
}
