package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.llm.training.LossMask;
import org.sealworkbench.llm.training.LrSchedule;
import org.sealworkbench.llm.training.TrainSettings;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.NewSelfEdit;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.util.Progress;

class CptEvaluationTest {
    @TempDir Path tmp;

    private static String batches(List<Integer> seqs, TrainSettings ts) {
        return CptEvaluation.batches(seqs, ts).toString();
    }

    @Test
    void batchingOrderWithoutShuffleIsPassageAfterPassageCutIntoMicroBatchesAndSteps() {
        // Passages with 2, 1 and 3 sequences: p0s0 p0s1 p1s0 p2s0 p2s1 p2s2; micro-batches of 2, 2 per optimizer step.
        TrainSettings ts = new TrainSettings(2, 2, 2, 1e-3, LrSchedule.Kind.LINEAR, 0, 0, 1, LossMask.NONE, false, 5);
        String epoch = "[[p0s0, p0s1], [p1s0, p2s0]], [[p2s1, p2s2]]";
        assertEquals("[" + epoch + ", " + epoch + "]", batches(List.of(2, 1, 3), ts));
        // Batch 4, no accumulation: 6 sequences make a step of 4 and a step of the last 2.
        assertEquals("[[[p0s0, p0s1, p1s0, p2s0]], [[p2s1, p2s2]]]",
                batches(List.of(2, 1, 3), new TrainSettings(1, 4, 1, 1e-3, LrSchedule.Kind.LINEAR, 0, 0, 1, LossMask.NONE, false, 5)));
    }

    @Test
    void batchingOrderIsReshuffledEachEpochFromTheSeedAcrossPassages() {
        // Hand-derived with an independent replica of java.util.Random and Collections.shuffle (seed 5 * 1_000_003 + epoch):
        // epoch 0 order [1, 2, 0, 5, 4, 3], epoch 1 order [5, 1, 4, 0, 2, 3] over p0s0 p0s1 p1s0 p2s0 p2s1 p2s2, so a
        // micro-batch mixes passages.
        TrainSettings ts = new TrainSettings(2, 2, 2, 1e-3, LrSchedule.Kind.LINEAR, 0, 0, 1, LossMask.NONE, true, 5);
        assertEquals("[[[p0s1, p1s0], [p0s0, p2s2]], [[p2s1, p2s0]], "
                + "[[p2s2, p0s1], [p2s1, p0s0]], [[p1s0, p2s0]]]", batches(List.of(2, 1, 3), ts));
    }

    @Test
    void cptTrainsWithCptSizesAndTheInnerLoopsScheduleAndASeedPerRepeat() {
        SealSettings s = SealFixtures.settings();
        CptSettings cpt = new CptSettings(200, 3, 1e-3, 4, 2, 2, 1000, 42);
        TrainSettings ts = CptEvaluation.trainSettings(s, cpt, 99);
        assertEquals(3, ts.epochs());
        assertEquals(4, ts.batchSize());
        assertEquals(2, ts.gradAccum());
        assertEquals(1e-3, ts.lr());
        assertEquals(LrSchedule.Kind.LINEAR, ts.schedule());
        assertEquals(1.0, ts.maxGradNorm());
        assertEquals(LossMask.PADDING, ts.mask(), "the fixture's inner loop keeps padding out of the loss");
        assertTrue(ts.shuffle());
        assertEquals(99, ts.seed());
        assertNotEquals(CptEvaluation.seed(s, 0), CptEvaluation.seed(s, 1));
        assertEquals(CptEvaluation.seed(s, 1), CptEvaluation.seed(s, 1));
        // SEAL's values in the reference preset, and the snapshot's digest differs from the plain settings' one.
        assertEquals(new CptSettings(200, 3, 1e-3, 4, 2, 1, 1000, 42), Presets.cpt(Presets.REFERENCE));
        assertNotEquals(s.digest(), cpt.digest(s));
        assertNotEquals(cpt.digest(s), cpt.withPassages(20).digest(s), "CPT over another number of passages is another row");
    }

    @Test
    void conditionsParse() {
        assertEquals(new Evaluation.Condition("cpt:passage-only", null), Evaluation.Condition.parse("cpt:passage-only"));
        assertEquals(new Evaluation.Condition("cpt:self-edits", "gpt4_1"), Evaluation.Condition.parse("cpt:self-edits:gpt4_1"));
        assertEquals(new Evaluation.Condition("cpt:seal-round", "2"), Evaluation.Condition.parse("cpt:seal-round:2"));
        assertTrue(Evaluation.Condition.parse("cpt:base-self-edits").isCpt());
        assertEquals(new Evaluation.Condition("base-self-edits", null), Evaluation.Condition.parse("cpt:base-self-edits").single());
        for (String bad : List.of("cpt:", "cpt:no-adaptation", "cpt:cpt:passage-only", "cpt:seal-round:0")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Evaluation.Condition.parse(bad));
            assertTrue(e.getMessage().contains("cpt:passage-only"), e.getMessage());
        }
    }

    @Test
    void bootstrapOfTheMicroAccuracyIsOverPassagesAndSeeded() {
        // Every passage at 1/2: every resample is 1/2.
        assertArrayEquals(new double[] {0.5, 0.5}, Bootstrap.microInterval(new int[] {1, 2, 3}, new int[] {2, 4, 6}, 500, 1), 1e-12);
        // Two passages, 0 of 1 and 1 of 1: a resample's micro accuracy is 0, 1/2 or 1 (probabilities 1/4, 1/2, 1/4), so
        // the 2.5th and 97.5th percentiles of 1000 resamples are 0 and 1.
        assertArrayEquals(new double[] {0, 1}, Bootstrap.microInterval(new int[] {0, 1}, new int[] {1, 1}, 1000, 3), 1e-12);
        // Passages, not answers, are drawn: one big passage at 9/10 and one small at 0/1 keep 9/11 within reach.
        double[] a = Bootstrap.microInterval(new int[] {9, 0, 1, 2}, new int[] {10, 1, 2, 4}, 1000, 7);
        assertArrayEquals(a, Bootstrap.microInterval(new int[] {9, 0, 1, 2}, new int[] {10, 1, 2, 4}, 1000, 7), "seeded");
        assertTrue(a[0] < 12 / 17.0 && 12 / 17.0 < a[1], a[0] + " " + a[1]);
        assertEquals(2.5, Bootstrap.percentile(new double[] {1, 2, 3, 4}, 0.5), 1e-12);
        assertEquals(3.25, Bootstrap.percentile(new double[] {1, 2, 3, 4}, 0.75), 1e-12);
        assertTrue(Double.isNaN(Bootstrap.microInterval(new int[0], new int[0], 10, 1)[0]));
    }

    /** Correct exactly when the gold answer is one the test lists. */
    private record GoldGrader(Set<String> correctGolds) implements Grader {
        @Override
        public String name() {
            return "gold-list";
        }

        @Override
        public Grade grade(String question, String gold, String answer) {
            return Grade.of(correctGolds.contains(gold), null, name());
        }
    }

    @Test
    void oneRunCoversAllPassagesReportsMicroAccuracyAndResumes() throws Exception {
        SealFixtures.engine();
        Path ckpt = SealFixtures.checkpoint(tmp.resolve("base"), 6);
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            List<Long> ps = SealFixtures.passages(log, 4);
            long gpt = log.addModel("gpt4_1", null, "gpt", null);
            for (long p : ps) log.addSelfEdit(new NewSelfEdit(p, "gpt says " + p, AuthorKind.IMPORT, gpt, null, null, null, null, "f"));
            SealSettings s = SealFixtures.settings();
            CptSettings cpt = new CptSettings(3, 2, 5e-2, 2, 1, 1, 200, 7);
            // Gold answers: p0 cola/0, p1 colb/1, p2 colc/2. Correct: p0 one of 2, p1 none, p2 both: micro 3/6, macro 1/2.
            Grader grader = new GoldGrader(Set.of("cola", "colc", "2"));
            Evaluation eval = new Evaluation(log, s, cpt, new PassageSplit(10), grader, ComputeDevice.CPU);
            Evaluation.Result r = eval.run(ckpt, Evaluation.Condition.parse("cpt:passage-only"), 100, Progress.none(), () -> false);
            assertEquals(ps.subList(0, 3), r.passages(), "min(--passages, the CPT passages) validation passages");
            assertEquals("CPT: passage only", r.condition());
            assertEquals(0.5, r.microAccuracy(), 1e-12);
            assertEquals(0.5, r.macroAccuracy(), 1e-12);
            assertEquals(1, r.runs());
            assertTrue(r.microCiLow() <= 0.5 && 0.5 <= r.microCiHigh());

            List<RunRecord> runs = log.runs();
            assertEquals(1, runs.size(), "one run row covers the three passages");
            RunRecord run = runs.get(0);
            assertNull(run.passageId());
            assertNull(run.selfEditId());
            assertEquals("done", run.status());
            assertEquals(6, log.answersOfRun(run.id()).size());
            // Passage only: one sequence per passage, 3 sequences, batch 2 -> 2 steps per epoch, 2 epochs.
            assertEquals(4, log.trainingSteps(run.id()).size());
            assertTrue(run.settingsJson().contains("\"cpt\""));

            ResultsTable t = ResultsTable.compute(log, null, null);
            ResultRow row = t.rows().get(0);
            assertEquals("CPT: passage only", row.condition());
            assertEquals(3, row.nPassages());
            assertEquals(6, row.nQuestions());
            assertEquals(1, row.nRuns());
            assertEquals(0.5, row.microAccuracy(), 1e-12);
            assertEquals(List.of(0.5, 0.0, 1.0), row.passages().stream().map(ResultRow.PassageAccuracy::accuracy).toList());
            assertEquals(cpt.withPassages(3).digest(s), row.settingsDigest());
            String text = ResultsTableFormat.text(t);
            assertTrue(text.contains("multi-passage (CPT)") && text.lines().anyMatch(l -> l.startsWith("  CPT: passage only")
                    && l.contains("micro 50.0 %") && l.contains("3 of 6 answers, 3 passages")), text);
            com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(ResultsTableFormat.json(t)).getAsJsonObject()
                    .getAsJsonArray("rows").get(0).getAsJsonObject();
            assertEquals(ResultsTable.microInterval(row)[0], json.get("micro_ci_low").getAsDouble());

            // Own self-edits: the same passages, the first imported self-edit of each, a second row.
            Evaluation.Result g = eval.run(ckpt, Evaluation.Condition.parse("cpt:self-edits:gpt"), 100, Progress.none(), () -> false);
            assertEquals("CPT: self-edits of gpt", g.condition());
            assertEquals(0.5, g.microAccuracy(), 1e-12, "the grader only looks at the gold answer");
            assertTrue(log.trainingSteps(log.runs().get(1).id()).size() > 4, "self-edit sequences add training steps");
            assertTrue(log.experiments().stream().anyMatch(e -> e.description().contains("\"self_edit_id\"")));
            List<ResultsTable.PairedDifference> paired = ResultsTable.compute(log, null, null).pairedComparisons();
            assertEquals(1, paired.size());
            assertEquals("CPT: self-edits of gpt", paired.get(0).condition());
            assertEquals("CPT: passage only", paired.get(0).baseline());
            assertEquals(3, paired.get(0).passages());

            // Running it again finds the stored run.
            Evaluation again = new Evaluation(log, s, cpt, new PassageSplit(10), grader, ComputeDevice.CPU);
            Evaluation.Result r2 = again.run(ckpt, Evaluation.Condition.parse("cpt:passage-only"), 100, Progress.none(), () -> false);
            assertEquals(2, log.runs().size());
            assertEquals(1, again.reused());
            assertEquals(r.microAccuracy(), r2.microAccuracy());
        }
    }
    /** A self-edit whose line is longer than the model's context (512 tokens) refuses the CPT condition before it stores or trains. */
    @Test
    void aSelfEditLongerThanTheContextRefusesTheConditionNamingIt() throws Exception {
        SealFixtures.engine();
        Path ckpt = SealFixtures.checkpoint(tmp.resolve("base"), 6);
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            List<Long> ps = SealFixtures.passages(log, 2);
            long gpt = log.addModel("gpt4_1", null, "gpt", null);
            log.addSelfEdit(new NewSelfEdit(ps.get(0), "gpt says", AuthorKind.IMPORT, gpt, null, null, null, null, "f"));
            long longOne = log.addSelfEdit(new NewSelfEdit(ps.get(1), "gpt says more. ".repeat(40).strip(), AuthorKind.IMPORT, gpt,
                    null, null, null, null, "f"));
            Evaluation eval = new Evaluation(log, SealFixtures.settings(), new CptSettings(2, 1, 5e-2, 2, 1, 1, 200, 7),
                    new PassageSplit(10), new GoldGrader(Set.of()), ComputeDevice.CPU);
            ContextFit.SequencesTooLong e = assertThrows(ContextFit.SequencesTooLong.class, () -> eval.run(ckpt,
                    Evaluation.Condition.parse("cpt:self-edits:gpt"), 100, Progress.none(), () -> false));
            String name = "passage " + ps.get(1) + " (\"T1\"), self-edit #" + longOne;
            assertEquals(List.of(name), List.copyOf(e.tokens().keySet()), e.getMessage());
            assertTrue(e.tokens().get(name) > 512);
            assertEquals(List.of(), log.runs(), "nothing trained");
            assertEquals(List.of(), log.experiments(), "nothing of the condition stored");
        }
    }
}
