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

    /**
     * Why each closed-book answer ended is stored the same batched as one at a time: a question whose prompt leaves the
     * model's context less room than the 6-token limit stops there ("context", the context's size), a short one at the limit
     * ("max_tokens", 6), each row of the batch at its own length. A tiny random Llama (it rarely draws its EOS), its context
     * set 3 tokens past the long question's prompt.
     */
    @Test
    void batchedAnswersRecordTheSameFinishAsOneAtATime() throws Exception {
        SealFixtures.engine();
        String longQuestion = "What is the colour of the sky above the land that lies far away in the cold north?";
        Path dir = org.sealworkbench.llm.TestEngine.tinyLlama(tmp.resolve("m-finish"));
        int longPrompt;
        try (org.sealworkbench.llm.tokenizer.Tokenizer tok = org.sealworkbench.llm.tokenizer.Tokenizer.load(dir)) {
            longPrompt = tok.encode(PromptTemplates.qaPrompt("T0", longQuestion), true).length;
            assertTrue(longPrompt - tok.encode(PromptTemplates.qaPrompt("T1", "Q?"), true).length > 6, "the short prompt leaves room for 6");
        }
        int context = longPrompt + 3;
        org.sealworkbench.llm.TestEngine.widenContext(dir, context);
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws-finish"));
             SealModel model = SealModel.open(dir, log, ComputeDevice.CPU)) {
            List<Long> ps = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ps.add(log.addPassage(new org.sealworkbench.data.Passage("T" + i, "Fact " + i + ": the sky of land " + i + " is cola.",
                        List.of(new org.sealworkbench.data.Question(longQuestion, "cola"), new org.sealworkbench.data.Question("Q?", "a"))),
                        "fixture"));
            }
            InnerLoop il = new InnerLoop(log, model, SealFixtures.settings(), new SealFixtures.ParityGrader());
            List<InnerLoop.Spec> specs = new ArrayList<>();
            for (int k = 0; k < EDITS.length; k++) specs.add(new InnerLoop.Spec(null, ps.get(k % 2), null, EDITS[k], "t", 100 + k));
            List<InnerLoop.Outcome> alone = new ArrayList<>();
            for (InnerLoop.Spec s : specs) alone.add(il.run(s, () -> false));
            List<InnerLoop.Outcome> batched = il.runBatched(specs, () -> false);
            java.util.Set<String> seen = new java.util.TreeSet<>();
            for (int k = 0; k < specs.size(); k++) {
                List<String> a = finishes(log, alone.get(k).runId()), b = finishes(log, batched.get(k).runId());
                assertEquals(a, b, "self-edit " + k + ": why each answer ended, alone and batched");
                seen.addAll(a);
            }
            assertTrue(seen.contains("context " + context) && seen.contains("max_tokens 6"),
                    "the context cut the long question's answers and the limit the short one's: " + seen);
        }
    }

    /** Each answer of the run: its stored finish and the limit that cut it. */
    private static List<String> finishes(ExperimentLog log, long runId) {
        return log.answersOfRun(runId).stream().map(a -> a.finish() + " " + a.finishLimit()).toList();
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
