package org.sealworkbench.seal;

import org.sealworkbench.util.Progress;
import static org.junit.jupiter.api.Assertions.*;

import org.sealworkbench.llm.ComputeDevice;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.store.AnswerRecord;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.GradeRecord;
import org.sealworkbench.store.ModelRecord;
import org.sealworkbench.store.RewardRecord;
import org.sealworkbench.store.RlRoundRecord;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.store.SelfEditRecord;

class RestEmTest {
    @TempDir Path tmp;

    @Test
    void topOneIsTheHighestRewardAndTheEarliestWinsTies() {
        assertEquals(1, RestEm.bestIndex(new double[] {0.5, 0.7, 0.7}));
        assertEquals(0, RestEm.bestIndex(new double[] {0.0, 0.0, 0.0}));
        assertEquals(2, RestEm.bestIndex(new double[] {0.1, 0.2, 0.3}));
        assertEquals(0, RestEm.bestIndex(new double[] {1.0, 0.5, 1.0}));
        assertThrows(IllegalArgumentException.class, () -> RestEm.bestIndex(new double[0]));
    }

    @Test
    void aRoundStoresRewardsAsMeansOverRepeatsKeepsTheTopOneAndSavesAMergedModelWithItsParent() throws Exception {
        SealFixtures.engine();
        Path ckpt = SealFixtures.checkpoint(tmp.resolve("base"), 8);
        SealSettings s = SealFixtures.settings();   // 1 round, 2 passages, k 3, 2 repeats
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            List<Long> ps = SealFixtures.passages(log, 3);
            RestEm rl = new RestEm(log, s, new PassageSplit(1), new SealFixtures.ParityGrader(), ComputeDevice.CPU);
            List<RestEm.Round> rounds = rl.run(ckpt, 1, Progress.none(), () -> false);
            RestEm.Round r = rounds.get(0);
            assertEquals(ps.subList(1, 3), r.passages(), "RL trains on the passages after the validation one");
            assertEquals(2 * 3 * 2, rl.timing().innerLoops());
            assertEquals(2, rl.timing().baselines());

            List<RunRecord> runs = log.runs();
            assertTrue(runs.stream().noneMatch(x -> x.passageId().equals(ps.get(0))), "no run on the validation passage");
            double[] bestPerPassage = new double[2];
            for (int pi = 0; pi < 2; pi++) {
                long pid = r.passages().get(pi);
                List<SelfEditRecord> edits = log.selfEdits(pid);
                assertEquals(3, edits.size());
                double[] rewards = new double[3];
                for (int i = 0; i < 3; i++) {
                    List<RewardRecord> rr = log.rewards(edits.get(i).id());
                    assertEquals(1, rr.size());
                    assertEquals(r.rlRoundId(), rr.get(0).rlRoundId());
                    assertEquals(2, rr.get(0).runIds().size(), "one reward from the 2 repeats");
                    double sum = 0;
                    for (long runId : rr.get(0).runIds()) sum += accuracyFromGrades(log, runId);
                    assertEquals(sum / 2, rr.get(0).value(), 1e-12, "reward = mean adapted accuracy over the repeats");
                    rewards[i] = rr.get(0).value();
                }
                int best = 0;
                for (int i = 1; i < 3; i++) if (rewards[i] > rewards[best]) best = i;
                assertEquals(edits.get(best).id(), r.kept().get(pi), "the top-1 self-edit, earliest on ties");
                bestPerPassage[pi] = rewards[best];
            }
            assertEquals((bestPerPassage[0] + bestPerPassage[1]) / 2, r.meanBestReward(), 1e-12);
            assertEquals(6, r.noise().selfEdits(), "2 repeats of every self-edit measure the reward's noise");
            assertEquals(2, r.noise().passages());
            assertEquals(2, r.noise().repeats());

            // Lineage: a new model row whose parent is the input model; the round is done and points at it.
            ModelRecord out = log.model(r.modelOutId()).orElseThrow();
            assertEquals(r.modelInId(), out.parentModelId());
            assertEquals("round-1", out.name());
            assertEquals(tmp.resolve("ws/models/round-1").toAbsolutePath().normalize().toString(), out.path());
            RlRoundRecord rec = log.rlRounds().get(0);
            assertEquals("done", rec.status());
            assertEquals(r.modelOutId(), rec.modelOutId());
            JsonObject desc = JsonParser.parseString(log.experiments().stream().filter(e -> e.id() == r.experimentId())
                    .findFirst().orElseThrow().description()).getAsJsonObject();
            assertEquals(List.of(ps.get(1), ps.get(2)), List.of(desc.getAsJsonArray("rl_train_passage_ids").get(0).getAsLong(),
                    desc.getAsJsonArray("rl_train_passage_ids").get(1).getAsLong()));
            // The saved model loads and differs from the base: SFT changed the weights.
            long[] ids = {1, 70, 71, 72};
            try (LlamaModel base = LlamaModel.load(ckpt, ComputeDevice.CPU); LlamaModel merged = LlamaModel.load(Path.of(out.path()), ComputeDevice.CPU)) {
                assertFalse(java.util.Arrays.equals(SealFixtures.logits(base, ids), SealFixtures.logits(merged, ids)));
            }
            assertTrue(Files.isRegularFile(Path.of(out.path()).resolve("tokenizer.json")));

            // Running it again computes nothing.
            long runsBefore = log.counts().runs();
            RestEm again = new RestEm(log, s, new PassageSplit(1), new SealFixtures.ParityGrader(), ComputeDevice.CPU);
            List<RestEm.Round> second = again.run(ckpt, 1, Progress.none(), () -> false);
            assertEquals(r.modelOutId(), second.get(0).modelOutId());
            assertEquals(runsBefore, log.counts().runs());
            assertEquals(0, again.timing().innerLoops());
        }
    }

    @Test
    void withoutKeepWithoutGainNothingAtOrBelowTheBaselineIsKept() throws Exception {
        SealFixtures.engine();
        Path ckpt = SealFixtures.checkpoint(tmp.resolve("base"), 9);
        SealSettings d = SealFixtures.settings();
        RlSettings r0 = d.rl();
        RlSettings noKeep = new RlSettings(1, 1, 2, 1, false, r0.sft(), r0.seed());
        SealSettings s = new SealSettings("test", d.generation(), d.innerLoop(), d.eval(), noKeep);
        Grader never = new Grader() {
            public String name() {
                return "never";
            }

            public Grade grade(String q, String gold, String a) {
                return Grade.of(false, null, "never");
            }
        };
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws2"))) {
            SealFixtures.passages(log, 2);
            RestEm.Round r = new RestEm(log, s, new PassageSplit(1), never, ComputeDevice.CPU).run(ckpt, 1, Progress.none(), () -> false).get(0);
            assertEquals(0.0, r.meanBaseline());
            assertEquals(0.0, r.meanBestReward());
            assertNull(r.noise(), "one repeat: no noise estimate");
            assertEquals(1, r.kept().size());
            assertNull(r.kept().get(0), "a reward equal to the baseline is no gain");
            assertEquals(r.modelInId(), r.modelOutId(), "nothing to SFT on: the generator stays");
            assertFalse(Files.exists(tmp.resolve("ws2/models/round-1")));
        }
    }

    static double accuracyFromGrades(ExperimentLog log, long runId) {
        List<AnswerRecord> answers = log.answersOfRun(runId);
        int correct = 0;
        for (AnswerRecord a : answers) {
            List<GradeRecord> g = log.grades(a.id());
            if (Grade.isCorrectVerdict(g.get(g.size() - 1).verdict())) correct++;
        }
        return correct / (double) answers.size();
    }

    static List<String> sorted(List<String> xs) {
        List<String> out = new ArrayList<>(xs);
        java.util.Collections.sort(out);
        return out;
    }
}
