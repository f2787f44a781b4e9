package org.sealworkbench.ui.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.MenuBar;
import javafx.scene.input.KeyCode;
import org.sealworkbench.ui.ShortcutsHelp;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.charts.ChartsData.LossPoint;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.sealworkbench.jobs.history.HistoryBackend;
import org.sealworkbench.jobs.history.JobItem;
import org.sealworkbench.jobs.history.RunDetail;
import org.sealworkbench.ui.LayoutChecks;
import org.sealworkbench.ui.Theme;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The History view on hand-made runs: a run that stored no training step (no adaptation answers without fine-tuning; a
 * run stopped before its first step) showed an empty "Training loss" chart with axes 0 to 1 in its detail, and says why
 * instead; the tab's keys are the ones Help > Keyboard shortcuts lists (Enter in the runs table compared the two chosen
 * runs, and the help did not say so).
 */
class HistoryDetailFxTest extends org.sealworkbench.ui.FxTestRobot {
    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    static RunDetail detail(long id, String condition, Long selfEdit, String status, List<LossPoint> loss) {
        return new RunDetail(id, condition, "tiny", 1L, "Owls", selfEdit, status, 0, "{}", "d", T, T.plusSeconds(1), loss,
                List.of(new RunDetail.Answer(5, 0, "q", "g", "a", Map.of("contains", false))));
    }

    @org.junit.jupiter.api.BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
    }

    /** The view over the model in a 1000x700 window, in the light theme. */
    private static HistoryView show(HistoryViewModel vm) throws Exception {
        HistoryView[] view = new HistoryView[1];
        FxToolkit.setupStage(s -> {
            Theme.LIGHT.apply();
            view[0] = new HistoryView(vm);
            s.setScene(new Scene(view[0], 1000, 700));
            s.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return view[0];
    }

    @Test
    void theDetailShowsTheNoteInPlaceOfAnEmptyChart() throws Exception {
        HistoryBackend backend = new HistoryBackend() {
            public List<RunRow> runs(CancelToken cancel) { return List.of(); }
            public RunDetail detail(long runId) {
                return runId == 1 ? HistoryDetailFxTest.detail(1, "no adaptation", null, "done", List.of())
                        : HistoryDetailFxTest.detail(2, "passage only", null, "done", List.of(new LossPoint(1, 2.0), new LossPoint(2, 1.0)));
            }
            public List<JobItem> jobs() { return List.of(); }
            public Object resume(long jobId, Progress progress, CancelToken cancel) { throw new AssertionError(); }
        };
        HistoryViewModel vm = new HistoryViewModel(backend, Runnable::run, Runnable::run, t -> { });
        HistoryView[] view = {show(vm)};
        interact(() -> vm.show(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(LayoutChecks.shown(view[0].lossNote), "the note is shown");
        assertTrue(view[0].lossNote.getText().contains("without fine-tuning"), view[0].lossNote.getText());
        assertFalse(view[0].loss.isVisible(), "no empty chart");
        LayoutChecks.assertInWindow(view[0].lossNote, "the note");

        interact(() -> vm.show(2));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(view[0].lossNote.isVisible(), "a run with steps draws its curve");
        assertTrue(view[0].loss.isVisible());
    }

    /**
     * An answer the new-token limit cut says so after its text ("token limit (32)", the whole sentence in its tooltip) in the
     * run's detail and in a comparison's Run A and Run B; one that ended as the model meant says nothing.
     */
    @Test
    void aCutAnswerSaysSoInTheDetailAndInTheComparison() throws Exception {
        org.sealworkbench.seal.Ending limit = org.sealworkbench.seal.Ending.tokenLimit(32);
        HistoryViewModelTest.Fake backend = new HistoryViewModelTest.Fake() {
            @Override
            public RunDetail detail(long runId) {
                // run 1 cut its first answer, run 2 its second
                return new RunDetail(runId, "passage only", "tiny", 1L, "Owls", null, "done", 7, "{}", "d", T, T.plusSeconds(2),
                        List.of(), List.of(
                        new RunDetail.Answer(5, 0, "q1", "g", "owls owls owls owls", runId == 1 ? limit
                                : org.sealworkbench.seal.Ending.NONE, Map.of("contains", false)),
                        new RunDetail.Answer(6, 1, "q2", "g", "night", runId == 2 ? limit
                                : org.sealworkbench.seal.Ending.NONE, Map.of("contains", true))));
            }
        };
        backend.runs.add(HistoryViewModelTest.row(1, "evaluation", "passage only", "contains", "done"));
        backend.runs.add(HistoryViewModelTest.row(2, "evaluation", "passage only", "contains", "done"));
        HistoryViewModel vm = new HistoryViewModel(backend, Runnable::run, Runnable::run, t -> { });
        HistoryView view = show(vm);
        interact(() -> vm.show(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("Answer: token limit (32)"), tags(view.answers));
        interact(vm::refresh);
        WaitForAsyncUtils.waitForFxEvents();
        interact(() -> {
            view.runsTable.getSelectionModel().selectIndices(0, 1);
            vm.compare();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(vm.comparisonProperty().get());
        // the comparison's answers table shows a row at a time in this window: run A's first answer, then run B's second
        interact(() -> view.pairs.scrollTo(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Run A: token limit (32)", tags(view.pairs).get(0));
        interact(() -> view.pairs.scrollTo(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Run B: token limit (32)", tags(view.pairs).get(tags(view.pairs).size() - 1));
    }

    /** The ending tags drawn in a table's cells ("column: tag"), each whole with the sentence in its tooltip, top to bottom. */
    private static List<String> tags(javafx.scene.control.TableView<?> table) throws Exception {
        return org.sealworkbench.ui.FxThread.call(() -> {
            List<javafx.scene.control.Label> shown = new java.util.ArrayList<>();
            for (javafx.scene.Node n : table.lookupAll(".ending-tag")) {
                javafx.scene.control.Label tag = (javafx.scene.control.Label) n;
                if (tag.getParent() != null && LayoutChecks.shown(tag)) shown.add(tag);
            }
            shown.sort(java.util.Comparator.comparingDouble(l -> LayoutChecks.inScene(l).getMinY()));
            for (javafx.scene.control.Label tag : shown) {
                LayoutChecks.assertWhole(tag);
                assertEquals("stopped: the new-token limit (32 tokens) is reached", tag.getTooltip().getText());
            }
            return shown.stream().map(l -> ((javafx.scene.control.TableCell<?, ?>) l.getParent()).getTableColumn().getText()
                    + ": " + l.getText()).toList();
        });
    }

    @Test
    void enterInTheRunsTableComparesAndTheHelpListsIt() throws Exception {
        HistoryViewModelTest.Fake backend = new HistoryViewModelTest.Fake();
        backend.runs.add(HistoryViewModelTest.row(1, "evaluation", "passage only", "contains", "done"));
        backend.runs.add(HistoryViewModelTest.row(2, "evaluation", "passage only", "contains", "done"));
        HistoryViewModel vm = new HistoryViewModel(backend, Runnable::run, Runnable::run, t -> { });
        HistoryView[] view = {show(vm)};
        interact(vm::refresh);
        WaitForAsyncUtils.waitForFxEvents();
        interact(() -> {
            view[0].runsTable.getSelectionModel().selectIndices(0, 1);
            view[0].runsTable.requestFocus();
        });
        type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(vm.comparisonProperty().get(), "Enter compared the two chosen runs");

        List<ShortcutsHelp.Section> help = ShortcutsHelp.of(new MenuBar());
        ShortcutsHelp.Section history = help.stream().filter(s -> s.title().startsWith("History")).findFirst().orElseThrow();
        List<String> keys = history.shortcuts().stream().map(ShortcutsHelp.Shortcut::keys).toList();
        assertTrue(keys.contains("Enter"), "History's keys in the help: " + keys);
        assertTrue(keys.contains(HistoryView.COMPARE.getDisplayText()) && keys.contains(HistoryView.RESUME.getDisplayText()), keys.toString());
    }
}
