package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.PassageSummary;
import org.sealworkbench.store.RlRoundRecord;
import org.sealworkbench.util.Progress;

/**
 * Trying settings in one workspace: a ReST-EM run with other settings runs rounds of its own beside the earlier run's
 * (its own rl_round rows, experiment and merged model folder) instead of reporting the earlier run's round 1 as its own,
 * and reuses the earlier run's self-edits only where they were sampled as it samples.
 */
class RestEmOtherSettingsTest {
    @TempDir Path tmp;

    private static SealSettings base() {
        SealSettings d = SealFixtures.settings();
        RlSettings small = new RlSettings(1, 1, 1, 1, true, d.rl().sft(), d.rl().seed());
        return new SealSettings("test", d.generation(), d.innerLoop(), d.eval(), small);
    }

    private static SealSettings withInnerLr(SealSettings s, double lr) {
        TrainingSettings t = s.innerLoop().training();
        TrainingSettings other = new TrainingSettings(lr, t.epochs(), t.batchSize(), t.schedule(), t.warmupSteps(), t.weightDecay(),
                t.gradClip());
        return new SealSettings(s.preset(), s.generation(), s.innerLoop().withTraining(other), s.eval(), s.rl());
    }

    private static SealSettings withTemperature(SealSettings s, double temperature) {
        GenerationSettings g = s.generation();
        GenerationSettings other = new GenerationSettings(g.template(), g.k(), temperature, g.topP(), g.maxTokens(), g.seed());
        return new SealSettings(s.preset(), other, s.innerLoop(), s.eval(), s.rl());
    }

    private RestEm restEm(ExperimentLog log, SealSettings s) {
        return new RestEm(log, s, new PassageSplit(1), new SealFixtures.ParityGrader(), ComputeDevice.CPU);
    }

    private static int selfEdits(ExperimentLog log) {
        int n = 0;
        for (PassageSummary p : log.passages()) n += log.selfEdits(p.id()).size();
        return n;
    }

    @Test
    void aRunWithOtherSettingsRunsItsOwnRoundAndLeavesTheEarlierOnesModelAlone() throws Exception {
        SealFixtures.engine();
        Path ckpt = SealFixtures.checkpoint(tmp.resolve("base"), 8);
        SealSettings first = base();
        SealSettings otherLr = withInnerLr(first, 1e-2);
        assertNotEquals(first.digest(), otherLr.digest());
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            SealFixtures.passages(log, 3);
            List<RestEm.Round> a = restEm(log, first).run(ckpt, 1, Progress.none(), () -> false);
            Path aDir = a.get(0).modelDir();
            assertEquals("round-1", aDir.getFileName().toString());
            byte[] aWeights = Files.readAllBytes(aDir.resolve("model.safetensors"));
            int editsAfterA = selfEdits(log);

            // other inner-loop lr: the same self-edits (sampled the same way) but rewards, SFT and model of its own
            RestEm b = restEm(log, otherLr);
            List<RestEm.Round> bRounds = b.run(ckpt, 1, Progress.none(), () -> false);
            assertEquals(0, b.reused(), "an earlier run's round 1 with another lr is not this run's round 1");
            RestEm.Round bRound = bRounds.get(0);
            assertNotEquals(a.get(0).rlRoundId(), bRound.rlRoundId());
            assertEquals("round-1-" + bRound.rlRoundId(), bRound.modelDir().getFileName().toString());
            assertNotEquals(a.get(0).modelOutId(), bRound.modelOutId());
            assertArrayEquals(aWeights, Files.readAllBytes(aDir.resolve("model.safetensors")), "the earlier run's model is untouched");
            assertEquals(editsAfterA, selfEdits(log), "self-edits sampled as this run samples are reused");
            assertEquals(2, log.rlRounds().size());

            // each run again: replayed from its own round, nothing new
            RestEm bAgain = restEm(log, otherLr);
            assertEquals(bRound.modelOutId(), bAgain.run(ckpt, 1, Progress.none(), () -> false).get(0).modelOutId());
            assertEquals(1, bAgain.reused());
            RestEm aAgain = restEm(log, first);
            RestEm.Round replayed = aAgain.run(ckpt, 1, Progress.none(), () -> false).get(0);
            assertEquals(1, aAgain.reused());
            RestEm.Round ran = a.get(0);
            assertTrue(replayed.stored());
            assertFalse(ran.stored());
            assertEquals(ran.modelOutId(), replayed.modelOutId());
            assertEquals(ran.rlRoundId(), replayed.rlRoundId());
            // read back from the stored runs and rewards: what running it reported
            assertEquals(ran.passages(), replayed.passages());
            assertEquals(ran.kept(), replayed.kept());
            assertEquals(ran.meanBaseline(), replayed.meanBaseline(), 1e-12);
            assertEquals(ran.meanReward(), replayed.meanReward(), 1e-12);
            assertEquals(ran.meanBestReward(), replayed.meanBestReward(), 1e-12);
            assertEquals(2, log.rlRounds().size());
            for (RlRoundRecord r : log.rlRounds()) assertEquals("done", r.status());

            // another temperature: the earlier samples were not drawn this way, so the round samples its own
            RestEm c = restEm(log, withTemperature(first, 0.5));
            c.run(ckpt, 1, Progress.none(), () -> false);
            assertEquals(0, c.reused());
            int k = first.rl().k(), passagesPerRound = first.rl().passagesPerRound();
            assertEquals(editsAfterA + k * passagesPerRound, selfEdits(log), "new samples at the new temperature");
            assertEquals(3, log.rlRounds().size());
        }
    }
}
