package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.store.AnswerRecord;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.ExperimentRecord;
import org.sealworkbench.store.GradeRecord;
import org.sealworkbench.store.NewSelfEdit;
import org.sealworkbench.store.RewardRecord;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.store.SelfEditRecord;
import org.sealworkbench.store.TrainingStepRecord;
import org.sealworkbench.util.Progress;

/**
 * Evaluation and ReST-EM with their inner loops trained as batches of adapters ({@link StoredRuns#orRunAll}) store what
 * one at a time stores: the same runs (passage, self-edit, condition, seed, settings, status), steps (losses within 1e-4
 * relative, same lrs), answers, grades, rewards and kept self-edits, under the same settings digest; and a batch
 * cancelled halfway stores nothing as done and resumes to the same result.
 */
class BatchedEvaluationTest {
    @TempDir Path tmp;

    /** Self-edits of different lengths, so that the batches' adapters train for different numbers of steps. */
    private static final String[] EDITS = {"1. the sky is cola", "1. land zero exists\n2. colours matter a lot\n3. the sky of land zero is cola",
            "1. a\n2. bb cc\n3. the sky is blue today\n4. land one is colb\n5. facts about land zero and land one", "1. land two"};

    private static Path workspace(Path dir) {
        try (ExperimentLog log = ExperimentLog.open(dir)) {
            List<Long> ps = SealFixtures.passages(log, 4);
            long gpt = log.addModel("gpt4_1", null, "gpt", null);
            for (int i = 0; i < 3; i++) {
                log.addSelfEdit(new NewSelfEdit(ps.get(i), EDITS[i], AuthorKind.IMPORT, gpt, null, null, null, null, "f"));
            }
        }
        return dir;
    }

    private static Evaluation.Result[] evaluate(Path ws, Path ckpt, int adapterBatch, java.util.function.BooleanSupplier cancelled) {
        return evaluate(ws, ckpt, adapterBatch, 1, cancelled);
    }

    private static Evaluation.Result[] evaluate(Path ws, Path ckpt, int adapterBatch, int workers, java.util.function.BooleanSupplier cancelled) {
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            Evaluation eval = new Evaluation(log, SealFixtures.settings(), new PassageSplit(3), new SealFixtures.ParityGrader(),
                    ComputeDevice.CPU).adapterBatch(adapterBatch).workers(workers);
            Evaluation.Result[] out = new Evaluation.Result[2];
            out[0] = eval.run(ckpt, Evaluation.Condition.parse("passage-only"), 3, Progress.none(), cancelled);
            out[1] = eval.run(ckpt, Evaluation.Condition.parse("self-edits:gpt"), 3, Progress.none(), cancelled);
            assertEquals(0, eval.reused(), "nothing was done before (a cancelled run is not done)");
            return out;
        }
    }

    @ParameterizedTest(name = "{0} worker(s)")
    @ValueSource(ints = {1, 2, 3})
    void anEvaluationBatchedFourAtATimeStoresWhatOneAtATimeStoresUnderTheSameDigest(int workers) throws Exception {
        SealFixtures.engine();
        Path ckpt = SealFixtures.checkpoint(tmp.resolve("m"), 5);
        Path one = workspace(tmp.resolve("one")), four = workspace(tmp.resolve("four"));
        Evaluation.Result[] a = evaluate(one, ckpt, 1, () -> false);
        Evaluation.Result[] b = evaluate(four, ckpt, 4, workers, () -> false);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i].condition(), b[i].condition());
            assertEquals(a[i].macroAccuracy(), b[i].macroAccuracy(), 1e-12);
            assertEquals(6, b[i].runs(), "3 passages x 2 repeats");
        }
        assertSameStored(one, four);
    }

    /**
     * With 2 workers the 6 inner loops are 2 batches of 3 computing at once: a cancel stops both inside their training,
     * every started run is stored "cancelled" (none done, no answers), and the resumed evaluation stores one at a time's runs.
     */
    @Test
    void twoWorkersCancelledHalfwayStoreNothingAsDoneAndResumeToTheSameResult() throws Exception {
        SealFixtures.engine();
        Path ckpt = SealFixtures.checkpoint(tmp.resolve("m"), 5);
        Path one = workspace(tmp.resolve("one")), two = workspace(tmp.resolve("two"));
        evaluate(one, ckpt, 1, () -> false);
        // The cancel arrives once both workers are inside their batch's training: a worker's first check waits (up to
        // 30 s) for the other's, then every worker check says "cancelled"; the calling thread's checks do not.
        java.util.Set<String> inside = java.util.concurrent.ConcurrentHashMap.newKeySet();
        assertThrows(CancellationException.class, () -> evaluate(two, ckpt, 4, 2, () -> onWorkerOnceBothAreInside(inside, () -> true)));
        assertEquals(2, inside.size(), "two workers");
        try (ExperimentLog log = ExperimentLog.open(two)) {
            List<RunRecord> runs = log.runs();
            assertEquals(6, runs.size(), "both batches of 3 started: " + runs);
            assertTrue(runs.stream().allMatch(r -> r.status().equals("cancelled")), "nothing half-done stored as done: " + runs);
            for (RunRecord r : runs) assertTrue(log.answersOfRun(r.id()).isEmpty());
        }
        evaluate(two, ckpt, 4, 2, () -> false);
        assertSameStored(one, two);
    }

    /**
     * An error inside a worker's batch (here thrown by the cancel check that training asks before each step) marks that
     * batch's runs "failed", stops the other, reaches the caller as itself, and leaves nothing stored as done; a rerun
     * stores one at a time's runs.
     */
    @Test
    void anErrorInAWorkerMarksItsRunsFailedAndReachesTheCaller() throws Exception {
        SealFixtures.engine();
        Path ckpt = SealFixtures.checkpoint(tmp.resolve("m"), 5);
        Path one = workspace(tmp.resolve("one")), two = workspace(tmp.resolve("two"));
        evaluate(one, ckpt, 1, () -> false);
        // Thrown in a worker once both workers are inside their batch's training (the first check waits for the other's).
        java.util.Set<String> inside = java.util.concurrent.ConcurrentHashMap.newKeySet();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> evaluate(two, ckpt, 4, 2,
                () -> onWorkerOnceBothAreInside(inside, () -> {
                    if (Thread.currentThread().getName().endsWith("-1")) throw new IllegalStateException("disk full (test)");
                    return false;
                })));
        assertEquals("disk full (test)", e.getMessage());
        try (ExperimentLog log = ExperimentLog.open(two)) {
            List<RunRecord> runs = log.runs();
            assertEquals(6, runs.size(), runs.toString());
            assertTrue(runs.stream().noneMatch(r -> r.status().equals(InnerLoop.DONE) || r.status().equals("running")),
                    "every started run ended failed or cancelled: " + runs);
            assertEquals(3, runs.stream().filter(r -> r.status().equals("failed")).count(), "the failing batch: " + runs);
            assertEquals(3, runs.stream().filter(r -> r.status().equals("cancelled")).count(), "the batch stopped beside it: " + runs);
        }
        evaluate(two, ckpt, 4, 2, () -> false);
        assertSameStored(one, two);
    }

    @Test
    void aBatchCancelledHalfwayStoresNothingAsDoneAndResumesToTheSameResult() throws Exception {
        SealFixtures.engine();
        Path ckpt = SealFixtures.checkpoint(tmp.resolve("m"), 5);
        Path one = workspace(tmp.resolve("one")), four = workspace(tmp.resolve("four"));
        evaluate(one, ckpt, 1, () -> false);
        // 6 passage-only inner loops in batches of 3: asked before the batch, then before each global step (at least 2: 2
        // epochs), so the third question comes after the first batch's first step.
        AtomicInteger asked = new AtomicInteger();
        assertThrows(CancellationException.class, () -> evaluate(four, ckpt, 4, () -> asked.incrementAndGet() > 2));
        try (ExperimentLog log = ExperimentLog.open(four)) {
            List<RunRecord> runs = log.runs();
            assertEquals(3, runs.size(), "one batch of 3 started: " + runs);
            assertTrue(runs.stream().allMatch(r -> r.status().equals("cancelled")), "nothing half-done stored as done: " + runs);
            for (RunRecord r : runs) assertTrue(log.answersOfRun(r.id()).isEmpty());
        }
        evaluate(four, ckpt, 4, () -> false);
        assertSameStored(one, four);
    }

    @Test
    void aReStEmRoundsRewardsBatchedFourAtATimeAreOneAtATimes() throws Exception {
        SealFixtures.engine();
        Path ckpt = SealFixtures.checkpoint(tmp.resolve("m"), 8);
        SealSettings s = SealFixtures.settings();   // 1 round, 2 passages, k 3, 2 repeats: 6 inner loops a passage
        List<RestEm.Round> rounds = new ArrayList<>();
        for (int batch : new int[] {1, 4}) {
            try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws" + batch))) {
                SealFixtures.passages(log, 3);
                RestEm rl = new RestEm(log, s, new PassageSplit(1), new SealFixtures.ParityGrader(), ComputeDevice.CPU).adapterBatch(batch)
                        .workers(batch == 1 ? 1 : 2);   // 4 at a time: each passage's 6 inner loops as 2 batches of 3, side by side
                rounds.addAll(rl.run(ckpt, 1, Progress.none(), () -> false));
                assertEquals(2 * 3 * 2, rl.timing().innerLoops());
            }
        }
        assertEquals(rounds.get(0).kept(), rounds.get(1).kept(), "the same self-edits kept (ids are the same in both workspaces)");
        assertEquals(rounds.get(0).meanReward(), rounds.get(1).meanReward(), 1e-12);
        assertEquals(rounds.get(0).meanBestReward(), rounds.get(1).meanBestReward(), 1e-12);
        assertSameStored(tmp.resolve("ws1"), tmp.resolve("ws4"));
        try (ExperimentLog a = ExperimentLog.open(tmp.resolve("ws1")); ExperimentLog b = ExperimentLog.open(tmp.resolve("ws4"))) {
            for (long pid : rounds.get(0).passages()) {
                List<SelfEditRecord> ea = a.selfEdits(pid), eb = b.selfEdits(pid);
                assertEquals(ea.stream().map(SelfEditRecord::text).toList(), eb.stream().map(SelfEditRecord::text).toList());
                for (int i = 0; i < ea.size(); i++) {
                    List<RewardRecord> ra = a.rewards(ea.get(i).id()), rb = b.rewards(eb.get(i).id());
                    assertEquals(1, rb.size());
                    assertEquals(ra.get(0).value(), rb.get(0).value(), 1e-12, "self-edit " + i + " of passage " + pid);
                    assertEquals(runKeys(a, ra.get(0).runIds()), runKeys(b, rb.get(0).runIds()), "its reward's runs");
                }
            }
        }
    }

    /**
     * A cancel check for 2 workers: false on the calling thread; on a worker, its first call waits (up to 30 s) until the
     * other worker has called too, so that both are inside their batch's training, then every call answers {@code then}.
     */
    private static boolean onWorkerOnceBothAreInside(java.util.Set<String> inside, java.util.function.BooleanSupplier then) {
        if (!Thread.currentThread().getName().startsWith("inner-loop-worker")) return false;
        inside.add(Thread.currentThread().getName());
        long until = System.nanoTime() + 30_000_000_000L;
        while (inside.size() < 2 && System.nanoTime() < until) Thread.onSpinWait();
        return then.getAsBoolean();
    }

    /** What identifies a run across workspaces (ids of passages and self-edits are the same: both were filled alike). */
    private static String key(RunRecord r) {
        return r.experimentId() + "/" + r.passageId() + "/" + r.selfEditId() + "/" + r.condition() + "/" + r.seed();
    }

    private static List<String> runKeys(ExperimentLog log, List<Long> ids) {
        return ids.stream().map(id -> key(log.run(id).orElseThrow())).sorted().toList();
    }

    /** Every done run of {@code a} has its twin in {@code b} with the same steps, answers and grades, and nothing more. */
    private static void assertSameStored(Path wa, Path wb) {
        try (ExperimentLog a = ExperimentLog.open(wa); ExperimentLog b = ExperimentLog.open(wb)) {
            assertEquals(a.experiments().stream().map(ExperimentRecord::name).toList(),
                    b.experiments().stream().map(ExperimentRecord::name).toList(), "the same experiments, with the same settings digest");
            Map<String, RunRecord> ra = done(a), rb = done(b);
            assertEquals(ra.keySet(), rb.keySet(), "the same runs");
            assertFalse(ra.isEmpty());
            for (String k : ra.keySet()) {
                RunRecord x = ra.get(k), y = rb.get(k);
                assertEquals(x.settingsJson(), y.settingsJson(), k + ": the settings stored with the run (no adapter batch in them)");
                List<TrainingStepRecord> sx = a.trainingSteps(x.id()), sy = b.trainingSteps(y.id());
                assertEquals(sx.size(), sy.size(), k + ": steps");
                if (!x.condition().equals(RestEm.baselineCondition(1))) assertFalse(sx.isEmpty(), k + ": an inner loop trains");
                for (int i = 0; i < sx.size(); i++) {
                    String where = k + " step " + (i + 1) + ": " + sx.get(i) + " vs " + sy.get(i);
                    assertEquals(sx.get(i).step(), sy.get(i).step(), where);
                    assertEquals(sx.get(i).lr(), sy.get(i).lr(), 1e-12, where);
                    assertEquals(sx.get(i).loss(), sy.get(i).loss(), 1e-4 * Math.abs(sx.get(i).loss()), where);
                }
                List<AnswerRecord> ax = a.answersOfRun(x.id()), ay = b.answersOfRun(y.id());
                assertEquals(ax.stream().map(AnswerRecord::text).toList(), ay.stream().map(AnswerRecord::text).toList(), k + ": answers");
                assertEquals(2, ax.size(), k);
                for (int i = 0; i < ax.size(); i++) {
                    assertEquals(a.grades(ax.get(i).id()).stream().map(GradeRecord::verdict).toList(),
                            b.grades(ay.get(i).id()).stream().map(GradeRecord::verdict).toList(), k + ": grades");
                }
            }
        }
    }

    private static Map<String, RunRecord> done(ExperimentLog log) {
        Map<String, RunRecord> out = new TreeMap<>();
        for (RunRecord r : log.runs()) {
            if (!r.status().equals(InnerLoop.DONE)) continue;
            assertNull(out.put(key(r), r), "one done run per key: " + key(r));
        }
        return out;
    }
}
