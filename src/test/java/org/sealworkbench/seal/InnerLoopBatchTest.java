package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.store.AnswerRecord;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.store.TrainingStepRecord;

/**
 * Batched inner loops (issue 19 part 2) against one at a time: three self-edits of different lengths (so their adapters
 * train for different numbers of steps), the same seeds; every stored step's loss (relative 1e-4) and lr, and every
 * greedy closed-book answer, must be the same, and each batched run is stored "done" like a single one.
 */
class InnerLoopBatchTest {
    @TempDir Path tmp;

    private static final String[] EDITS = {
            "1. the sky is cola",
            "1. land zero exists\n2. colours matter a lot\n3. the sky of land zero is cola",
            "1. a\n2. bb cc\n3. the sky is blue today\n4. land one is colb\n5. facts about land zero and land one"};

    private void agree(SealSettings settings) throws Exception {
        SealFixtures.engine();
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws-" + settings.innerLoop().padToLength()));
             SealModel model = SealModel.open(SealFixtures.checkpoint(tmp.resolve("m-" + settings.innerLoop().padToLength()), 3), log, ComputeDevice.CPU)) {
            List<Long> ps = SealFixtures.passages(log, 2);
            InnerLoop il = new InnerLoop(log, model, settings, new SealFixtures.ParityGrader());
            List<InnerLoop.Spec> specs = new ArrayList<>();
            for (int k = 0; k < EDITS.length; k++) specs.add(new InnerLoop.Spec(null, ps.get(k % 2), null, EDITS[k], "t", 100 + k));
            List<InnerLoop.Outcome> alone = new ArrayList<>();
            for (InnerLoop.Spec s : specs) alone.add(il.run(s, () -> false));
            List<InnerLoop.Outcome> batched = il.runBatched(specs, () -> false);
            assertEquals(specs.size(), batched.size());
            List<Integer> stepCounts = new ArrayList<>();
            for (int k = 0; k < specs.size(); k++) {
                List<TrainingStepRecord> a = log.trainingSteps(alone.get(k).runId()), b = log.trainingSteps(batched.get(k).runId());
                stepCounts.add(a.size());
                assertEquals(a.size(), b.size(), "self-edit " + k + ": its own number of steps");
                assertEquals(alone.get(k).steps(), batched.get(k).steps());
                for (int i = 0; i < a.size(); i++) {
                    String where = "self-edit " + k + " step " + (i + 1) + ": alone " + a.get(i) + ", batched " + b.get(i);
                    assertEquals(a.get(i).step(), b.get(i).step(), where);
                    assertEquals(a.get(i).lr(), b.get(i).lr(), 1e-12, where);
                    assertEquals(a.get(i).loss(), b.get(i).loss(), 1e-4 * Math.abs(a.get(i).loss()), where);
                }
                assertEquals(log.answersOfRun(alone.get(k).runId()).stream().map(AnswerRecord::text).toList(),
                        log.answersOfRun(batched.get(k).runId()).stream().map(AnswerRecord::text).toList(), "self-edit " + k + ": answers");
                assertEquals(alone.get(k).correct(), batched.get(k).correct());
                RunRecord run = log.run(batched.get(k).runId()).orElseThrow();
                assertEquals(InnerLoop.DONE, run.status());
                assertEquals(100 + k, run.seed());
                // its own share of the batch's time, not the batch's whole span (started..finished); alone: the span
                assertNotNull(run.seconds(), "a batched run stores its own seconds");
                double span = java.time.Duration.between(run.started(), run.finished()).toNanos() / 1e9;
                assertTrue(run.seconds() > 0 && run.seconds() < span, "share " + run.seconds() + " s of a span of " + span + " s");
                assertEquals(run.seconds(), run.wallSeconds());
                RunRecord one = log.run(alone.get(k).runId()).orElseThrow();
                assertNull(one.seconds());
                assertEquals(java.time.Duration.between(one.started(), one.finished()).toNanos() / 1e9, one.wallSeconds(), 1e-9);
            }
            // (this random fixture model answers with EOS at once, so the answers above are equal but empty; batched decoding
            // with per-row adapters is compared token by token in BatchedTrainerTest)
            assertEquals(stepCounts.size(), stepCounts.stream().distinct().count(), "self-edits of different lengths: " + stepCounts);
            assertTrue(model.model().linears().values().stream().allMatch(l -> l.deltas().isEmpty()), "the stack is gone afterwards");
        }
    }

    @Test
    void threeSelfEditsOfDifferentLengthsGiveTheSameLossesAndAnswersAsOneAtATime() throws Exception {
        agree(SealFixtures.settings());
    }

    @Test
    void theSameWithSequencesPaddedAndLossOnPadding() throws Exception {
        SealSettings s = SealFixtures.settings();
        InnerLoopSettings i = s.innerLoop();
        InnerLoopSettings padded = i.withSequences(new SequenceRules(40, true, i.splitLines(), i.maxSequences()));
        agree(new SealSettings(s.preset(), s.generation(), padded, s.eval(), s.rl()));
    }
}
