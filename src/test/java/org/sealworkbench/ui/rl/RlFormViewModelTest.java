package org.sealworkbench.ui.rl;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.RlRequest;
import org.sealworkbench.jobs.workspace.ModelItem;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.StoredRuns;

/** The RL form's adapter batch and its preset that follows the model until the person picks one; no screen needed. */
class RlFormViewModelTest {
    private static final ModelItem BUNDLED = new ModelItem(null, "seal-tiny (bundled)", Path.of("/opt/sw/assets/models/seal-tiny"),
            "llama", "seal-tiny (bundled)");
    private static final ModelItem ROUND = new ModelItem(7L, "round-1", Path.of("/ws/models/round-1"), "llama", "seal-tiny -> round-1");
    private static final ModelItem QWEN = new ModelItem(null, "Qwen2.5-7B", Path.of("/models/Qwen2.5-7B"), "qwen2", "Qwen2.5-7B (folder)");

    private static RlFormViewModel form(ModelItem model) {
        RlFormViewModel f = new RlFormViewModel();
        f.workspaceProperty().set(Path.of("ws"));
        f.modelProperty().set(model);
        return f;
    }

    @Test
    void adapterBatchReachesTheRequestAndTheCommandLine() {
        RlFormViewModel f = form(QWEN);
        assertEquals(StoredRuns.DEFAULT_ADAPTER_BATCH, f.request().adapterBatch(), "empty: the default");
        assertFalse(f.args().contains("--adapter-batch"), "no flag while empty: " + f.args());
        f.adapterBatchProperty().set(" 1 ");
        assertEquals("", f.errorProperty().get());
        RlRequest r = f.request();
        assertEquals(1, r.adapterBatch());
        String cli = f.commandLineProperty().get();
        assertTrue(cli.endsWith(" --adapter-batch 1"), cli);
        f.adapterBatchProperty().set("4");
        assertEquals(4, f.request().adapterBatch());
        assertTrue(f.commandLineProperty().get().contains("--adapter-batch 4"), f.commandLineProperty().get());
        assertEquals(r.settings(), f.request().settings(), "an execution setting: the settings (and their digest) are the same");
    }

    @Test
    void workersReachTheRequestAndTheCommandLine() {
        RlFormViewModel f = form(QWEN);
        assertEquals(0, f.request().workers(), "empty: automatic");
        assertFalse(f.args().contains("--workers"), "no flag while empty: " + f.args());
        f.workersProperty().set(" 3 ");
        assertEquals("", f.errorProperty().get());
        assertEquals(3, f.request().workers());
        assertTrue(f.commandLineProperty().get().endsWith(" --workers 3"), f.commandLineProperty().get());
        f.workersProperty().set("0");
        assertEquals("workers must be at least 1 (empty: automatic), got 0", f.errorProperty().get());
        f.workersProperty().set("two");
        assertTrue(f.errorProperty().get().startsWith("workers"), f.errorProperty().get());
    }

    @Test
    void aBadAdapterBatchIsAMessageAndNoRequest() {
        RlFormViewModel f = form(QWEN);
        f.adapterBatchProperty().set("many");
        assertEquals("adapter batch must be a whole number, got 'many'", f.errorProperty().get());
        assertThrows(IllegalArgumentException.class, f::request);
        f.adapterBatchProperty().set("0");
        assertEquals("adapter batch must be at least 1 (1: one inner loop at a time), got 0", f.errorProperty().get());
        f.adapterBatchProperty().set("-3");
        assertTrue(f.errorProperty().get().startsWith("adapter batch must be at least 1"), f.errorProperty().get());
        f.adapterBatchProperty().set("");
        assertEquals("", f.errorProperty().get());
    }

    @Test
    void theBundledSealTinyGetsTheSealTinyCpuPresetAndAnotherModelTheReference() {
        RlFormViewModel f = new RlFormViewModel();
        assertEquals(Presets.REFERENCE, f.presetProperty().get(), "no model yet");
        f.modelProperty().set(BUNDLED);
        assertEquals(Presets.SEAL_TINY_CPU, f.presetProperty().get());
        f.workspaceProperty().set(Path.of("ws"));
        assertEquals(Presets.sealTinyCpu(), f.request().settings());
        assertTrue(f.commandLineProperty().get().contains("--preset seal-tiny-cpu"), f.commandLineProperty().get());
        f.modelProperty().set(QWEN);
        assertEquals(Presets.REFERENCE, f.presetProperty().get(), "a model of another size: SEAL's recipe again");
        f.modelProperty().set(ROUND);
        assertEquals(Presets.SEAL_TINY_CPU, f.presetProperty().get(), "an RL round trained from seal-tiny is seal-tiny-sized");
    }

    @Test
    void aPresetThePersonPickedStaysWhenTheModelChanges() {
        RlFormViewModel f = form(BUNDLED);
        assertEquals(Presets.SEAL_TINY_CPU, f.presetProperty().get());
        f.presetProperty().set(Presets.REFERENCE); // the person's choice, even for seal-tiny
        f.modelProperty().set(QWEN);
        f.modelProperty().set(BUNDLED);
        assertEquals(Presets.REFERENCE, f.presetProperty().get());

        RlFormViewModel g = form(QWEN);
        g.presetProperty().set(Presets.SEAL_TINY_CPU);
        g.modelProperty().set(ROUND);
        g.modelProperty().set(QWEN);
        assertEquals(Presets.SEAL_TINY_CPU, g.presetProperty().get());
    }

    @Test
    void sealTinyIsTheBundledFolderOrALineageFromIt() {
        assertTrue(RlFormViewModel.isSealTiny(BUNDLED));
        assertTrue(RlFormViewModel.isSealTiny(ROUND));
        assertTrue(RlFormViewModel.isSealTiny(new ModelItem(null, "x", Path.of("/a/seal-tiny"), "llama", "x (folder)")));
        assertFalse(RlFormViewModel.isSealTiny(QWEN));
        assertFalse(RlFormViewModel.isSealTiny(new ModelItem(3L, "r", Path.of("/ws/r"), "qwen2", "Qwen2.5-7B -> seal-tiny-ish")));
        assertFalse(RlFormViewModel.isSealTiny(null));
    }

    /** The demo's 182 passages under the default split (the first 200) left RL none: the run stopped at once. */
    @Test
    void theDemosValidationAndRlFilesReplaceTheDefaultSplitOncePerWorkspace() {
        RlFormViewModel f = form(BUNDLED);
        f.passageSets().setAll("passages.json", "world-rl-train.json", "world-validation.json");
        assertEquals(java.util.Optional.of("validation set world-validation.json, RL set world-rl-train.json"), f.suggestSplit());
        assertEquals(RlFormViewModel.ValidationBy.SET, f.validationByProperty().get());
        assertEquals("world-validation.json", f.validationSetProperty().get());
        assertEquals("world-rl-train.json", f.rlSetProperty().get());
        String cli = f.commandLineProperty().get();
        assertTrue(cli.contains("--validation-set world-validation.json --rl-set world-rl-train.json"), cli);
        assertFalse(cli.contains("--validation 200"), cli);
        assertEquals("", f.errorProperty().get());

        // the person's own choice stands: no second suggestion for the same workspace (the sets are re-read after each run)
        f.validationByProperty().set(RlFormViewModel.ValidationBy.COUNT);
        f.validationSetProperty().set("");
        f.rlSetProperty().set("");
        assertEquals(java.util.Optional.empty(), f.suggestSplit());
        assertEquals(RlFormViewModel.ValidationBy.COUNT, f.validationByProperty().get());
        assertEquals("", f.rlSetProperty().get());
    }

    @Test
    void aSplitThePersonSetOrFilesWithoutAValidationOneAreLeftAlone() {
        RlFormViewModel typed = form(BUNDLED);
        typed.validationProperty().set("20");
        typed.passageSets().setAll("validation-passages.json", "rl-train-passages.json");
        assertEquals(java.util.Optional.empty(), typed.suggestSplit());
        assertEquals(RlFormViewModel.ValidationBy.COUNT, typed.validationByProperty().get());
        assertEquals("", typed.validationSetProperty().get());

        RlFormViewModel plain = form(BUNDLED);
        plain.passageSets().setAll("train.json", "url-list.json", "interval.json");   // "rl" and "val" only inside words
        assertEquals(java.util.Optional.empty(), plain.suggestSplit());
        assertEquals(RlFormViewModel.ValidationBy.COUNT, plain.validationByProperty().get());

        RlFormViewModel two = form(BUNDLED);
        two.passageSets().setAll("squad_val.json", "nq-validation.json");   // which one? the person says
        assertEquals(java.util.Optional.empty(), two.suggestSplit());

        RlFormViewModel noRl = form(BUNDLED);
        noRl.passageSets().setAll("squad_val.json", "squad_train.json");
        assertEquals(java.util.Optional.of("validation set squad_val.json"), noRl.suggestSplit());
        assertEquals("", noRl.rlSetProperty().get(), "RL: the passages outside the validation set");
    }
}
