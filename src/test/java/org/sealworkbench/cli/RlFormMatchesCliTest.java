package org.sealworkbench.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.RlRequest;
import org.sealworkbench.jobs.workspace.ModelItem;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.SettingsOverrides;
import org.sealworkbench.ui.rl.RlFormViewModel;
import picocli.CommandLine;

/** The window's RL form builds the very request `./seal rl` parses from the same values. */
class RlFormMatchesCliTest {
    @TempDir Path tmp;

    private static RlRequest cli(List<String> args) {
        RlCommand command = new RlCommand();
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        return command.request();
    }

    private RlFormViewModel form() {
        RlFormViewModel f = new RlFormViewModel();
        f.workspaceProperty().set(tmp.resolve("ws"));
        f.modelProperty().set(new ModelItem(null, "m", tmp.resolve("model"), "qwen2", "m"));
        return f;
    }

    @Test
    void defaultsEqualTheCommandsDefaults() {
        RlFormViewModel f = form();
        RlRequest hand = cli(List.of("--workspace", tmp.resolve("ws").toString(), "--model", tmp.resolve("model").toString()));
        assertEquals(hand, f.request());
        assertEquals(Presets.reference(), f.request().settings(), "no option: the reference preset as it is");
        assertEquals(200, f.request().split().validation());
        assertEquals(hand, cli(f.args()));
    }

    @Test
    void everyKnobTurnedEqualsTheFlags() {
        RlFormViewModel f = form();
        f.presetProperty().set("seal-tiny-cpu");
        f.roundsProperty().set("3");
        f.passagesPerRoundProperty().set(" 7 ");
        f.kProperty().set("4");
        f.repeatsProperty().set("2");
        f.innerRepeatsProperty().set("1");
        f.graderProperty().set("contains");
        f.judgeProperty().set(tmp.resolve("judge").toString());
        f.validationProperty().set("12");
        f.rlSetProperty().set("train.json");
        f.adapterBatchProperty().set("3");
        RlRequest hand = cli(List.of("--workspace", tmp.resolve("ws").toString(), "--model", tmp.resolve("model").toString(),
                "--preset", "seal-tiny-cpu", "--rounds", "3", "--passages-per-round", "7", "--k", "4", "--repeats", "2",
                "--inner-repeats", "1", "--grader", "contains", "--judge", tmp.resolve("judge").toString(), "--validation", "12",
                "--rl-set", "train.json", "--adapter-batch", "3"));
        RlRequest fromForm = f.request();
        assertEquals(hand, fromForm);
        assertEquals(3, fromForm.settings().rl().rounds());
        assertEquals(7, fromForm.settings().rl().passagesPerRound());
        assertEquals(4, fromForm.settings().rl().k());
        assertEquals(2, fromForm.settings().rl().repeats());
        assertEquals("contains", fromForm.settings().eval().grader());
        assertEquals("train.json", fromForm.split().rlSet());
        assertEquals(3, fromForm.adapterBatch());
        assertEquals(hand, cli(f.args()), "the form's command line parses back to the same request");
        assertTrue(f.commandLineProperty().get().startsWith("./seal rl --workspace "), f.commandLineProperty().get());
    }

    @Test
    void validationByFileAndSettingsFileEqualTheFlags() throws Exception {
        Path settings = tmp.resolve("s.json");
        Files.writeString(settings, new SettingsOverrides().rounds(2).apply(Presets.sealTinyCpu()).toJson());
        RlFormViewModel f = form();
        f.validationByProperty().set(RlFormViewModel.ValidationBy.SET);
        assertEquals("choose the file whose passages are the validation set", f.errorProperty().get());
        f.validationSetProperty().set("validation-passages.json");
        f.validationProperty().set("12"); // not used by file (the field is disabled), as the CLI leaves --validation at 200
        f.settingsFileProperty().set(settings.toString());
        f.kProperty().set("3");
        assertEquals("", f.errorProperty().get());
        RlRequest hand = cli(List.of("--workspace", tmp.resolve("ws").toString(), "--model", tmp.resolve("model").toString(),
                "--settings", settings.toString(), "--k", "3", "--validation-set", "validation-passages.json"));
        assertEquals(hand, f.request());
        assertEquals(2, f.request().settings().rl().rounds(), "from the file");
        assertEquals("validation-passages.json", f.request().split().validationSet());
        assertEquals(hand, cli(f.args()));
        assertFalse(f.args().contains("--validation"), f.args().toString());
    }

    @Test
    void theBundledSealTinysPresetEqualsTheFlag() {
        RlFormViewModel f = form();
        f.modelProperty().set(new ModelItem(null, "seal-tiny (bundled)", tmp.resolve("seal-tiny"), "llama", "seal-tiny (bundled)"));
        RlRequest hand = cli(List.of("--workspace", tmp.resolve("ws").toString(), "--model", tmp.resolve("seal-tiny").toString(),
                "--preset", "seal-tiny-cpu"));
        assertEquals(hand, f.request());
        assertEquals(hand, cli(f.args()));
    }

    @Test
    void badValuesAreMessagesNamingTheFieldOrFile() {
        RlFormViewModel f = form();
        f.kProperty().set("five");
        assertEquals("k must be a whole number, got 'five'", f.errorProperty().get());
        f.kProperty().set("");
        f.presetProperty().set("huge");
        assertTrue(f.errorProperty().get().startsWith("unknown preset 'huge'"), f.errorProperty().get());
        f.presetProperty().set("reference");
        f.settingsFileProperty().set(tmp.resolve("missing.json").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, f::request);
        assertEquals(tmp.resolve("missing.json") + ": file not found", e.getMessage());
        f.modelProperty().set(null);
        assertEquals("choose the starting model", f.errorProperty().get());
    }
}
