package org.sealworkbench.ui.continual;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.jobs.workspace.ModelItem;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.ui.FxThread;
import org.sealworkbench.ui.JobRunner;

/**
 * The Continual self-edits form and job without a screen: the choices read from the workspace, each bad value named,
 * and Start running the sequence as a job whose matrices come back for the heatmap.
 */
class ContinualViewModelTest {
    @TempDir Path tmp;
    JobRunner runner;
    ContinualViewModel vm;
    final List<String> errors = new ArrayList<>();
    Path ws, ckpt;

    @BeforeEach
    void setUp() throws Exception {
        TestEngine.setUp();
        FxThread.start();
        ckpt = tmp.resolve("model");
        ws = tmp.resolve("ws");
        TestEngine.tinyLlama(ckpt);
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            for (String t : List.of("Zed", "Yul", "Kem")) {
                log.addPassage(new Passage(t, t + " is a place.", List.of(new Question("What is " + t + "?", "a place"))), "w.json");
            }
        }
        runner = new JobRunner();
        vm = FxThread.call(() -> new ContinualViewModel(runner, runner.reads(), (t, e) -> errors.add(t + ": " + e)));
    }

    @AfterEach
    void tearDown() {
        runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
    }

    /** On the demo the whole workspace starts with hand-written passages seal-tiny never learnt: every step scored 0. */
    @Test
    void aWorkspaceWithAValidationFileStartsFromItOnceAndThePersonsChoiceStays() throws Exception {
        Path demo = tmp.resolve("demo");
        try (ExperimentLog log = ExperimentLog.open(demo)) {
            log.addPassage(new Passage("Hand", "Hand is written.", List.of(new Question("What is Hand?", "written"))), "passages.json");
            for (String t : List.of("Zed", "Yul")) {
                log.addPassage(new Passage(t, t + " is a place.", List.of(new Question("What is " + t + "?", "a place"))),
                        "world-validation.json");
            }
            log.addPassage(new Passage("Kem", "Kem is a river.", List.of(new Question("What is Kem?", "a river"))), "world-rl-train.json");
        }
        FxThread.run(() -> vm.workspaceProperty().set(demo));
        FxThread.await("the demo read", () -> vm.files().contains("world-validation.json") && vm.availableProperty().get() == 2);
        assertEquals("world-validation.json", FxThread.call(() -> vm.fileProperty().get()));
        FxThread.run(() -> vm.fileProperty().set(ContinualViewModel.WHOLE_WORKSPACE));
        FxThread.await("counted", () -> vm.availableProperty().get() == 4);
        FxThread.run(vm::refresh);   // as after a sequence: read again, the person's choice stays
        Thread.sleep(300);
        FxThread.await("counted again", () -> vm.availableProperty().get() == 4);
        assertEquals(ContinualViewModel.WHOLE_WORKSPACE, FxThread.call(() -> vm.fileProperty().get()));
        assertEquals(List.of(), errors);
    }

    /**
     * A read that finds the same files and sources leaves the lists alone: the window's From box (a combo box over
     * {@code files()}) kept its value but showed it blank after the list was emptied and filled again, as it was when the
     * window's first read and its workspace's read both ran (seen at 1600x1000 and 1280x800 on a workspace with
     * world-validation.json: a blank From over "110 passages").
     */
    @Test
    void readingTheSameWorkspaceAgainLeavesTheChoicesListsAlone() throws Exception {
        FxThread.run(() -> vm.workspaceProperty().set(ws));
        FxThread.await("the workspace read", () -> vm.files().contains("w.json") && vm.availableProperty().get() == 3);
        List<String> changes = new ArrayList<>();
        FxThread.run(() -> {
            vm.files().addListener((javafx.collections.ListChangeListener<String>) c -> changes.add("files"));
            vm.sources().addListener((javafx.collections.ListChangeListener<String>) c -> changes.add("sources"));
            vm.fileProperty().set("w.json");
            vm.refresh();
        });
        FxThread.await("read again", () -> vm.availableProperty().get() == 3);
        Thread.sleep(300);
        FxThread.run(() -> {});   // the read's result applied
        FxThread.await("read again", () -> vm.availableProperty().get() == 3);
        assertEquals(List.of(), FxThread.call(() -> List.copyOf(changes)), "the same files and sources: no list replaced");
        assertEquals("w.json", FxThread.call(() -> vm.fileProperty().get()));
        assertEquals(List.of(ContinualViewModel.WHOLE_WORKSPACE, "w.json"), FxThread.call(() -> List.copyOf(vm.files())));
        assertEquals(List.of(), errors);
    }

    @Test
    void eachBadValueIsNamedAndStartWaitsForAValidForm() throws Exception {
        FxThread.run(() -> {
            assertFalse(vm.validProperty().get());
            assertEquals("open a workspace first", vm.errorProperty().get());
            vm.workspaceProperty().set(ws);
        });
        FxThread.await("the workspace read", () -> vm.availableProperty().get() == 3 && vm.files().contains("w.json"));
        FxThread.run(() -> {
            assertEquals("choose a model first (Self-edits > Models…, Ctrl+M)", vm.errorProperty().get());
            vm.modelProperty().set(new ModelItem(null, "tiny", ckpt, "llama", "tiny"));
            assertEquals("passages: 8 asked, 3 in the workspace", vm.errorProperty().get(), "SEAL's 8 by default, more than there are");
            vm.passagesProperty().set("x");
            assertEquals("passages: 'x' is not a whole number", vm.errorProperty().get());
            vm.passagesProperty().set("1");
            assertEquals("passages: a sequence needs at least 2 (SEAL: 8)", vm.errorProperty().get());
            vm.passagesProperty().set("2");
            vm.repeatsProperty().set("0");
            assertEquals("repeats: at least 1", vm.errorProperty().get());
            vm.repeatsProperty().set("1");
            vm.sourceProperty().set("self-edits:");
            assertTrue(vm.errorProperty().get().startsWith("unknown self-edit source"), vm.errorProperty().get());
            vm.sourceProperty().set("passage-only");
            assertEquals("", vm.errorProperty().get());
            assertTrue(vm.validProperty().get());
            assertEquals("contains", vm.graderProperty().get(), "seal-tiny-cpu's grader");
            vm.presetProperty().set("reference");
            assertEquals("contains", vm.graderProperty().get(), "the reference's LLM judge is not offered here: contains");
            assertEquals(List.of("base-self-edits", "passage-only"), vm.sources());
        });
        FxThread.run(() -> vm.fileProperty().set("w.json"));
        FxThread.await("that file's count", () -> vm.availableProperty().get() == 3);
        FxThread.run(() -> assertEquals("w.json", vm.request().split().validationSet()));
        assertEquals(List.of(), errors);
    }

    /** A passage longer than the model's context: the sequence is refused before any step, and the form says "Refused". */
    @Test
    void aSequenceWhosePassageIsLongerThanTheContextIsRefusedInWords() throws Exception {
        Path longWs = tmp.resolve("long");
        try (ExperimentLog log = ExperimentLog.open(longWs)) {
            log.addPassage(new Passage("Zed", "Zed is a place.", List.of(new Question("What is Zed?", "a place"))), "w.json");
            log.addPassage(new Passage("Velm", "The harbour of Velm keeps forty boats. ".repeat(15),
                    List.of(new Question("Boats?", "forty"))), "w.json");
        }
        FxThread.run(() -> {
            vm.workspaceProperty().set(longWs);
            vm.modelProperty().set(new ModelItem(null, "tiny", ckpt, "llama", "tiny"));
            vm.passagesProperty().set("2");
            vm.sourceProperty().set("passage-only");
            vm.presetProperty().set("seal-tiny-cpu");
            vm.graderProperty().set("exact_match");
        });
        FxThread.await("valid", () -> vm.validProperty().get());
        FxThread.run(vm::start);
        FxThread.await("refused", () -> !vm.runningProperty().get());
        String status = FxThread.call(() -> vm.statusProperty().get());
        assertTrue(status.startsWith("Refused: 1 of 2 passages are longer than ") && status.contains("512-token context as training"
                + " sequences (longest "), status);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("Continual self-edits refused: "), errors.toString());
        errors.clear();
        try (ExperimentLog log = ExperimentLog.open(longWs)) {
            assertEquals(List.of(), log.runs(), "no step trained, not even the first (its passage fits)");
        }
    }

    @Test
    void startRunsTheSequenceAsAJobAndItsMatricesComeBack() throws Exception {
        FxThread.run(() -> {
            vm.workspaceProperty().set(ws);
            vm.modelProperty().set(new ModelItem(null, "tiny", ckpt, "llama", "tiny"));
            vm.passagesProperty().set("3");
            vm.sourceProperty().set("passage-only");
            vm.presetProperty().set("seal-tiny-cpu");
            vm.graderProperty().set("exact_match");
        });
        FxThread.await("valid", () -> vm.validProperty().get());
        int[] finished = {0};
        FxThread.run(() -> {
            vm.onFinished(() -> finished[0]++);
            vm.start();
            assertTrue(vm.runningProperty().get());
            assertFalse(vm.validProperty().get(), "no second Start while one runs");
        });
        FxThread.await("the sequence finishes", () -> !vm.runningProperty().get());
        FxThread.run(() -> {
            assertEquals(List.of(), errors);
            var r = vm.resultProperty().get();
            assertNotNull(r, vm.statusProperty().get());
            assertEquals(3, r.passages().size());
            assertEquals(3, r.mean().length);
            assertTrue(vm.statusProperty().get().startsWith("Done in"), vm.statusProperty().get());
            assertTrue(vm.summaryProperty().get().contains("newest"), "the matrices as text");
            assertEquals(1.0, vm.progressProperty().get(), 1e-9);
            assertTrue(vm.validProperty().get(), "Start again once it has finished");
            assertEquals(1, finished[0], "told once it ended (the main window re-reads the library)");
        });
        // the matrices exported as `./seal continual --csv/--json` writes them
        Path csv = tmp.resolve("out/continual.csv"), json = tmp.resolve("out/continual.json");
        FxThread.run(() -> {
            vm.export(csv, false);
            vm.export(json, true);
        });
        FxThread.await("both files written", () -> vm.statusProperty().get().contains("continual.json"));
        assertTrue(java.nio.file.Files.readString(csv).startsWith("repeat,step,passage,passage_id,accuracy\n"));
        assertEquals(1 + 6 + 6, java.nio.file.Files.readAllLines(csv).size(), "a header, 6 cells of the repeat and 6 of the mean");
        assertTrue(java.nio.file.Files.readString(json).contains("\"retention\""));
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            List<RunRecord> runs = log.runs();
            assertEquals(3, runs.size(), "one run per step: " + runs);
            assertTrue(runs.stream().allMatch(r -> r.condition().startsWith("continual: step")), runs.toString());
        }
        FxThread.run(() -> assertEquals(List.of("the sequence"), vm.matrixChoices(), "one repeat: nothing to choose"));

        // a second repeat: the first is read back, and the heatmap can show the mean or either repeat
        FxThread.run(() -> {
            vm.shownMatrixProperty().set(0);
            vm.repeatsProperty().set("2");
            vm.start();
        });
        FxThread.await("the second repeat", () -> !vm.runningProperty().get());
        FxThread.run(() -> {
            assertEquals(List.of(), errors);
            assertEquals(2, vm.resultProperty().get().matrices().size());
            assertEquals(List.of("mean of 2 repeats", "repeat 1", "repeat 2"), vm.matrixChoices());
            assertEquals(-1, vm.shownMatrixProperty().get(), "a new result shows its mean first");
            assertTrue(vm.statusProperty().get().contains("3 steps trained, 3 found stored"), vm.statusProperty().get());
        });

        // Charts > Continual reads the same sequence back from the log alone: the matrices this window computed
        var result = FxThread.call(() -> vm.resultProperty().get());
        var charts = FxThread.call(() -> new org.sealworkbench.ui.charts.ChartsViewModel(
                new org.sealworkbench.jobs.charts.ChartsService(ws), runner));
        FxThread.run(charts::refresh);
        FxThread.await("the charts read the workspace", () -> charts.shownContinual() != null);
        FxThread.run(() -> {
            assertEquals(1, charts.continualLabels().size(), charts.continualLabels().toString());
            var seq = charts.shownContinual().result();
            assertEquals(result.passages(), seq.passages());
            assertArrayEquals(result.mean(), seq.mean());
            assertArrayEquals(result.matrices().get(1), seq.matrices().get(1));
            String label = charts.continualLabels().get(0);
            assertTrue(label.startsWith("passage-only on ") && label.contains(", 3 passages, 2 repeats, exact_match ["), label);
            assertEquals(List.of("mean of 2 repeats", "repeat 1", "repeat 2"), charts.continualMatrixChoices());
            assertNull(charts.emptyText(org.sealworkbench.ui.charts.ChartsViewModel.Chart.CONTINUAL));
            assertTrue(charts.emptyText(org.sealworkbench.ui.charts.ChartsViewModel.Chart.CONDITIONS).startsWith(
                    "No rows of SEAL's table yet (the continual sequences stored are drawn in the Continual tab)"),
                    "continual steps are not rows of SEAL's table, and the empty state says where they are");
            assertEquals(result.csv(), charts.csv(org.sealworkbench.ui.charts.ChartsViewModel.Chart.CONTINUAL));
            assertTrue(charts.continualSummary().startsWith("After the last step (3): newest passage "), charts.continualSummary());
            // the heatmap shows the chosen matrix: its cells are that matrix's values, in %
            charts.continualMatrixProperty().set(1);
            var z = (org.jfree.data.xy.XYZDataset) ((org.jfree.chart.plot.XYPlot) charts.chart(
                    org.sealworkbench.ui.charts.ChartsViewModel.Chart.CONTINUAL).getPlot()).getDataset();
            double[][] second = result.matrices().get(1);
            assertEquals(6, z.getItemCount(0), "the cells on and left of the diagonal");
            for (int i = 0; i < z.getItemCount(0); i++) {
                int j = (int) z.getXValue(0, i) - 1, st = (int) z.getYValue(0, i) - 1;
                assertEquals(100 * second[st][j], z.getZValue(0, i), 1e-9, "step " + (st + 1) + ", passage " + (j + 1));
            }
            charts.export(org.sealworkbench.ui.charts.ChartsViewModel.Chart.CONTINUAL, tmp.resolve("fig/continual.png"), 700, 500);
        });
        FxThread.await("the heatmap exported", () -> charts.statusProperty().get().startsWith("Exported"));
        assertTrue(java.nio.file.Files.size(tmp.resolve("fig/continual.png")) > 1000);
        assertTrue(java.nio.file.Files.readString(tmp.resolve("fig/continual.svg")).contains("<svg"));
        assertEquals(result.csv(), java.nio.file.Files.readString(tmp.resolve("fig/continual.csv")));
    }
}
