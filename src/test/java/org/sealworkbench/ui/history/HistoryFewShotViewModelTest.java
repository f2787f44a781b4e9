package org.sealworkbench.ui.history;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.arc.Grid;
import org.sealworkbench.jobs.charts.ChartsData.RunId;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.sealworkbench.jobs.history.ArcComparison;
import org.sealworkbench.jobs.history.ArcRunDetail;
import org.sealworkbench.jobs.history.FewShotFixture;
import org.sealworkbench.jobs.history.HistoryService;
import org.sealworkbench.jobs.history.RunComparison;
import org.sealworkbench.seal.arc.ArcTable;
import org.sealworkbench.store.ExperimentLog;

/**
 * The History view model on a real workspace ({@link HistoryService}) holding few-shot runs stored through the store's
 * API beside an inner-loop run: the kind and text filters, a few-shot run's detail, and what Compare does with them.
 */
class HistoryFewShotViewModelTest {
    @TempDir Path tmp;

    private static HistoryViewModel model(Path ws) {
        HistoryViewModel vm = new HistoryViewModel(new HistoryService(ws), Runnable::run, Runnable::run, t -> {});
        vm.refresh();
        return vm;
    }

    private static RunRow fewShot(HistoryViewModel vm, long id) {
        return vm.allRuns().stream().filter(r -> r.fewShot() && r.runId() == id).findFirst().orElseThrow();
    }

    @Test
    void fewShotRunsAreListedWithAKindOfTheirOwnAndFilteredByText() {
        FewShotFixture f = FewShotFixture.build(tmp.resolve("ws"));
        HistoryViewModel vm = model(f.workspace());
        assertEquals(7, vm.allRuns().size(), "one inner-loop run (one grader) and six few-shot runs");
        assertEquals(List.of(HistoryViewModel.ALL_KINDS, "evaluation", RunRow.FEW_SHOT), vm.kinds());

        vm.kindProperty().set(RunRow.FEW_SHOT);
        assertEquals(List.of(f.solvedB(), f.wrongC(), f.baseline(), f.multi0(), f.multi1(), f.sampled()),
                vm.runs().stream().map(RunRow::runId).toList());
        RunRow solved = fewShot(vm, f.solvedB());
        assertEquals("66e6c45b", solved.passage(), "the task where an inner-loop run shows its passage");
        assertEquals("config: aug b · output tokens · lr 0.003 · 8 ep", solved.condition());
        assertEquals(org.sealworkbench.jobs.charts.ChartsService.PASS_AT_2, solved.grader());
        assertEquals("1/1 solved", org.sealworkbench.ui.charts.ChartFactory.score(solved));
        assertEquals("0/1 solved", org.sealworkbench.ui.charts.ChartFactory.score(fewShot(vm, f.wrongC())));
        assertEquals(13.0, solved.durationSeconds(), 1e-9, "training plus prediction");
        assertEquals(3, solved.lossSteps());
        assertEquals("done", solved.status());
        assertEquals(ArcTable.BASELINE, fewShot(vm, f.baseline()).condition());
        assertEquals("self-edit of seal-tiny: aug none · all tokens · lr 0.001 · 2 ep", fewShot(vm, f.sampled()).condition());
        try (ExperimentLog log = ExperimentLog.open(f.workspace())) {
            var rec = log.arcRun(f.solvedB()).orElseThrow();
            assertEquals(rec.created().minusMillis(13_000), solved.started(), "stored as it ended, 13 s after it started");
        }

        vm.kindProperty().set("evaluation");
        assertEquals(List.of(f.innerRun()), vm.runs().stream().map(RunRow::runId).toList());
        assertFalse(vm.runs().get(0).fewShot());

        vm.kindProperty().set(HistoryViewModel.ALL_KINDS);
        vm.searchProperty().set("b1fc8b8e");
        assertEquals(Set.of(f.multi0(), f.multi1(), f.sampled()), Set.copyOf(vm.runs().stream().map(RunRow::runId).toList()));
        vm.searchProperty().set("lr 0.003");
        assertEquals(List.of(f.solvedB(), f.multi0(), f.multi1()), vm.runs().stream().map(RunRow::runId).toList());
        vm.searchProperty().set("few-shot");
        assertEquals(6, vm.runs().size());
        vm.searchProperty().set("owls");
        assertEquals(List.of(f.innerRun()), vm.runs().stream().map(RunRow::runId).toList());
    }

    /**
     * Inner-loop run 1 and few-shot run 1 (numbered apart in their tables) get ids of their own, "1" and "A1": in the
     * rows, the chosen runs, the detail and the comparison's status; "run A1" or "#a1" in the filter is that one run,
     * and the ids sort the inner-loop runs first, each kind by number.
     */
    @Test
    void everyRunHasAnIdOfItsOwnThatTheFilterFindsExactly() {
        FewShotFixture f = FewShotFixture.build(tmp.resolve("ws"));
        assertEquals(1, f.innerRun());
        assertEquals(1, f.solvedB(), "the same number in the other table");
        HistoryViewModel vm = model(f.workspace());
        assertEquals(List.of("1", "A1", "A2", "A3", "A4", "A5", "A6"), vm.allRuns().stream().map(r -> r.id().toString()).toList());
        RunRow inner = vm.allRuns().get(0), arc = fewShot(vm, f.solvedB());
        assertNotEquals(inner.id(), arc.id());
        vm.chosen().setAll(inner, arc);
        assertEquals(List.of(RunId.innerLoop(1), RunId.fewShot(1)), vm.chosenRunIds());

        vm.searchProperty().set("run A1");
        assertEquals(List.of(arc), List.copyOf(vm.runs()), "the few-shot run alone");
        vm.searchProperty().set("RUN 1");
        assertEquals(List.of(inner), List.copyOf(vm.runs()), "the inner-loop run alone, not A1 beside it");
        vm.searchProperty().set("#a2");
        assertEquals(List.of(f.wrongC()), vm.runs().stream().map(RunRow::runId).toList());
        vm.searchProperty().set("run A9");
        assertEquals(List.of(), List.copyOf(vm.runs()));
        vm.searchProperty().set("a1");   // not an id form: searched for in every row's text ("run a1" among them)
        assertTrue(vm.runs().contains(arc), vm.runs().toString());
        vm.searchProperty().set("");
        assertEquals(7, vm.runs().size());

        List<RunId> mixed = new java.util.ArrayList<>(List.of(RunId.fewShot(10), RunId.innerLoop(12), RunId.fewShot(2),
                RunId.innerLoop(3)));
        java.util.Collections.sort(mixed);
        assertEquals("[3, 12, A2, A10]", mixed.toString(), "inner-loop runs first, each kind by number (not as text)");
        assertEquals(java.util.Optional.of(RunId.fewShot(3)), RunId.parse("run a3"));
        assertEquals(java.util.Optional.of(RunId.innerLoop(12)), RunId.parse("#12"));
        assertEquals(java.util.Optional.empty(), RunId.parse("B3"));

        vm.show(arc);
        assertTrue(vm.arcDetailProperty().get().label().startsWith("few-shot run A1 · task 66e6c45b"),
                vm.arcDetailProperty().get().label());
        vm.chosen().setAll(arc, fewShot(vm, f.wrongC()));
        vm.compare();
        assertTrue(vm.statusProperty().get().startsWith("few-shot run A1 vs few-shot run A2 (task 66e6c45b)"),
                vm.statusProperty().get());
    }

    /** The Kind column shows a few-shot run's kind in a word; the filter and the tooltip have it whole. */
    @Test
    void aFewShotKindIsShortInTheTableAndWholeInTheFilterAndTooltip() {
        FewShotFixture f = FewShotFixture.build(tmp.resolve("ws"));
        HistoryViewModel vm = model(f.workspace());
        RunRow arc = fewShot(vm, f.solvedB()), inner = vm.allRuns().get(0);
        assertEquals("few-shot", arc.shortKind());
        assertEquals("evaluation", inner.shortKind());
        assertTrue(vm.kinds().contains(RunRow.FEW_SHOT), "the filter names the kind whole: " + vm.kinds());
        assertTrue(HistoryView.kindMeaning(arc.kind()).startsWith("few-shot (ARC): an ARC task's test input"),
                HistoryView.kindMeaning(arc.kind()));
        assertTrue(HistoryView.kindMeaning(inner.kind()).startsWith("evaluation: "), HistoryView.kindMeaning(inner.kind()));
    }

    @Test
    void aFewShotRunsDetailHasItsTaskConfigTrainingAndAttempts() {
        FewShotFixture f = FewShotFixture.build(tmp.resolve("ws"));
        HistoryViewModel vm = model(f.workspace());
        vm.show(fewShot(vm, f.solvedB()));
        assertNull(vm.detailProperty().get());
        ArcRunDetail d = vm.arcDetailProperty().get();
        assertEquals(f.solvedB(), d.runId());
        assertEquals("66e6c45b", d.task());
        assertEquals(FewShotFixture.EVAL.getFileName().toString(), d.taskSet());
        assertEquals(FewShotFixture.CONFIG_B, d.configJson());
        assertTrue(FewShotDetail.configText(d).contains("\"num_train_epochs\": 8"), FewShotDetail.configText(d));
        assertEquals(List.of(2.0, 1.0, 0.5), d.loss().stream().map(p -> p.loss()).toList());
        assertEquals("24 training texts (1 too long), 3 steps, loss 2.000 → 0.500", d.trainingSummary());
        assertEquals(13.0, d.seconds(), 1e-9);
        assertEquals("solved (pass@2)", d.scoreText());
        // why each answer ended, read back with them: the second was cut by its token budget
        assertEquals(List.of("", "token limit (48)"), d.answerEndings().stream().map(org.sealworkbench.seal.Ending::brief).toList());
        assertTrue(org.sealworkbench.seal.arc.ArcAnswers.numbered(d.answers(), d.answerEndings())
                .contains("— answer 2 of 2 · cut: token limit (48) —\nno grid"));
        // The task is read again from the file its job named: its demonstrations, the test input and its solution.
        var task = f.tasks().get("66e6c45b");
        assertEquals(task.train().size(), d.demonstrations().size());
        assertTrue(d.taskSource().contains(FewShotFixture.EVAL.toString()), d.taskSource());
        ArcRunDetail.TestInput t = d.thisInput();
        assertEquals(1, d.testInputs().size());
        assertEquals(task.test().input(), t.input());
        assertEquals(task.test().output(), t.solution());
        assertEquals(task.test().output(), t.attempt1());
        assertEquals(FewShotFixture.OTHER, t.attempt2());
        assertEquals(Boolean.TRUE, t.right1());
        assertEquals(Boolean.FALSE, t.right2());
        assertEquals(List.of("[[1]]", "no grid"), d.answers());

        vm.show(fewShot(vm, f.baseline()));
        ArcRunDetail b = vm.arcDetailProperty().get();
        assertNull(b.configJson());
        assertEquals("not trained: no self-edit (the model as it is)", b.trainingSummary());
        assertNull(b.thisInput().attempt1());
        assertTrue(FewShotDetail.configText(b).startsWith("No self-edit: the baseline"), FewShotDetail.configText(b));

        // An inner-loop row still shows its own detail, and the few-shot one goes.
        vm.show(vm.allRuns().stream().filter(r -> !r.fewShot()).findFirst().orElseThrow());
        assertNull(vm.arcDetailProperty().get());
        assertEquals(f.innerRun(), vm.detailProperty().get().runId());
    }

    @Test
    void aTaskWithTwoTestInputsShowsBoth() {
        FewShotFixture f = FewShotFixture.build(tmp.resolve("ws"));
        HistoryViewModel vm = model(f.workspace());
        vm.show(fewShot(vm, f.multi1()));
        ArcRunDetail d = vm.arcDetailProperty().get();
        assertEquals(List.of(f.multi0(), f.multi1()), d.testInputs().stream().map(ArcRunDetail.TestInput::runId).toList(),
                "the task's other test input under the same config, in order; not the sampled run of b1fc8b8e-0");
        assertEquals("1 of 2 test inputs solved", d.testInputsSolved());
        ArcRunDetail.TestInput first = d.testInputs().get(0);
        assertEquals(Boolean.FALSE, first.right1());
        assertEquals(Boolean.TRUE, first.right2(), "b1fc8b8e-0 was solved by its second attempt");

        // Without the solution at hand, right or wrong as far as the stored pass@2 tells.
        assertArrayEquals(new Boolean[] {null, null}, ArcRunDetail.rightness(FewShotFixture.OTHER, FewShotFixture.OTHER2, null, true),
                "solved by one of two different attempts: not known which");
        assertArrayEquals(new Boolean[] {true, null}, ArcRunDetail.rightness(FewShotFixture.OTHER, null, null, true));
        assertArrayEquals(new Boolean[] {false, false}, ArcRunDetail.rightness(FewShotFixture.OTHER, FewShotFixture.OTHER2, null, false));
        assertArrayEquals(new Boolean[] {null, null}, ArcRunDetail.rightness(FewShotFixture.OTHER, FewShotFixture.OTHER2, null, null));
    }

    @Test
    void withoutTheTaskFileRightOrWrongComesFromTheStoredScore() {
        Path ws = tmp.resolve("ws");
        FewShotFixture f = FewShotFixture.build(ws);
        // A workspace whose only ARC job names a file that is gone (the workspace was copied to another machine).
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            for (var j : log.jobs()) log.updateJob(j.id(), "done", 1, "");
        }
        Path gone = tmp.resolve("elsewhere").resolve(FewShotFixture.EVAL.getFileName());
        rewriteJobTasks(ws, gone);
        HistoryViewModel vm = model(ws);
        vm.show(fewShot(vm, f.solvedB()));
        ArcRunDetail d = vm.arcDetailProperty().get();
        assertTrue(d.taskSource().contains(gone + " is gone"), d.taskSource());
        assertTrue(d.demonstrations().isEmpty());
        assertNull(d.thisInput().input());
        assertNull(d.thisInput().solution());
        assertNull(d.thisInput().right1(), "solved with two different attempts: which one is not known");
        vm.show(fewShot(vm, f.wrongC()));
        assertEquals(Boolean.FALSE, vm.arcDetailProperty().get().thisInput().right1(), "not solved: both wrong");
        assertEquals(Boolean.FALSE, vm.arcDetailProperty().get().thisInput().right2());
    }

    @Test
    void aTaskFileThatNoLongerMatchesTheRunIsNotTrusted() {
        Path ws = tmp.resolve("ws");
        FewShotFixture f = FewShotFixture.build(ws);
        Grid solution = f.tasks().get("66e6c45b").test().output();
        long liar;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            // stored as not solved, yet its first attempt is the file's solution now
            liar = log.addArcRun(new org.sealworkbench.store.ArcRunRecord.New(1, FewShotFixture.EVAL.getFileName().toString(),
                    "66e6c45b", FewShotFixture.CONFIG_B.replace("0.003", "0.002"), null, "{}", 1, 0, 0, null, null, 7, 7,
                    org.sealworkbench.jobs.ArcJob.gridJson(solution), null, false, "[]", 1, 1, List.of()));
        }
        HistoryViewModel vm = model(ws);
        vm.show(fewShot(vm, liar));
        ArcRunDetail d = vm.arcDetailProperty().get();
        assertTrue(d.taskSource().contains("does not give the stored result"), d.taskSource());
        assertNull(d.thisInput().solution());
        assertEquals(Boolean.FALSE, d.thisInput().right1(), "told from the stored score: not solved");
    }

    @Test
    void compareOffersTwoFewShotRunsOfOneTaskAndSaysWhyNotOtherwise() {
        FewShotFixture f = FewShotFixture.build(tmp.resolve("ws"));
        HistoryViewModel vm = model(f.workspace());
        RunRow inner = vm.allRuns().stream().filter(r -> !r.fewShot()).findFirst().orElseThrow();

        // An inner-loop run and a few-shot run: said why, nothing compared, nothing fails.
        vm.chosen().setAll(inner, fewShot(vm, f.solvedB()));
        assertTrue(vm.canCompareProperty().get(), "two runs chosen: Compare answers, if only to say why not");
        vm.compare();
        assertEquals(HistoryViewModel.MIXED_KINDS, vm.compareNoteProperty().get());
        assertEquals(HistoryViewModel.MIXED_KINDS, vm.statusProperty().get());
        assertNull(vm.comparisonProperty().get());
        assertNull(vm.arcComparisonProperty().get());
        assertNull(vm.errorProperty().get());

        // Inner-loop run 1 and few-shot run 1 share a number, not an id.
        RunRow sameId = fewShot(vm, inner.runId());
        vm.chosen().setAll(inner, sameId);
        assertEquals(2, vm.chosenRuns().size());

        // Two few-shot runs of different tasks.
        vm.chosen().setAll(fewShot(vm, f.solvedB()), fewShot(vm, f.multi0()));
        vm.compare();
        assertTrue(vm.compareNoteProperty().get().startsWith("Compare is not offered for few-shot runs of different tasks "
                + "(66e6c45b"), vm.compareNoteProperty().get());
        assertNull(vm.arcComparisonProperty().get());

        // Two few-shot runs of one task: config diff and attempts side by side.
        vm.chosen().setAll(fewShot(vm, f.solvedB()), fewShot(vm, f.wrongC()));
        vm.compare();
        assertNull(vm.compareNoteProperty().get());
        ArcComparison c = vm.arcComparisonProperty().get();
        assertEquals(f.solvedB(), c.a().runId());
        assertEquals(f.wrongC(), c.b().runId());
        assertEquals(List.of("config.data_generation.use_basic_augmentations", "config.training.learning_rate",
                        "config.training.num_train_epochs", "config.training.strategy"),
                c.settingsDiff().stream().map(RunComparison.SettingDiff::key).toList());
        assertFalse(c.sameAttempts());
        assertEquals(Boolean.TRUE, c.a().thisInput().right1());
        assertEquals(Boolean.FALSE, c.b().thisInput().right1());
        assertTrue(vm.statusProperty().get().contains("solved (pass@2) vs not solved (pass@2)"), vm.statusProperty().get());
    }

    /** Points every job's "tasks" at another path, as a workspace copied to another machine would have it. */
    private static void rewriteJobTasks(Path ws, Path tasks) {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + ws.resolve(ExperimentLog.DB_FILE));
             var st = c.prepareStatement("UPDATE jobs SET params_json = ?")) {
            var params = new com.google.gson.JsonObject();
            params.addProperty("tasks", tasks.toString());
            st.setString(1, params.toString());
            st.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
