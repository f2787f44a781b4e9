package org.sealworkbench.seal;

import java.util.List;

/**
 * Values given on the command line (or in a window's form) in place of a preset's: the one place where options are
 * applied to {@link SealSettings}. Every value is optional; {@link #apply} replaces only what was given, so settings
 * with no overrides are the preset itself (same JSON, same digest).
 */
public final class SettingsOverrides {
    private String grader;
    private Integer innerRepeats;
    private Integer rounds, passagesPerRound, rlRepeats, rlK;
    private PromptTemplates template;
    private Integer k, maxTokens;
    private Integer loraRank, epochs, batchSize, maxSequences;
    private Double loraAlpha, learningRate;
    private List<String> targetModules;
    private Double loraDropout;
    private String schedule;
    private SequenceRules.Padding padding;
    private Integer padToLength;

    /** The evaluation's grader (exact_match, contains, f1@T, llm_judge...). */
    public SettingsOverrides grader(String g) { grader = g; return this; }
    /** Inner loops per passage and condition in evaluation. */
    public SettingsOverrides innerRepeats(Integer n) { innerRepeats = n; return this; }
    public SettingsOverrides rounds(Integer n) { rounds = n; return this; }
    public SettingsOverrides passagesPerRound(Integer n) { passagesPerRound = n; return this; }
    /** Inner loops per self-edit in RL's rewards. */
    public SettingsOverrides rlRepeats(Integer n) { rlRepeats = n; return this; }
    /** Self-edits per passage in RL. */
    public SettingsOverrides rlK(Integer n) { rlK = n; return this; }
    public SettingsOverrides template(PromptTemplates t) { template = t; return this; }
    /** Self-edits per passage in generation. */
    public SettingsOverrides k(Integer n) { k = n; return this; }
    public SettingsOverrides maxTokens(Integer n) { maxTokens = n; return this; }
    public SettingsOverrides loraRank(Integer n) { loraRank = n; return this; }
    public SettingsOverrides loraAlpha(Double a) { loraAlpha = a; return this; }
    public SettingsOverrides targetModules(List<String> t) { targetModules = t; return this; }
    public SettingsOverrides learningRate(Double lr) { learningRate = lr; return this; }
    public SettingsOverrides epochs(Integer n) { epochs = n; return this; }
    public SettingsOverrides batchSize(Integer n) { batchSize = n; return this; }
    public SettingsOverrides maxSequences(Integer n) { maxSequences = n; return this; }
    public SettingsOverrides loraDropout(Double d) { loraDropout = d; return this; }
    /** The learning-rate schedule by name: linear, cosine or constant. */
    public SettingsOverrides schedule(String name) { schedule = name; return this; }
    /**
     * How sequences are padded. NONE sets the padding length to 0; IN_LOSS and MASKED pad (or cut) to
     * {@code length}, or to the base's length when null (2048, the reference's, when the base does not pad).
     */
    public SettingsOverrides padding(SequenceRules.Padding mode, Integer length) { padding = mode; padToLength = length; return this; }

    /** {@code base} with every given value in place of its own. */
    public SealSettings apply(SealSettings base) {
        GenerationSettings g = base.generation();
        g = new GenerationSettings(or(template, g.template()), or(k, g.k()), g.temperature(), g.topP(), or(maxTokens, g.maxTokens()),
                g.seed());

        InnerLoopSettings in = base.innerLoop();
        LoraSettings l = in.lora();
        TrainingSettings t = in.training();
        int padTo = in.padToLength();
        boolean lossOnPadding = in.lossOnPadding();
        if (padding != null) {
            padTo = padding == SequenceRules.Padding.NONE ? 0 : or(padToLength, padTo > 0 ? padTo : 2048);
            if (padding != SequenceRules.Padding.NONE) lossOnPadding = padding == SequenceRules.Padding.IN_LOSS;
        }
        in = in.withLora(new LoraSettings(or(loraRank, l.rank()), or(loraAlpha, l.alpha()), or(loraDropout, l.dropout()),
                        or(targetModules, l.targetModules())))
                .withTraining(new TrainingSettings(or(learningRate, t.learningRate()), or(epochs, t.epochs()), or(batchSize, t.batchSize()),
                        schedule == null ? t.schedule() : TrainingSettings.schedule(schedule), t.warmupSteps(), t.weightDecay(), t.gradClip()))
                .withSequences(new SequenceRules(padTo, lossOnPadding, in.splitLines(), or(maxSequences, in.maxSequences())))
                .withRepeats(or(innerRepeats, in.repeats()));

        EvalSettings e = grader == null ? base.eval() : base.eval().withGrader(grader);

        RlSettings rl = base.rl();
        rl = new RlSettings(or(rounds, rl.rounds()), or(passagesPerRound, rl.passagesPerRound()), or(rlK, rl.k()),
                or(rlRepeats, rl.repeats()), rl.keepWithoutGain(), rl.sft(), rl.seed());
        return new SealSettings(base.preset(), g, in, e, rl);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
