package org.sealworkbench.ui.rl;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.JobCancelledException;
import org.sealworkbench.jobs.RlJob;
import org.sealworkbench.jobs.RlRequest;
import org.sealworkbench.jobs.rl.RlBackend;
import org.sealworkbench.jobs.workspace.ModelItem;
import org.sealworkbench.ui.FxThread;
import org.sealworkbench.ui.JobRunner;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/** The run's state machine and the rewards table, against a scripted backend (no engine, no store). */
class RlRunViewModelTest {
    /**
     * Two passages of k = 3; passage p's self-edit i earns reward table[p][i]. A unit = one reward; units done are kept
     * across runs (as the log keeps them), so a resume computes only the rest and reports the stored ones again.
     */
    static final class ScriptedBackend implements RlBackend {
        final double[][] table = {{0.2, 0.6, 0.6}, {0.0, 0.1, 0.9}};
        final Map<String, Double> stored = Collections.synchronizedMap(new HashMap<>());
        final List<String> computed = new CopyOnWriteArrayList<>();
        final List<Long> resumedJobs = new CopyOnWriteArrayList<>();
        volatile CountDownLatch gate; // when set, each computed unit waits for it (so a test can act mid-run)
        RlRequest lastRequest;

        volatile List<String> sets = List.of("a.json", "b.json");
        final java.util.concurrent.atomic.AtomicInteger setReads = new java.util.concurrent.atomic.AtomicInteger();
        @Override public List<String> passageSets(Path workspace) { setReads.incrementAndGet(); return sets; }
        volatile List<StoppedRl> stoppedJobs = List.of();
        @Override public List<StoppedRl> stopped(Path workspace) { return stoppedJobs; }

        @Override
        public RlJob.Report run(RlRequest request, RlJob.Watch watch, Progress progress, CancelToken cancel) {
            lastRequest = request;
            return work(41, watch, cancel);
        }

        @Override
        public RlJob.Report resume(Path workspace, long jobId, RlJob.Watch watch, Progress progress, CancelToken cancel) {
            resumedJobs.add(jobId);
            return work(jobId, watch, cancel);
        }

        private RlJob.Report work(long jobId, RlJob.Watch watch, CancelToken cancel) {
            watch.jobStarted(jobId);
            for (int p = 0; p < 2; p++) {
                long pid = 10 + p;
                watch.selfEdits(1, pid, "P" + p, p, 2, List.of(pid * 100, pid * 100 + 1, pid * 100 + 2), List.of("a", "b", "c"));
                watch.baseline(1, pid, 0.1 * p);
                for (int i = 0; i < 3; i++) {
                    if (cancel.isCancelled() || watch.pauseRequested()) throw new JobCancelledException("stopped");
                    String unit = p + "/" + i;
                    Double r = stored.get(unit);
                    if (r == null) {
                        await();
                        if (cancel.isCancelled()) throw new JobCancelledException("cancelled in flight");
                        r = table[p][i];
                        stored.put(unit, r);
                        computed.add(unit);
                    }
                    watch.reward(1, pid, i, pid * 100 + i, r);
                }
                int best = 0;
                for (int i = 1; i < 3; i++) if (table[p][i] > table[p][best]) best = i;
                watch.best(1, pid, best, true);
            }
            return new RlJob.Report(List.of(), null, 0, 0, "test", "d");
        }

        private void await() {
            CountDownLatch g = gate;
            if (g == null) return;
            try {
                g.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    JobRunner runner;
    ScriptedBackend backend;
    RlRunViewModel vm;
    final List<String> errors = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        FxThread.start();
        runner = new JobRunner();
        backend = new ScriptedBackend();
        vm = FxThread.call(() -> {
            RlRunViewModel m = new RlRunViewModel(backend, runner, runner.reads(), (t, e) -> errors.add(t + ": " + e));
            m.form().modelProperty().set(new ModelItem(null, "m", Path.of("model"), "qwen2", "m"));
            m.form().workspaceProperty().set(Path.of("ws"));
            return m;
        });
    }

    @AfterEach
    void tearDown() {
        runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
    }

    @Test
    void aRunsNoteStaysInItsLastWord() {
        assertEquals("Done.", RlRunViewModel.summary(null, null));
        assertEquals("Done. (note: round 1: 10 inner loops at once to fit memory)",
                RlRunViewModel.summary(null, "round 1: 10 inner loops at once to fit memory"));
    }

    @Test
    void rereadingThePassageSetsKeepsTheSetsChosenInTheFormsEditableCombos() throws Exception {
        FxThread.await("passage sets read", () -> vm.form().passageSets().size() == 2);
        // wired as RlWindow wires them: an editable combo over the sets, bound both ways to the form
        FxThread.run(() -> {
            for (var prop : List.of(vm.form().validationSetProperty(), vm.form().rlSetProperty())) {
                javafx.scene.control.ComboBox<String> c = new javafx.scene.control.ComboBox<>(vm.form().passageSets());
                c.setEditable(true);
                c.valueProperty().bindBidirectional(prop);
            }
            vm.form().validationSetProperty().set("a.json");
            vm.form().rlSetProperty().set("b.json");
        });
        FxThread.run(vm::refreshWorkspace);          // as after a job: the same sets read again
        FxThread.await("sets re-read", () -> backend.setReads.get() >= 2);
        Thread.sleep(200);
        FxThread.run(() -> {});
        assertEquals("a.json", FxThread.call(() -> vm.form().validationSetProperty().get()));
        assertEquals("b.json", FxThread.call(() -> vm.form().rlSetProperty().get()));
        backend.sets = List.of("a.json", "b.json", "c.json");    // a new file imported: the list changes, the choices stay
        FxThread.run(vm::refreshWorkspace);
        FxThread.await("sets re-read", () -> vm.form().passageSets().size() == 3);
        assertEquals("a.json", FxThread.call(() -> vm.form().validationSetProperty().get()));
        assertEquals("b.json", FxThread.call(() -> vm.form().rlSetProperty().get()));
        assertEquals(List.of(), errors);
    }

    @Test
    void aWorkspaceWithTheDemosFilesGetsThemAsItsSplitAndTheStatusSaysSo() throws Exception {
        backend.sets = List.of("passages.json", "world-rl-train.json", "world-validation.json");
        FxThread.run(() -> vm.form().workspaceProperty().set(Path.of("demo")));
        FxThread.await("the demo's sets read", () -> vm.form().passageSets().size() == 3);
        FxThread.run(() -> {});
        assertEquals("world-validation.json", FxThread.call(() -> vm.form().validationSetProperty().get()));
        assertEquals("world-rl-train.json", FxThread.call(() -> vm.form().rlSetProperty().get()));
        String status = FxThread.call(() -> vm.statusProperty().get());
        assertTrue(status.contains("world-validation.json") && status.contains("world-rl-train.json"), status);
        FxThread.run(vm::start);
        FxThread.await("done", () -> vm.stateProperty().get() == RlRunViewModel.State.DONE);
        assertEquals(new org.sealworkbench.seal.PassageSplit(RlFormViewModel.DEFAULT_VALIDATION, "world-validation.json",
                "world-rl-train.json"), backend.lastRequest.split());
    }

    @Test
    void everyEndOfARunTellsTheMainWindowThatItStoredSomething() throws Exception {
        java.util.concurrent.atomic.AtomicInteger ends = new java.util.concurrent.atomic.AtomicInteger();
        FxThread.run(() -> vm.onFinished(ends::incrementAndGet));
        backend.gate = new CountDownLatch(1);
        FxThread.run(vm::start);
        FxThread.await("running", () -> vm.rows().size() == 1);
        assertEquals(0, ends.get());
        FxThread.run(vm::stop);
        backend.gate.countDown();
        backend.gate = null;
        FxThread.await("stopped", () -> vm.stateProperty().get() == RlRunViewModel.State.STOPPED);
        assertEquals(1, ends.get(), "stopped (what finished is stored)");
        FxThread.run(vm::resume);
        FxThread.await("done", () -> vm.stateProperty().get() == RlRunViewModel.State.DONE);
        assertEquals(2, ends.get(), "done");
    }

    @Test
    void rewardsFillTheTableAndTheBestIsChosen() throws Exception {
        FxThread.await("passage sets read", () -> vm.form().passageSets().size() == 2);
        assertTrue(FxThread.call(() -> vm.canStartProperty().get()));
        FxThread.run(vm::start);
        FxThread.await("done", () -> vm.stateProperty().get() == RlRunViewModel.State.DONE);
        assertEquals(2, vm.rows().size());
        RewardRow first = vm.rows().get(0);
        // in percent with one decimal, as Charts > RL and the reports show rewards (it said 0.20, 0.60)
        assertEquals(List.of("20.0 %", "60.0 %", "60.0 %"), List.of(first.rewardText(0), first.rewardText(1), first.rewardText(2)));
        assertEquals(1, first.best(), "the earliest of two equal rewards");
        assertEquals("#2 (60.0 %)", first.bestText());
        assertEquals(List.of(1001L, 1002L, 1000L), first.rankedIds(), "best first, ties in order");
        assertEquals(List.of(1102L, 1101L, 1100L), vm.rows().get(1).rankedIds());
        assertEquals(41L, vm.jobIdProperty().get());
        assertEquals(Path.of("ws"), backend.lastRequest.workspace(), "the form's request");
        assertFalse(vm.canResumeProperty().get());
        assertEquals(List.of(), errors);
    }

    @Test
    void pauseFinishesTheUnitInFlightThenResumeRedoesNothing() throws Exception {
        backend.gate = new CountDownLatch(1);
        FxThread.run(vm::start);
        FxThread.await("running", () -> vm.rows().size() == 1);
        assertTrue(FxThread.call(() -> vm.canPauseProperty().get() && vm.canStopProperty().get() && !vm.canStartProperty().get()));
        FxThread.run(vm::pause);
        assertEquals(RlRunViewModel.State.PAUSING, vm.stateProperty().get());
        backend.gate.countDown(); // the unit in flight finishes
        backend.gate = null;
        FxThread.await("paused", () -> vm.stateProperty().get() == RlRunViewModel.State.PAUSED);
        assertEquals(List.of("0/0"), backend.computed, "the unit in flight was finished, no other started");
        assertEquals("20.0 %", vm.rows().get(0).rewardText(0));
        assertEquals("…", vm.rows().get(0).rewardText(1));
        assertTrue(FxThread.call(() -> vm.canResumeProperty().get() && vm.canStartProperty().get() && !vm.canPauseProperty().get()));

        FxThread.run(vm::resume);
        FxThread.await("done", () -> vm.stateProperty().get() == RlRunViewModel.State.DONE);
        assertEquals(List.of(41L), backend.resumedJobs, "resumed from the paused job's row");
        assertEquals(List.of("0/0", "0/1", "0/2", "1/0", "1/1", "1/2"), backend.computed, "no unit computed twice");
        assertEquals(2, vm.rows().size(), "the resumed run's reports update the same rows");
        assertEquals(3, vm.rows().get(0).rewardsIn());
        assertEquals(2, vm.rows().get(1).best());
    }

    @Test
    void stopCancelsAndTheRunStaysResumable() throws Exception {
        backend.gate = new CountDownLatch(1);
        FxThread.run(vm::start);
        FxThread.await("running", () -> vm.rows().size() == 1);
        FxThread.run(vm::stop);
        assertEquals(RlRunViewModel.State.STOPPING, vm.stateProperty().get());
        backend.gate.countDown();
        backend.gate = null;
        FxThread.await("stopped", () -> vm.stateProperty().get() == RlRunViewModel.State.STOPPED);
        assertEquals(List.of(), backend.computed, "the unit in flight was dropped");
        assertTrue(FxThread.call(() -> vm.canResumeProperty().get()));
        FxThread.run(vm::resume);
        FxThread.await("done", () -> vm.stateProperty().get() == RlRunViewModel.State.DONE);
        assertEquals(6, backend.computed.size());
    }

    @Test
    void aRunStoppedEarlierIsOfferedForResumeAndResumedFromItsRow() throws Exception {
        backend.stoppedJobs = List.of(new RlBackend.StoppedRl(7, "interrupted", "killed", 2));
        FxThread.run(vm::refreshWorkspace);
        FxThread.await("the stopped job found", () -> vm.jobIdProperty().get() != null);
        assertEquals(RlRunViewModel.State.STOPPED, vm.stateProperty().get());
        assertTrue(vm.statusProperty().get().contains("job 7 (interrupted, 2 rounds)"), vm.statusProperty().get());
        assertTrue(FxThread.call(() -> vm.canResumeProperty().get()));
        FxThread.run(vm::resume);
        FxThread.await("done", () -> vm.stateProperty().get() == RlRunViewModel.State.DONE);
        assertEquals(List.of(7L), backend.resumedJobs);
        backend.stoppedJobs = List.of();
        FxThread.run(() -> vm.form().workspaceProperty().set(Path.of("other")));
        assertEquals(List.of(), vm.rows(), "another workspace: the last one's rows go");
        assertNull(vm.jobIdProperty().get());
    }

    @Test
    void aBadFormCannotStart() throws Exception {
        FxThread.run(() -> vm.form().kProperty().set("x"));
        assertFalse(FxThread.call(() -> vm.canStartProperty().get()));
        assertNull(FxThread.call(vm::start));
        assertEquals(RlRunViewModel.State.IDLE, vm.stateProperty().get());
    }
}
