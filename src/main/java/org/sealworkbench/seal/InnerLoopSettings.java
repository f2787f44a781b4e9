package org.sealworkbench.seal;

import java.util.List;
import org.sealworkbench.llm.lora.LoraConfig;

/**
 * The inner loop (test-time training on one self-edit), SEAL.md section 1. Defaults are the reference's:
 * a fresh LoRA of rank 32, alpha 64, dropout 0 on q_proj and v_proj; AdamW with lr 1e-3 for 10 epochs,
 * batch 1, linear decay to 0, no warmup, no weight decay, grad-norm clip 1.0; every sequence padded to
 * 2048 tokens with EOS, the padding kept in the loss (labels = inputs); 3 repeats with fresh seeds.
 *
 * @param padToLength     pad (and truncate) every sequence to this many tokens with EOS; 0 = no padding
 * @param lossOnPadding   true reproduces the reference (padding counts in the loss); false masks it
 * @param splitLines      split each self-edit piece into one sequence per line (the reference's
 *                        {@code --split_newlines}, which SEAL.md describes as the method)
 * @param maxSequences    most self-edit sequences kept per self-edit before the passage is appended
 *                        (the reference's MAX_TRAIN_SEQS_PER_COMPLETION = 30); 0 = no cap
 * @param repeats         inner loops per self-edit, each with a fresh seed
 * @param seed            base seed; repeat r uses a seed derived from it and r
 */
public record InnerLoopSettings(int loraRank, double loraAlpha, double loraDropout, List<String> targetModules,
                                double learningRate, int epochs, int batchSize, String lrSchedule, int warmupSteps,
                                double weightDecay, double gradClip, int padToLength, boolean lossOnPadding,
                                boolean splitLines, int maxSequences, int repeats, long seed) {
    /** The reference's LoRA targets: attention query and value projections only. */
    public static final List<String> QV = List.of("q_proj", "v_proj");
    /** All seven projections of a Llama/Qwen decoder layer (the engine's list, {@link LoraConfig#ALL_PROJECTIONS}). */
    public static final List<String> ALL_PROJECTIONS = LoraConfig.ALL_PROJECTIONS;

    public InnerLoopSettings {
        targetModules = List.copyOf(targetModules);
        if (loraRank < 1) throw new IllegalArgumentException("LoRA rank must be at least 1, got " + loraRank);
        if (targetModules.isEmpty()) throw new IllegalArgumentException("LoRA needs at least one target module");
        if (!(loraDropout >= 0 && loraDropout < 1)) throw new IllegalArgumentException("LoRA dropout must be in [0, 1)");
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        if (epochs < 1 || batchSize < 1 || repeats < 1) {
            throw new IllegalArgumentException("epochs, batch size and repeats must each be at least 1");
        }
        if (!lrSchedule.equals("linear") && !lrSchedule.equals("cosine") && !lrSchedule.equals("constant")) {
            throw new IllegalArgumentException("lr schedule must be linear, cosine or constant, got " + lrSchedule);
        }
        if (warmupSteps < 0 || padToLength < 0 || maxSequences < 0) {
            throw new IllegalArgumentException("warmup steps, padding length and max sequences must be >= 0");
        }
    }

    /** The reference's values (padding kept in the loss, q/v only). */
    public static InnerLoopSettings defaults() {
        return new InnerLoopSettings(32, 64, 0.0, QV, 1e-3, 10, 1, "linear", 0, 0.0, 1.0, 2048, true, true, 30, 3,
                42);
    }

    /** These settings with {@code n} repeats (fresh-seeded inner loops per condition and passage). */
    public InnerLoopSettings withRepeats(int n) {
        return new InnerLoopSettings(loraRank, loraAlpha, loraDropout, targetModules, learningRate, epochs, batchSize,
                lrSchedule, warmupSteps, weightDecay, gradClip, padToLength, lossOnPadding, splitLines, maxSequences, n, seed);
    }

    /** The seed of repeat r (0-based): distinct per repeat, reproducible from the base seed. */
    public long repeatSeed(int repeat) {
        return seed + 1_000_003L * repeat;
    }
}
