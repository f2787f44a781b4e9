package org.sealworkbench.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.sealworkbench.seal.InnerLoop;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.seal.SettingsOverrides;
import picocli.CommandLine.Option;

/** Options shared by `seal eval` and `seal rl`: preset or settings file, grader, judge model, validation split. */
final class SealOptions {
    @Option(names = "--preset", defaultValue = "reference", paramLabel = "NAME",
            description = "Settings preset: reference or seal-tiny-cpu (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--settings", paramLabel = "FILE", description = "A settings snapshot JSON (as runs store it); replaces --preset.")
    Path settingsFile;

    @Option(names = "--grader", paramLabel = "NAME", description = "Grader instead of the preset's: exact_match, contains, f1@T, llm_judge.")
    String grader;

    @Option(names = "--judge", paramLabel = "DIR", description = "Checkpoint of the local LLM judge (needed when the grader is llm_judge).")
    Path judge;

    @Option(names = "--validation", defaultValue = "200", paramLabel = "N",
            description = "The first N passages of the workspace are the validation set; RL never trains on them (default ${DEFAULT-VALUE}, as SEAL).")
    int validation;

    @Option(names = "--validation-set", paramLabel = "LABEL",
            description = "The validation set by name: the passages imported from this file (e.g. validation-passages.json); replaces --validation.")
    String validationSet;

    @Option(names = "--rl-set", paramLabel = "LABEL",
            description = "RL trains on the passages imported from this file (never on validation ones); default: the passages after the validation set.")
    String rlSet;

    @Option(names = "--inner-repeats", paramLabel = "R",
            description = "Inner loops (fresh seeds) per passage and condition in evaluation (default: the preset's).")
    Integer innerRepeats;

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    /**
     * An execution setting, not a part of the settings (same self-edits, same digest): how many passages' self-edits
     * are sampled in one generator batch. Set for the whole process, where every self-edit generator reads it.
     */
    @Option(names = "--generation-batch", paramLabel = "N",
            description = "Passages whose k self-edits are sampled in one batch (default "
                    + org.sealworkbench.seal.SelfEditGenerator.DEFAULT_PASSAGES_PER_BATCH + "; 1: one passage at a time).")
    void generationBatch(int n) {
        if (n < 1) throw new picocli.CommandLine.ParameterException(mixee.commandLine(),
                "--generation-batch must be at least 1, got " + n);
        System.setProperty(org.sealworkbench.seal.SelfEditGenerator.BATCH_PROPERTY, Integer.toString(n));
    }

    PassageSplit split() {
        return new PassageSplit(validation, validationSet, rlSet);
    }

    /** The preset, or the settings file when one is given, before any option is applied. */
    SealSettings base() {
        SealSettings s;
        if (settingsFile != null) {
            try {
                s = SealSettings.fromJson(Files.readString(settingsFile, StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException(settingsFile + ": file not found");
            } catch (IOException e) {
                throw new IllegalArgumentException(settingsFile + ": cannot read: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(settingsFile + ": " + e.getMessage());
            }
        } else {
            s = Presets.byName(preset);
        }
        return s;
    }

    /** The options shared by eval, rl and self-edits, to be applied over {@link #base()}. */
    SettingsOverrides overrides() {
        return new SettingsOverrides().grader(grader).innerRepeats(innerRepeats);
    }

    /** The preset or settings file with these options applied. */
    SealSettings settings() {
        return overrides().apply(base());
    }

    /** Where the time of the inner loops went, and how many per minute of wall time and of inner-loop time. */
    static String timingLine(InnerLoop.Timing t, double wallSeconds) {
        double train = t.trainNanos() / 1e9, answer = t.answerNanos() / 1e9, gen = t.generationNanos() / 1e9;
        double loopSeconds = train + (t.innerLoops() + t.baselines() == 0 ? 0 : answer * t.innerLoops() / (t.innerLoops() + t.baselines()));
        double work = Math.max(1e-9, train + answer + gen);
        return String.format(Locale.ROOT, "%d inner loops and %d baselines computed in %.1f s wall (%.1f inner loops per minute of wall "
                        + "time, %.1f per minute of inner-loop time); per inner loop %.2f s training + %.2f s answering; model time: "
                        + "training %.0f%%, answering %.0f%%, self-edit generation %.0f%% (%.1f s)",
                t.innerLoops(), t.baselines(), wallSeconds, t.innerLoops() * 60.0 / Math.max(1e-9, wallSeconds),
                t.innerLoops() * 60.0 / Math.max(1e-9, loopSeconds),
                t.innerLoops() == 0 ? 0 : train / t.innerLoops(),
                t.innerLoops() + t.baselines() == 0 ? 0 : answer / (t.innerLoops() + t.baselines()),
                100 * train / work, 100 * answer / work, 100 * gen / work, gen);
    }
}
