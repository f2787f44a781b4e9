package org.sealworkbench.jobs.runs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sealworkbench.seal.Graders;
import org.sealworkbench.seal.InnerLoopSettings;
import org.sealworkbench.seal.LlmJudgeGrader;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.seal.SequenceRules;
import org.sealworkbench.seal.SettingsOverrides;

/**
 * The knobs of a fine-tune &amp; evaluate run as the window's form holds them: a preset and SEAL's inner-loop and
 * grading values. {@link #settings()} turns them into the settings the run is stored under, through the one place
 * options are applied ({@link SettingsOverrides#apply} over {@link Presets#byName}), the code {@code seal eval} uses,
 * so the digest shown in the form is the digest the runs get.
 *
 * @param padding  none, in_loss (padded with EOS, the padding a target, as the reference) or masked
 * @param schedule linear, cosine or constant
 * @param grader   exact_match, contains, f1@T or llm_judge
 * @param judge    the LLM judge's checkpoint folder (only for llm_judge), else null
 */
public record RunSettings(String preset, int loraRank, double loraAlpha, double loraDropout, List<String> targets,
                          double learningRate, int epochs, int batchSize, String schedule, String padding, int repeats,
                          String grader, Path judge) {
    /** The knobs by name, in the form's order (what {@link #differences} returns). */
    public static final List<String> KNOBS = List.of("rank", "alpha", "dropout", "targets", "lr", "epochs", "batch", "schedule",
            "padding", "repeats", "grader");
    /** The projections a LoRA can wrap. */
    public static final List<String> PROJECTIONS = InnerLoopSettings.ALL_PROJECTIONS;
    public static final List<String> SCHEDULES = List.of("linear", "cosine", "constant");
    public static final List<String> PADDINGS = List.of("none", "in_loss", "masked");

    public RunSettings {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /** The preset's own values (reference or seal-tiny-cpu). */
    public static RunSettings of(String preset) {
        SealSettings s = Presets.byName(preset);
        InnerLoopSettings in = s.innerLoop();
        return new RunSettings(s.preset(), in.loraRank(), in.loraAlpha(), in.loraDropout(), in.targetModules(), in.learningRate(),
                in.epochs(), in.batchSize(), in.lrSchedule(), paddingName(in.sequences().padding()), in.repeats(), s.eval().grader(), null);
    }

    /**
     * The settings the run is stored under: the preset with every knob applied. Knobs equal to the preset's give the
     * preset itself (same JSON, same digest as {@code seal eval --preset NAME}).
     *
     * @throws IllegalArgumentException naming the knob when a value is not valid
     */
    public SealSettings settings() {
        if (grader == null || grader.isBlank()) throw new IllegalArgumentException("choose a grader");
        if (!grader.equals(LlmJudgeGrader.NAME)) Graders.byName(grader); // refuses an unknown name or a bad F1 threshold
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        SettingsOverrides o = new SettingsOverrides()
                .loraRank(loraRank).loraAlpha(loraAlpha).loraDropout(loraDropout).targetModules(targets)
                .learningRate(learningRate).epochs(epochs).batchSize(batchSize).schedule(schedule)
                .padding(padding(padding), null).innerRepeats(repeats).grader(grader);
        return o.apply(Presets.byName(preset));
    }

    /** As {@link #settings()}, and refused when the LLM judge is the grader without its model folder. */
    public SealSettings runnableSettings() {
        SealSettings s = settings();
        if (grader.equals(LlmJudgeGrader.NAME) && judge == null) {
            throw new IllegalArgumentException("the LLM judge grader needs its model folder (choose Judge model…)");
        }
        return s;
    }

    /** The digest the runs will be stored under (as {@code seal report} shows it). */
    public String digest() {
        return settings().digest();
    }

    /** The knobs (names of {@link #KNOBS}) whose value differs from the preset's. */
    public List<String> differences() {
        RunSettings p = of(preset);
        List<String> out = new ArrayList<>();
        if (loraRank != p.loraRank) out.add("rank");
        if (Double.compare(loraAlpha, p.loraAlpha) != 0) out.add("alpha");
        if (Double.compare(loraDropout, p.loraDropout) != 0) out.add("dropout");
        if (!targets.equals(p.targets)) out.add("targets");
        if (Double.compare(learningRate, p.learningRate) != 0) out.add("lr");
        if (epochs != p.epochs) out.add("epochs");
        if (batchSize != p.batchSize) out.add("batch");
        if (!Objects.equals(schedule, p.schedule)) out.add("schedule");
        if (!Objects.equals(padding, p.padding)) out.add("padding");
        if (repeats != p.repeats) out.add("repeats");
        if (!Objects.equals(grader, p.grader)) out.add("grader");
        return out;
    }

    static String paddingName(SequenceRules.Padding p) {
        return switch (p) {
            case NONE -> "none";
            case IN_LOSS -> "in_loss";
            case MASKED -> "masked";
        };
    }

    static SequenceRules.Padding padding(String name) {
        if (name == null) return null;
        return switch (name) {
            case "none" -> SequenceRules.Padding.NONE;
            case "in_loss" -> SequenceRules.Padding.IN_LOSS;
            case "masked" -> SequenceRules.Padding.MASKED;
            default -> throw new IllegalArgumentException("padding must be none, in_loss or masked, got " + name);
        };
    }
}
