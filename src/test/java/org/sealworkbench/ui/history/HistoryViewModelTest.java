package org.sealworkbench.ui.history;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.charts.ChartsData.LossPoint;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.sealworkbench.jobs.history.HistoryBackend;
import org.sealworkbench.jobs.history.JobItem;
import org.sealworkbench.jobs.history.RunDetail;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/** The History view model on hand-made data, without a screen: filters, compare, the poll, errors. */
class HistoryViewModelTest {
    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    static RunRow row(long id, String kind, String condition, String grader, String status) {
        return new RunRow(id, kind, "tiny", condition, "abc123", grader, 0.5, 1.5, status, T, 3, id == 2 ? "Velmora" : "Tor");
    }

    static class Fake implements HistoryBackend {
        List<RunRow> runs = new ArrayList<>();
        List<JobItem> jobs = new ArrayList<>();
        int runReads, jobReads;
        RuntimeException fail;
        /** Rows to give as they are, the same list every read (null: a copy of {@link #runs}). */
        List<RunRow> same;

        public List<RunRow> runs(CancelToken cancel) {
            runReads++;
            if (fail != null) throw fail;
            return same != null ? same : List.copyOf(runs);
        }

        public RunDetail detail(long runId) {
            return new RunDetail(runId, "passage only", "tiny", 1L, "Owls", null, "done", 7,
                    "{\"lr\":" + runId + "}", "d", T, T.plusSeconds(2), List.of(new LossPoint(1, 2.0)),
                    List.of(new RunDetail.Answer(5, 0, "q", "g", "answer of " + runId, Map.of("contains", runId == 1))));
        }

        public List<JobItem> jobs() {
            jobReads++;
            return List.copyOf(jobs);
        }

        public Object resume(long jobId, Progress progress, CancelToken cancel) {
            throw new AssertionError("not here");
        }
    }

    static JobItem job(long id, String status, boolean elsewhere, boolean resumable) {
        return new JobItem(id, "evaluation", status, 0.5, "2 of 4", T, T, elsewhere, resumable);
    }

    /**
     * The texts the view measures for its columns' widths are worked out with the rows, on the reading thread, from every
     * run (so a filter changes no width), a column's longest distinct texts; the FX thread only gets them, once per read, and
     * nothing when a read finds the rows shown.
     */
    @Test
    void columnSamplesAreWorkedOutOnTheReadingThreadFromEveryRunOncePerRead() {
        Fake f = new Fake();
        for (int i = 1; i <= 200; i++) f.runs.add(row(i, "evaluation", i == 150 ? "self-edits of a-much-longer-model-name" : "passage only",
                "contains", "done"));
        f.same = List.copyOf(f.runs);   // as HistoryService gives its cached rows when nothing changed
        Thread[] measuredOn = new Thread[1];
        List<Runnable> background = new ArrayList<>();
        HistoryViewModel vm = new HistoryViewModel(f, background::add, Runnable::run, t -> {});
        vm.measureColumns(List.of(r -> {
            measuredOn[0] = Thread.currentThread();
            return List.of(r.id().toString());
        }, r -> List.of(r.condition().split(" "))));
        List<List<List<String>>> seen = new ArrayList<>();
        vm.columnSamplesProperty().addListener((o, a, b) -> seen.add(b));
        vm.searchProperty().set("passage only");
        vm.refresh();
        assertTrue(seen.isEmpty(), "nothing before the read ran");
        Thread reader = new Thread(() -> { while (!background.isEmpty()) background.remove(0).run(); });
        reader.start();
        assertDoesNotThrow(() -> reader.join(10_000));
        assertNull(vm.errorProperty().get());
        assertSame(reader, measuredOn[0], "measured on the reading thread");
        assertEquals(1, seen.size(), "one change per read");
        assertEquals(HistoryViewModel.WIDTH_SAMPLES, seen.get(0).get(0).size(), "the longest ids, at most this many");
        assertTrue(seen.get(0).get(0).stream().allMatch(t -> t.length() == 3), "the longest ids: " + seen.get(0).get(0));
        assertTrue(seen.get(0).get(1).contains("a-much-longer-model-name"), "the filtered-out run's condition is measured too: " + seen.get(0).get(1));
        assertEquals(199, vm.runs().size());
        vm.refresh();   // the same rows again: nothing new to measure
        background.remove(0).run();
        assertEquals(1, seen.size());
    }

    @Test
    void filtersByTextKindAndStatus() {
        Fake f = new Fake();
        f.runs.addAll(List.of(row(1, "evaluation", "passage only", "contains", "done"),
                row(2, "evaluation", "no adaptation", "contains", "done"),
                row(3, "rl reward", "RL round 1: self-edits", "contains", "interrupted")));
        HistoryViewModel vm = new HistoryViewModel(f, Runnable::run, Runnable::run, t -> {});
        vm.refresh();
        assertEquals(3, vm.runs().size());
        assertEquals(List.of(HistoryViewModel.ALL_KINDS, "evaluation", "rl reward"), vm.kinds());
        assertEquals(List.of(HistoryViewModel.ALL_STATUSES, "done", "interrupted"), vm.statuses());
        vm.kindProperty().set("rl reward");
        assertEquals(List.of(3L), vm.runs().stream().map(RunRow::runId).toList());
        vm.kindProperty().set(HistoryViewModel.ALL_KINDS);
        vm.statusFilterProperty().set("done");
        vm.searchProperty().set("PASSAGE");
        assertEquals(List.of(1L), vm.runs().stream().map(RunRow::runId).toList());
        vm.searchProperty().set("run 2");
        assertEquals(List.of(2L), vm.runs().stream().map(RunRow::runId).toList());
        vm.searchProperty().set("velm");
        assertEquals(List.of(2L), vm.runs().stream().map(RunRow::runId).toList(), "the passage's title");
        vm.searchProperty().set("nothing like it");
        assertTrue(vm.runs().isEmpty());
        assertEquals("No run matches the filter.", vm.emptyMessageProperty().get());
    }

    @Test
    void emptyWorkspaceSaysWhatToDo() {
        HistoryViewModel vm = new HistoryViewModel(new Fake(), Runnable::run, Runnable::run, t -> {});
        vm.refresh();
        String m = vm.emptyMessageProperty().get();
        assertTrue(m.contains("Fine-tune & evaluate… (Ctrl+Shift+F)") && m.contains("./seal eval"), "the window's action and the command: " + m);
        assertEquals("No jobs recorded in this workspace yet.", vm.jobsSummaryProperty().get());
    }

    @Test
    void aReadOnlyWorkspaceResumesNothingAndDoesNotSayToRunAnything() {
        Fake f = new Fake();
        f.jobs.add(job(4, "interrupted", false, true));
        HistoryViewModel vm = new HistoryViewModel(f, Runnable::run, Runnable::run, t -> {
            throw new AssertionError("no job submitted");
        });
        vm.readOnlyProperty().set(true);
        vm.refresh();
        vm.refreshJobs();
        assertEquals(HistoryViewModel.EMPTY_READ_ONLY, vm.emptyMessageProperty().get());
        assertTrue(vm.jobsSummaryProperty().get().endsWith("1 stopped (not resumed here: the workspace is open read-only)"),
                vm.jobsSummaryProperty().get());
        assertNull(vm.resume(f.jobs.get(0)), "refused before the backend is asked");
        assertEquals(HistoryViewModel.RESUME_OFF, vm.errorProperty().get().getMessage());

        vm.readOnlyProperty().set(false);
        vm.refresh();
        vm.refreshJobs();
        assertEquals(HistoryViewModel.EMPTY, vm.emptyMessageProperty().get());
        assertTrue(vm.jobsSummaryProperty().get().endsWith("1 stopped that can be resumed"), vm.jobsSummaryProperty().get());
    }

    @Test
    void comparesExactlyTwoDistinctRuns() {
        Fake f = new Fake();
        HistoryViewModel vm = new HistoryViewModel(f, Runnable::run, Runnable::run, t -> {});
        // a run has one row per grader: two rows of run 1 are one run
        vm.chosen().setAll(row(1, "evaluation", "a", "contains", "done"), row(1, "evaluation", "a", "exact_match", "done"));
        assertFalse(vm.canCompareProperty().get());
        vm.compare();
        assertNull(vm.comparisonProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Choose two runs"));
        vm.chosen().add(row(2, "evaluation", "b", "contains", "done"));
        assertTrue(vm.canCompareProperty().get());
        vm.compare();
        var c = vm.comparisonProperty().get();
        assertEquals(1, c.a().runId());
        assertEquals(2, c.b().runId());
        assertEquals(1, c.settingsDiff().size());
        assertEquals(1, c.changedAnswers());
        assertEquals(1.0, c.accuracies().get(0).a());
        assertEquals(0.0, c.accuracies().get(0).b());
        vm.chosen().add(row(3, "evaluation", "c", "contains", "done"));
        assertFalse(vm.canCompareProperty().get());
    }

    @Test
    void pollsOnlyWhileAJobRunsElsewhereAndRereadsRunsWhenItEnds() {
        Fake f = new Fake();
        f.jobs.add(job(1, "interrupted", false, true));
        HistoryViewModel vm = new HistoryViewModel(f, Runnable::run, Runnable::run, t -> {});
        vm.refresh();
        int before = f.jobReads;
        for (int i = 1; i < HistoryViewModel.DISCOVER_EVERY; i++) assertFalse(vm.poll(), "no job elsewhere: poll " + i + " reads nothing");
        assertEquals(before, f.jobReads);
        assertTrue(vm.poll(), "every DISCOVER_EVERY polls it looks for a job started elsewhere since");
        assertEquals(before + 1, f.jobReads);
        assertTrue(vm.jobsSummaryProperty().get().contains("1 stopped that can be resumed"), vm.jobsSummaryProperty().get());

        f.jobs.add(0, job(2, "running", true, false));
        vm.refreshJobs();
        assertEquals(1, vm.attachedProperty().get());
        int reads = f.jobReads;
        assertTrue(vm.poll());
        assertEquals(reads + 1, f.jobReads);

        int runReads = f.runReads;
        f.jobs.set(0, job(2, "done", false, false));
        f.runs.add(row(9, "evaluation", "passage only", "contains", "done"));
        assertTrue(vm.poll());
        assertEquals(0, vm.attachedProperty().get());
        assertEquals(runReads + 1, f.runReads, "the job that ended elsewhere wrote runs: read them");
        assertEquals(1, vm.allRuns().size());
        assertFalse(vm.poll(), "back to looking only every DISCOVER_EVERY polls");
    }

    @Test
    void aFailingPollStopsQuietlyUntilRefresh() {
        Fake f = new Fake();
        f.jobs.add(job(2, "running", true, false));
        HistoryViewModel vm = new HistoryViewModel(new HistoryBackend() {
            public List<RunRow> runs(CancelToken c) { return f.runs(c); }
            public RunDetail detail(long id) { return f.detail(id); }
            public List<JobItem> jobs() {
                if (f.fail != null) throw f.fail;
                return f.jobs();
            }
            public Object resume(long id, Progress p, CancelToken c) { return null; }
        }, Runnable::run, Runnable::run, t -> {});
        vm.refreshJobs();
        f.fail = new IllegalArgumentException("/w: no workspace here (no workspace.db)");
        assertTrue(vm.poll());
        assertNull(vm.errorProperty().get(), "no dialog from a background poll");
        assertTrue(vm.jobsSummaryProperty().get().startsWith("Stopped following the jobs: /w: no workspace here"),
                vm.jobsSummaryProperty().get());
        for (int i = 0; i < 2 * HistoryViewModel.DISCOVER_EVERY; i++) assertFalse(vm.poll(), "stopped");
        f.fail = null;
        vm.refreshJobs();
        assertEquals(1, vm.attachedProperty().get());
        assertTrue(vm.poll(), "following again after Refresh");
    }

    @Test
    void aJobThatCannotBeResumedAndAFailedReadSayWhy() {
        Fake f = new Fake();
        HistoryViewModel vm = new HistoryViewModel(f, Runnable::run, Runnable::run, t -> fail("nothing to submit"));
        assertNull(vm.resume(job(3, "done", false, false)));
        assertTrue(vm.errorProperty().get().getMessage().contains("Job 3 is done"), vm.errorProperty().get().getMessage());
        assertNull(vm.resume(new JobItem(4, "arc-rl", "refused", 0, "seal-tiny has a context of 512 tokens", T, T, false,
                false)));
        assertEquals("Job 4 was refused, and its request would be refused again: seal-tiny has a context of 512 tokens",
                vm.errorProperty().get().getMessage());
        f.fail = new IllegalArgumentException("/w: no workspace here (no workspace.db)");
        vm.refresh();
        assertTrue(vm.errorProperty().get().getMessage().contains("no workspace.db"), vm.errorProperty().get().getMessage());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void aRunWithoutTrainingStepsSaysWhyInPlaceOfItsCurve() {
        assertTrue(HistoryViewModel.noLossNote(HistoryDetailFxTest.detail(1, "no adaptation", null, "done", List.of())).contains("without fine-tuning"));
        assertTrue(HistoryViewModel.noLossNote(HistoryDetailFxTest.detail(1, "RL round 2: no adaptation", null, "done", List.of()))
                .contains("without fine-tuning"), "an RL round's baseline too");
        assertEquals("No training steps stored: the run is interrupted.",
                HistoryViewModel.noLossNote(HistoryDetailFxTest.detail(2, "passage only", null, "interrupted", List.of())));
        assertNull(HistoryViewModel.noLossNote(HistoryDetailFxTest.detail(3, "passage only", null, "done", List.of(new LossPoint(1, 2.0)))));
    }

    /** Two runs of different passages share no question: the comparison says so rather than "11 of 11 answers changed". */
    @Test
    void comparingRunsOfTwoPassagesSaysTheirQuestionsDiffer() {
        RunDetail owls = new RunDetail(1, "no adaptation", "tiny", 1L, "Owls", null, "done", 0, "{}", "d", T, T, List.of(),
                List.of(new RunDetail.Answer(5, 0, "When?", "night", "day", Map.of("contains", false))));
        RunDetail bees = new RunDetail(2, "no adaptation", "tiny", 2L, "Bees", null, "done", 0, "{}", "d", T, T, List.of(),
                List.of(new RunDetail.Answer(9, 0, "What?", "honey", "wax", Map.of("contains", false))));
        RunDetail owlsAgain = new RunDetail(3, "passage only", "tiny", 1L, "Owls", null, "done", 0, "{}", "d", T, T, List.of(),
                List.of(new RunDetail.Answer(5, 0, "When?", "night", "night", Map.of("contains", true))));
        org.sealworkbench.jobs.history.RunComparison apart = org.sealworkbench.jobs.history.RunComparison.of(owls, bees);
        assertFalse(HistoryViewModel.samePassage(apart));
        String s = HistoryViewModel.compareSummary(apart);
        assertFalse(s.contains("answers changed"), s);
        assertTrue(s.contains("runs of two passages"), s);
        org.sealworkbench.jobs.history.RunComparison same = org.sealworkbench.jobs.history.RunComparison.of(owls, owlsAgain);
        assertTrue(HistoryViewModel.samePassage(same));
        s = HistoryViewModel.compareSummary(same);
        assertTrue(s.contains("1 of 1 answers changed (highlighted)") && s.contains("accuracy contains 0.0 % → 100.0 % (+100.0 points)"), s);
    }
}
