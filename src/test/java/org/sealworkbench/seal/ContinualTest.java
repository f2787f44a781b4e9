package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.util.Progress;

class ContinualTest {
    @TempDir Path tmp;

    /** Verdicts in the order the answers are graded, as the test lists them; grading more than listed fails. */
    private static final class ScriptedGrader implements Grader {
        private final Deque<Boolean> verdicts;
        final List<String> golds = new ArrayList<>();

        ScriptedGrader(Boolean... v) {
            verdicts = new ArrayDeque<>(Arrays.asList(v));
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public Grade grade(String question, String gold, String answer) {
            if (verdicts.isEmpty()) throw new AssertionError("graded more answers than the script lists");
            golds.add(gold);
            return Grade.of(verdicts.poll(), null, name());
        }
    }

    private static final double NaN = Double.NaN;

    @Test
    void matrixOfAccuraciesAfterEachMergedStepIsTheGradersVerdicts() throws Exception {
        SealFixtures.engine();
        Path ckpt = SealFixtures.checkpoint(tmp.resolve("base"), 6);
        boolean T = true, F = false;
        // 3 passages of 2 questions; after step s the questions of passages 1..s are graded in order, per repeat.
        ScriptedGrader grader = new ScriptedGrader(
                T, T,                       // repeat 1, step 1: p1 2/2
                T, F, T, T,                 //          step 2: p1 1/2, p2 2/2
                F, F, T, F, T, T,           //          step 3: p1 0, p2 1/2, p3 1
                T, F,                       // repeat 2, step 1: p1 1/2
                F, F, T, T,                 //          step 2: p1 0, p2 1
                T, F, F, F, T, F);          //          step 3: p1 1/2, p2 0, p3 1/2
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            List<Long> ps = SealFixtures.passages(log, 4);
            SealSettings s = SealFixtures.settings();
            Continual c = new Continual(log, s, new PassageSplit(10), grader, ComputeDevice.CPU);
            Path probe = ckpt;
            float[] base;
            try (SealModel m = SealModel.open(probe, log, ComputeDevice.CPU)) {
                base = SealFixtures.logits(m.model(), new long[] {1, 2, 3, 4});
            }
            List<float[]> after = new ArrayList<>();
            c.afterStep((step, m) -> after.add(SealFixtures.logits(m.model(), new long[] {1, 2, 3, 4})));
            Continual.Result r = c.run(ckpt, "passage-only", 3, 2, Progress.none(), () -> false);

            assertEquals(ps.subList(0, 3), r.passages());
            assertEquals(List.of("cola", "0", "cola", "0", "colb", "1"), grader.golds.subList(0, 6), "grading order: passages so far, in order");
            assertArrayEquals(new double[][] {{1, NaN, NaN}, {0.5, 1, NaN}, {0, 0.5, 1}}, r.matrices().get(0));
            assertArrayEquals(new double[][] {{0.5, NaN, NaN}, {0, 1, NaN}, {0.5, 0, 0.5}}, r.matrices().get(1));
            assertArrayEquals(new double[][] {{0.75, NaN, NaN}, {0.25, 1, NaN}, {0.25, 0.25, 0.75}}, r.mean());
            assertArrayEquals(new double[] {0.75, 1, 0.75}, r.newest(), 1e-12);
            assertArrayEquals(new double[] {NaN, 0.25, 0.25}, r.retention(), 1e-12);
            // Forgetting at step 3: p1 fell from 0.75 to 0.25, p2 from 1 to 0.25: mean 0.625.
            assertArrayEquals(new double[] {NaN, 0.5, 0.625}, r.forgetting(), 1e-12);

            // The adapters were merged: the weights (no adapter is attached any more) move at every step, and each
            // repeat starts again from the base weights.
            assertEquals(6, after.size());
            assertFalse(Arrays.equals(base, after.get(0)), "step 1 changed the weights");
            assertFalse(Arrays.equals(after.get(0), after.get(1)), "step 2 changed them again");
            try (SealModel m = SealModel.open(probe, log, ComputeDevice.CPU)) {
                assertArrayEquals(base, SealFixtures.logits(m.model(), new long[] {1, 2, 3, 4}), "the checkpoint is untouched");
            }

            // Stored: one run per (repeat, step), its answers those of the passages so far.
            List<RunRecord> runs = log.runs();
            assertEquals(6, runs.size());
            assertEquals(List.of(2, 4, 6, 2, 4, 6), runs.stream().map(x -> log.answersOfRun(x.id()).size()).toList());
            assertEquals(Continual.label(3, 3), runs.get(2).condition());
            assertEquals(ps.get(2), runs.get(2).passageId());
            assertTrue(runs.stream().allMatch(x -> x.status().equals("done") && x.settingsJson().contains("\"continual\"")));
            assertFalse(log.trainingSteps(runs.get(0).id()).isEmpty());

            // Running it again reads the matrix back from the log (the script is spent: a grade would fail).
            Continual again = new Continual(log, s, new PassageSplit(10), grader, ComputeDevice.CPU);
            Continual.Result r2 = again.run(ckpt, "passage-only", 3, 2, Progress.none(), () -> false);
            assertEquals(6, again.reused());
            assertEquals(0, again.trained(), "nothing to rebuild when every step is stored");
            assertArrayEquals(r.mean(), r2.mean());
            assertEquals(6, log.runs().size());

            // Read back from the log alone (no model): the same matrices, repeat by repeat, for the grader that graded them.
            List<Continual.Stored> stored = Continual.stored(log, () -> false);
            assertEquals(1, stored.size());
            Continual.Stored st = stored.get(0);
            assertEquals("scripted", st.grader());
            assertEquals(0, st.unfinishedRepeats());
            assertEquals(r.passages(), st.result().passages());
            assertEquals("passage-only", st.result().source());
            assertEquals(r.settingsDigest(), st.result().settingsDigest());
            assertEquals(runs.get(0).modelId(), st.modelId());
            assertArrayEquals(r.matrices().get(0), st.result().matrices().get(0));
            assertArrayEquals(r.matrices().get(1), st.result().matrices().get(1));
            assertArrayEquals(r.forgetting(), st.result().forgetting(), 1e-12);

            String csv = r.csv();
            assertTrue(csv.startsWith("repeat,step,passage,passage_id,accuracy\n"), csv);
            assertTrue(csv.contains("\nmean,3,1," + ps.get(0) + ",0.250000\n"), csv);
            assertEquals(1 + 3 * 6, csv.lines().count(), "6 cells on or left of the diagonal, for 2 repeats and the mean");
            com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(r.json()).getAsJsonObject();
            assertTrue(json.getAsJsonArray("mean").get(0).getAsJsonArray().get(1).isJsonNull());
            assertEquals(0.625, json.getAsJsonArray("forgetting").get(2).getAsDouble(), 1e-12);
            assertTrue(r.text().contains("mean over 2 repeat(s)"), r.text());
        }
    }

    @Test
    void aStoppedSequenceResumesFromItsFirstMissingStepAfterRebuildingTheWeights() throws Exception {
        SealFixtures.engine();
        Path ckpt = SealFixtures.checkpoint(tmp.resolve("base"), 6);
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            SealFixtures.passages(log, 3);
            SealSettings s = SealFixtures.settings();
            // Uninterrupted, for comparison.
            Continual whole = new Continual(log, s, new PassageSplit(10), new SealFixtures.ParityGrader(), ComputeDevice.CPU);
            List<float[]> wholeLogits = new ArrayList<>();
            whole.afterStep((step, m) -> wholeLogits.add(SealFixtures.logits(m.model(), new long[] {5, 6, 7})));
            Continual.Result full = whole.run(ckpt, "passage-only", 3, 1, Progress.none(), () -> false);

            try (ExperimentLog other = ExperimentLog.open(tmp.resolve("ws2"))) {
                SealFixtures.passages(other, 3);
                // Stopped after step 2: the cancel check turns true once two steps are merged.
                Continual first = new Continual(other, s, new PassageSplit(10), new SealFixtures.ParityGrader(), ComputeDevice.CPU);
                int[] merged = {0};
                first.afterStep((step, m) -> merged[0]++);
                assertThrows(java.util.concurrent.CancellationException.class,
                        () -> first.run(ckpt, "passage-only", 3, 1, Progress.none(), () -> merged[0] >= 2 && answered(other) >= 2));
                assertEquals(2, other.runs().stream().filter(x -> x.status().equals("done")).count());
                assertTrue(Continual.stored(other, () -> false).isEmpty(), "a repeat with a step missing is not a matrix");

                Continual resumed = new Continual(other, s, new PassageSplit(10), new SealFixtures.ParityGrader(), ComputeDevice.CPU);
                List<float[]> resumedLogits = new ArrayList<>();
                resumed.afterStep((step, m) -> resumedLogits.add(SealFixtures.logits(m.model(), new long[] {5, 6, 7})));
                Continual.Result r = resumed.run(ckpt, "passage-only", 3, 1, Progress.none(), () -> false);
                assertEquals(2, resumed.reused());
                assertEquals(3, resumed.trained(), "steps 1 and 2 retrained to rebuild the weights, step 3 trained");
                assertArrayEquals(wholeLogits.get(2), resumedLogits.get(2), "the rebuilt weights are the uninterrupted run's");
                assertArrayEquals(full.matrices().get(0), r.matrices().get(0));
                List<Continual.Stored> back = Continual.stored(other, () -> false);
                assertEquals(1, back.size());
                assertArrayEquals(full.matrices().get(0), back.get(0).result().matrices().get(0), "read back once resumed");
            }
        }
    }

    private static long answered(ExperimentLog log) {
        return log.runs().stream().filter(x -> x.status().equals("done")).count();
    }

    @Test
    void unknownSourceIsRefusedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Continual.condition("cpt:passage-only"));
        assertTrue(e.getMessage().contains(Continual.SOURCES), e.getMessage());
        assertEquals(new Evaluation.Condition("self-edits", "gpt"), Continual.condition("self-edits:gpt"));
    }
}
