package org.sealworkbench.seal;

import java.util.List;
import org.sealworkbench.llm.training.LrSchedule;

/** Named starting points for {@link SealSettings}. */
public final class Presets {
    private Presets() {}

    public static final String REFERENCE = "reference";
    public static final String SEAL_TINY_CPU = "seal-tiny-cpu";

    /**
     * Faithful to the reference code, quirks included: every sequence padded to 2048 with EOS and the
     * padding kept in the loss, LoRA on q_proj/v_proj only, the best of 5 self-edits kept even when it did
     * not beat the baseline, answers judged by an LLM with SEAL's yes/no rubric.
     */
    public static SealSettings reference() {
        return new SealSettings(REFERENCE, GenerationSettings.defaults(), InnerLoopSettings.defaults(),
                EvalSettings.defaults(), RlSettings.defaults());
    }

    /**
     * For the bundled tiny model (seal-tiny, 3.4M parameters) on a laptop CPU (see assets/models/seal-tiny/MODEL_NOTES.md):
     * LoRA rank 8, alpha 16 on all seven projections (a 4-layer model stores facts in its MLPs, which q/v-only LoRA
     * cannot reach), lr 5e-3 for 5 epochs at batch 1. On the fourth session's seal-tiny (induction-initialised), 110
     * validation passages, 3 inner loops per passage: passage + own self-edit 26.0 % [22.4, 29.6], passage only 8.4 %
     * [6.0, 10.7], closed-book 3.2 %. At lr 1e-2 the self-edits were worse (21.3 %) and passage only far better (19.1 %):
     * a strong lr teaches the passage alone in its 5 steps and washes out what the self-edits add (their gain vanished
     * under exact match), and RL's rewards were then mostly the LoRA seed's (within a passage, repeat 1 and 2 correlated
     * 0.06 to 0.18). As in SEAL, where training on the passage only barely beats no adaptation, one sequence for 5 epochs
     * is too little here, and the self-edits' extra sequences are what teach the facts. At 3e-3 the self-edits fell to
     * 17.7 % (the fifth session's RL run, 100 passages; MODEL_NOTES.md).
     * At most 15 self-edit sequences (the reference keeps 30): each is 5 optimizer steps of about 55 ms, so the longest
     * self-edit of the 110 (19 lines) took 6.4 s, over the 5 s budget for one inner loop; 7 of the 110 have more
     * than 15 lines, mostly a line repeated. Self-edits are sampled at temperature 1.0 as in
     * SEAL: 0.5 was worse on this model (its self-edits loop on one line). The implications template, not self-qa:
     * this model's self-QA pairs are mostly wrong (own self-edit 15.1 % against passage only 23.9 % on a model trained
     * with self-QA demonstrations).
     * No padding (loss on real tokens only), short generations, and the "contains" grader because a tiny model cannot
     * judge. Self-edits of up to 320 tokens: a thorough one runs to about 300, and prompt plus self-edit then still fit
     * the 512-token context. RL's SFT is stronger than the reference's (lr 1e-3, 3 epochs, batch 4 against 3e-4, 2, 10)
     * because a round here has a dozen passages, not 50: the reference's recipe would take 4 small steps and leave the
     * generator unchanged (on the fourth session's seal-tiny, rounds of 10 passages: base self-edits 22.3 %, round 1
     * 23.2 %, round 2 22.0 %, see MODEL_NOTES.md).
     */
    public static SealSettings sealTinyCpu() {
        GenerationSettings gen = new GenerationSettings(PromptTemplates.IMPLICATIONS, /* k */ 5, /* temperature */ 1.0,
                /* top-p */ 0.95, /* max tokens */ 320, /* seed */ 42);
        InnerLoopSettings inner = new InnerLoopSettings(
                new LoraSettings(/* rank */ 8, /* alpha */ 16, /* dropout */ 0.0, InnerLoopSettings.ALL_PROJECTIONS),
                new TrainingSettings(/* lr */ 5e-3, /* epochs */ 5, /* batch */ 1, LrSchedule.Kind.LINEAR, /* warmup */ 0,
                        /* weight decay */ 0.0, /* grad clip */ 1.0),
                new SequenceRules(/* no padding */ 0, /* loss on padding */ false, /* split lines */ true, /* max sequences */ 15),
                /* repeats */ 3, /* seed */ 42);
        EvalSettings eval = new EvalSettings(/* greedy */ true, /* max new tokens */ 32, ContainsGrader.NAME);
        RlSettings rl = new RlSettings(/* rounds */ 2, /* passages per round */ 50, /* k */ 5, /* repeats */ 3,
                /* keep without gain */ true,
                new RlSettings.Sft(/* rank */ 8, /* alpha */ 16, InnerLoopSettings.ALL_PROJECTIONS, /* lr */ 1e-3, /* epochs */ 3,
                        /* effective batch */ 4, /* completion-only loss */ true, /* append EOS */ true),
                /* seed */ 42);
        return new SealSettings(SEAL_TINY_CPU, gen, inner, eval, rl);
    }

    /**
     * The multi-passage (CPT) settings of a preset (SEAL.md section 1: 200 passages, 3 epochs, lr 1e-3, batch 4,
     * grad-accum 2; micro accuracy over all their questions); a preset without its own (e.g. "custom") gets the reference's.
     * seal-tiny-cpu: lr 1e-3, 5 epochs, micro-batches of 1 without accumulation (each sequence gets the 5 updates the
     * single-passage preset gives it, at a fifth of its lr, because one rank-8 LoRA now carries every passage). Measured on
     * the first 30 validation passages (contains grader, micro accuracy, 95 % bootstrap; closed-book 6.0 %): this setting
     * passage only 6.0 % [2.9, 9.0], own self-edits 7.3 % [4.1, 10.5]; lr 5e-3 at batch 4 5.3 % and 4.7 %; lr 5e-3 at
     * batch 1 4.0 % and 2.7 % (the strong lr overwrites earlier passages). None is clearly above closed-book: on seal-tiny
     * the multi-passage setting does not work yet, unlike the single-passage one (26.0 %); see MODEL_NOTES.md.
     */
    public static CptSettings cpt(String preset) {
        if (SEAL_TINY_CPU.equals(preset)) {
            return new CptSettings(/* passages */ 200, /* epochs */ 5, /* lr */ 1e-3, /* batch */ 1, /* grad accum */ 1,
                    /* repeats */ 1, /* bootstrap samples */ 1000, /* bootstrap seed */ 42);
        }
        return CptSettings.reference();
    }

    /** The preset of this name (reference, seal-tiny-cpu). */
    public static SealSettings byName(String name) {
        return switch (name) {
            case REFERENCE -> reference();
            case SEAL_TINY_CPU -> sealTinyCpu();
            default -> throw new IllegalArgumentException("unknown preset '" + name + "' (known: " + names() + ")");
        };
    }

    public static List<String> names() {
        return List.of(REFERENCE, SEAL_TINY_CPU);
    }
}
