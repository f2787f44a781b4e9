package org.sealworkbench.ui.runs;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealworkbench.seal.CptSettings;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.SettingsOverrides;

/** The fine-tune form without a screen: preset values, what differs from the preset, the digest, bad input named. */
class RunFormViewModelTest {
    @Test
    void anUntouchedFormIsThePresetWithItsDigest() {
        RunFormViewModel f = new RunFormViewModel();
        f.columns().setAll("1: Passage only");
        f.columnsChanged();
        assertEquals("seal-tiny-cpu", f.presetProperty().get());
        assertEquals("", f.errorProperty().get());
        assertTrue(f.validProperty().get());
        assertEquals(List.of(), f.differencesProperty());
        assertEquals(Presets.sealTinyCpu().digest(), f.digestProperty().get());
        assertEquals("8", f.rankProperty().get());
        assertEquals("0.005", f.lrProperty().get());
        assertEquals("contains", f.graderProperty().get());
        assertEquals("none", f.paddingProperty().get());
        assertTrue(f.targets().values().stream().allMatch(p -> p.get()), "seal-tiny-cpu wraps all projections");
    }

    @Test
    void changedKnobsAreListedAndTheDigestIsTheOverriddenSettings() {
        RunFormViewModel f = new RunFormViewModel();
        f.columns().setAll("1: Passage only");
        f.columnsChanged();
        f.lrProperty().set("0.001");
        f.epochsProperty().set("2");
        f.targets().get("gate_proj").set(false);
        assertEquals(List.of("targets", "lr", "epochs"), f.differencesProperty());
        String expected = new SettingsOverrides().learningRate(1e-3).epochs(2)
                .targetModules(List.of("q_proj", "k_proj", "v_proj", "o_proj", "up_proj", "down_proj")).apply(Presets.sealTinyCpu()).digest();
        assertEquals(expected, f.digestProperty().get());
        assertNotEquals(Presets.sealTinyCpu().digest(), f.digestProperty().get());

        f.graderProperty().set("f1");
        f.f1ThresholdProperty().set("0.3");
        assertEquals("f1@0.3", f.settings().orElseThrow().grader());
        assertTrue(f.differencesProperty().contains("grader"));

        // Back to the preset: nothing differs, the preset's digest again.
        f.resetToPreset();
        assertEquals(List.of(), f.differencesProperty());
        assertEquals(Presets.sealTinyCpu().digest(), f.digestProperty().get());
        assertEquals("5", f.epochsProperty().get());
    }

    @Test
    void aCptConditionHasItsOwnKnobsAndIsStoredUnderItsOwnDigest() {
        RunFormViewModel f = new RunFormViewModel();
        f.scopeProperty().set(RunFormViewModel.Scope.PASSAGES);
        f.conditionProperty().set("passage-only");
        assertTrue(f.validProperty().get(), f.errorProperty().get());
        assertFalse(f.cptProperty().get());
        assertTrue(f.cptSettings().isEmpty());
        String single = f.digestProperty().get();
        assertEquals(Presets.sealTinyCpu().digest(), single);

        f.conditionProperty().set("cpt:passage-only");
        assertTrue(f.cptProperty().get(), "the CPT knobs show");
        assertFalse(f.validProperty().get(), "one passage is no multi-passage run");
        assertTrue(f.errorProperty().get().contains("several passages"), f.errorProperty().get());
        f.passagesProperty().set(RunFormViewModel.Passages.VISIBLE);
        f.visiblePassagesProperty().set(1);
        f.allPassagesProperty().set(300);
        assertFalse(f.validProperty().get());
        assertEquals("a CPT condition trains one adapter over several passages; the library shows 1", f.errorProperty().get());
        f.visiblePassagesProperty().set(12);
        assertTrue(f.validProperty().get(), f.errorProperty().get());
        CptSettings preset = Presets.cpt("seal-tiny-cpu").withPassages(12);   // the passages trained together are stored
        assertEquals(preset, f.cptSettings().orElseThrow(), "the preset's CPT values to start with");
        assertEquals(12, f.cptPassagesProperty().get());
        assertEquals(Integer.toString(preset.epochs()), f.cptEpochsProperty().get());
        assertEquals(preset.digest(Presets.sealTinyCpu()), f.digestProperty().get(), "seal eval --condition cpt:...'s digest");
        assertNotEquals(single, f.digestProperty().get());
        assertEquals(List.of(), f.differencesProperty());

        f.cptLrProperty().set("0.002");
        f.rankProperty().set("4");   // the LoRA's shape is the form's, for CPT too
        assertEquals(List.of("rank", "cpt_lr"), f.differencesProperty());
        CptSettings typed = new CptSettings(preset.passages(), preset.epochs(), 2e-3, preset.batchSize(), preset.gradAccum(),
                preset.repeats(), preset.bootstrapSamples(), preset.bootstrapSeed());
        assertEquals(typed, f.cptSettings().orElseThrow());
        assertEquals(typed.digest(new SettingsOverrides().loraRank(4).apply(Presets.sealTinyCpu())), f.digestProperty().get());
        assertEquals(number(preset.learningRate()), f.presetValue("cpt_lr"));

        f.cptEpochsProperty().set("x");
        assertFalse(f.validProperty().get());
        assertEquals("CPT epochs: 'x' is not a whole number", f.errorProperty().get());
        assertTrue(f.cptSettings().isEmpty());
        f.cptEpochsProperty().set("0");
        assertFalse(f.validProperty().get());
        assertTrue(f.errorProperty().get().contains("at least 1"), f.errorProperty().get());

        f.resetToPreset();
        assertEquals(preset, f.cptSettings().orElseThrow());
        f.passagesProperty().set(RunFormViewModel.Passages.ALL);
        assertEquals(Presets.cpt("seal-tiny-cpu").passages(), f.cptSettings().orElseThrow().passages(),
                "at most the preset's count (200): the first 200 of 300");
        f.conditionProperty().set("cpt:no-adaptation");
        assertFalse(f.validProperty().get(), "no adaptation trains nothing: no CPT form of it");
        assertTrue(f.errorProperty().get().contains("unknown condition"), f.errorProperty().get());
        f.conditionProperty().set("no-adaptation");
        assertFalse(f.cptProperty().get());
        assertEquals(single, f.digestProperty().get());
    }

    private static String number(double v) {
        return Double.toString(v).toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void anotherPresetFillsItsValues() {
        RunFormViewModel f = new RunFormViewModel();
        f.columns().setAll("1: Passage only");
        f.presetProperty().set("reference");
        assertEquals("32", f.rankProperty().get());
        assertEquals("in_loss", f.paddingProperty().get());
        assertEquals("llm_judge", f.graderProperty().get());
        assertEquals(Presets.reference().digest(), f.digestProperty().get(), "the digest is shown even before a judge is chosen");
        assertFalse(f.validProperty().get(), "but the judge grader needs its model");
        assertTrue(f.errorProperty().get().contains("judge"), f.errorProperty().get());
        f.judgeProperty().set(Path.of("/models/judge"));
        assertTrue(f.validProperty().get(), f.errorProperty().get());
        assertEquals(List.of(), f.differencesProperty());
    }

    @Test
    void badInputIsNamedAndNothingIsQueued() {
        RunFormViewModel f = new RunFormViewModel();
        f.columns().setAll("1: Passage only");
        f.columnsChanged();
        f.lrProperty().set("fast");
        assertFalse(f.validProperty().get());
        assertEquals("learning rate: 'fast' is not a number", f.errorProperty().get());
        assertTrue(f.settings().isEmpty());
        f.lrProperty().set("0.002");
        f.rankProperty().set("0");
        assertTrue(f.errorProperty().get().contains("rank"), f.errorProperty().get());
        f.rankProperty().set("4");
        f.targets().values().forEach(p -> p.set(false));
        assertTrue(f.errorProperty().get().contains("target"), f.errorProperty().get());
        f.targets().get("q_proj").set(true);
        f.paddingProperty().set("masked");
        assertTrue(f.validProperty().get(), f.errorProperty().get());
        assertTrue(f.settings().orElseThrow().settings().innerLoop().padToLength() > 0);
        f.scopeProperty().set(RunFormViewModel.Scope.PASSAGES);
        f.conditionProperty().set("");
        assertEquals("choose a condition", f.errorProperty().get());
    }

    @Test
    void workersAreAWholeNumberOfAtLeastOneOrEmptyForAutomaticAndNotAKnob() {
        RunFormViewModel f = new RunFormViewModel();
        f.columns().setAll("1: Passage only");
        f.columnsChanged();
        assertEquals(0, f.workers(), "empty: automatic");
        String digest = f.digestProperty().get();
        f.workersProperty().set(" 3 ");
        assertTrue(f.validProperty().get(), f.errorProperty().get());
        assertEquals(3, f.workers());
        assertEquals(digest, f.digestProperty().get(), "an execution setting: the runs' digest is the same");
        f.workersProperty().set("0");
        assertFalse(f.validProperty().get());
        assertEquals("workers: 0 is less than 1 (empty: automatic)", f.errorProperty().get());
        f.workersProperty().set("");
        assertTrue(f.validProperty().get());
        assertEquals(0, f.workers());
    }

    @Test
    void theAdapterBatchIsAWholeNumberOfAtLeastOneOrEmptyForTheDefaultAndNotAKnob() {
        RunFormViewModel f = new RunFormViewModel();
        f.columns().setAll("1: Passage only");
        f.columnsChanged();
        assertEquals("", f.adapterBatchProperty().get());
        assertEquals(0, f.adapterBatch(), "empty: the request's default");
        String digest = f.digestProperty().get();
        f.adapterBatchProperty().set(" 1 ");
        assertTrue(f.validProperty().get(), f.errorProperty().get());
        assertEquals(1, f.adapterBatch());
        assertEquals(digest, f.digestProperty().get(), "an execution setting: the runs' digest is the same");
        assertEquals(List.of(), f.differencesProperty(), "not one of the preset's knobs");
        f.adapterBatchProperty().set("4");
        assertEquals(4, f.adapterBatch());

        f.adapterBatchProperty().set("lots");
        assertFalse(f.validProperty().get());
        assertEquals("adapter batch: 'lots' is not a whole number", f.errorProperty().get());
        f.adapterBatchProperty().set("0");
        assertFalse(f.validProperty().get());
        assertEquals("adapter batch: 0 is less than 1 (1: one inner loop at a time)", f.errorProperty().get());

        f.adapterBatchProperty().set("2");
        f.resetToPreset();
        assertEquals("2", f.adapterBatchProperty().get(), "Reset to preset leaves it: the preset has no adapter batch");
        assertTrue(f.validProperty().get());
        f.adapterBatchProperty().set("");
        assertEquals(0, f.adapterBatch());
    }
}
