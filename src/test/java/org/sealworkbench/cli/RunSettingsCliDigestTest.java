package org.sealworkbench.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.runs.RunSettings;
import picocli.CommandLine;

/** The window's fine-tune form stores runs under the digest `seal eval` gives the same settings. */
class RunSettingsCliDigestTest {
    @TempDir
    Path tmp;

    private static EvalCommand eval(String... args) {
        EvalCommand c = new EvalCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void aPresetWithTheFormsGraderAndRepeatsHasTheDigestOfSealEvalWithTheSameFlags() {
        RunSettings form = RunSettings.of("seal-tiny-cpu");
        assertEquals(eval("--workspace", "w", "--condition", "passage-only", "--preset", "seal-tiny-cpu").request().settings().digest(),
                form.digest(), "untouched form = the preset");
        RunSettings changed = new RunSettings(form.preset(), form.loraRank(), form.loraAlpha(), form.loraDropout(), form.targets(),
                form.learningRate(), form.epochs(), form.batchSize(), form.schedule(), form.padding(), 1, "f1@0.5", null);
        assertEquals(List.of("repeats", "grader"), changed.differences());
        String cli = eval("--workspace", "w", "--condition", "passage-only", "--preset", "seal-tiny-cpu", "--grader", "f1@0.5",
                "--inner-repeats", "1").request().settings().digest();
        assertEquals(cli, changed.digest());
        assertNotEquals(form.digest(), changed.digest());
    }

    @Test
    void everyKnobChangedGivesTheDigestOfSealEvalOnTheSameSettingsFile() throws Exception {
        RunSettings r = RunSettings.of("reference");
        RunSettings changed = new RunSettings("reference", 4, 8, 0.1, List.of("q_proj", "k_proj"), 2e-4, 2, 2, "cosine", "masked", 2,
                "contains", null);
        assertEquals(RunSettings.KNOBS, changed.differences(), "each knob differs from the reference preset");
        Path file = tmp.resolve("settings.json");
        Files.writeString(file, changed.settings().toJson(), StandardCharsets.UTF_8);
        var cli = eval("--workspace", "w", "--condition", "passage-only", "--settings", file.toString()).request().settings();
        assertEquals(cli.digest(), changed.digest());
        assertEquals(4, cli.innerLoop().loraRank());
        assertEquals(0.1, cli.innerLoop().loraDropout());
        assertEquals("cosine", cli.innerLoop().lrSchedule());
        assertFalse(cli.innerLoop().lossOnPadding(), "masked padding");
        assertEquals(2048, cli.innerLoop().padToLength());
        assertNotEquals(org.sealworkbench.seal.Presets.reference().digest(), changed.digest());
        assertEquals(org.sealworkbench.seal.Presets.reference().digest(), r.digest(), "the untouched form is the preset");
    }
}
