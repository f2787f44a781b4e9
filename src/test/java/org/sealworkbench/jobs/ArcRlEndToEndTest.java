package org.sealworkbench.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.arc.ArcTask;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.llm.training.LossMask;
import org.sealworkbench.llm.training.TokenLoss;
import org.sealworkbench.seal.SealModel;
import org.sealworkbench.seal.arc.ArcRestEm;
import org.sealworkbench.seal.arc.ArcTable;
import org.sealworkbench.seal.arc.TttConfig;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.ModelRecord;
import org.sealworkbench.util.CancelToken;

/**
 * One few-shot ReST-EM round end to end on a model small enough for a test ({@link ArcRlFixtures}: seal-tiny with a
 * longer context, taught to write two configs): real sampling, real inner loops, real rewards, the SFT of the rewarded
 * pairs, the merged model saved with its parent; stopped in the SFT and resumed without a single inner loop or sample;
 * run a third time, read back; then `arc` on the round's model, which the few-shot table names as the round's. Slow
 * (about three minutes on two cores, most of it teaching the generator), so tagged "slow": `.ci/run` runs it.
 */
@Tag("slow")
class ArcRlEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void aRoundRewardsSolvedSelfEditsFineTunesTheGeneratorOnThemSavesItAndResumesByLookup() throws Exception {
        TestEngine.setUp();
        Path m0 = ArcRlFixtures.longContextTiny(tmp.resolve("m0"));
        Path tasksFile = ArcRlFixtures.constantTasks(tmp.resolve("t"), new LinkedHashMap<>(Map.of("aa", 1, "bb", 6)));
        List<ArcTask> tasks = ArcJob.readTasks(tasksFile, null);
        Path gen = ArcRlFixtures.teachConfigs(m0, tmp.resolve("gen"), tasks, List.of(ArcRlFixtures.LEARNS,
                ArcRlFixtures.OVER_CAP), 20);
        Path ws = tmp.resolve("ws");
        // 8 samples a task: the taught generator samples either config, and a round whose samples were all the over-cap
        // one rewards nothing and has no SFT to stop in (with 4 a task, a CI run on a fresh clone ended so once)
        ArcRlRequest q = new ArcRlRequest(ws, gen, tasksFile, null, List.of(), 0, "tiny-cpu", 0, 8, false, 0, 1, 0, 1e-3, 0,
                192);

        // 1. stopped in the SFT: every inner loop and the round's rewards are stored, no model
        CancelToken stop = new CancelToken();
        try {
            ArcRlJob.Report ended = Jobs.run(q, (d, t, m) -> {
                if (m != null && m.contains("SFT of the generator")) {
                    stop.cancel();
                }
            }, stop);
            fail("the round ended without an SFT to stop in: " + ended.rewarded() + " rewarded of " + ended.pairs());
        } catch (JobCancelledException expected) {
            // stopped in the SFT
        }
        int runs;
        List<ArcRestEm.Pair> pairs;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            runs = log.arcRuns().size();
            assertTrue(runs >= 2 && runs <= 16, "the sampled configs' inner loops: " + runs);
            assertEquals(1, ArcRlJob.rounds(log).size());
            pairs = ArcRestEm.fromJson(ArcRlJob.rounds(log).get(0).getValue().getAsJsonArray("pairs"));
            assertEquals(1, log.models().size(), "no round model yet");
            assertEquals("cancelled", log.jobs().get(0).status());
        }
        assertEquals(16, pairs.size(), "8 self-edits of each of 2 tasks");
        TttConfig learns = TttConfig.parse(ArcRlFixtures.LEARNS).config().orElseThrow();
        TttConfig overCap = TttConfig.parse(ArcRlFixtures.OVER_CAP).config().orElseThrow();
        for (ArcRestEm.Pair p : pairs) {
            assertTrue(p.config().toJson().equals(learns.toJson()) || p.config().toJson().equals(overCap.toJson()),
                    "the taught configs are what the model samples: " + p.text());
            if (p.config().toJson().equals(overCap.toJson())) {
                assertFalse(p.trained(), "over SEAL's step cap: not trained");
                assertTrue(p.notTrained().contains("exceed 375 steps"), p.notTrained());
                assertEquals(0, p.reward());
            }
        }
        List<ArcRestEm.Pair> rewarded = ArcRestEm.rewarded(pairs);
        assertFalse(rewarded.isEmpty(), "the config that learns the constant answer solves its task: " + pairs);
        rewarded.forEach(p -> assertEquals(learns.toJson(), p.config().toJson()));

        // 2. the same command again: no sampling, no inner loop; the SFT on the rewarded pairs, the model saved
        java.util.concurrent.atomic.AtomicInteger samplingTold = new java.util.concurrent.atomic.AtomicInteger();
        ArcRlJob.Report second = ArcRlJob.run(q, (d, t, m) -> { }, new CancelToken(), new ArcSteps() {
            @Override
            public void sampling(String task, int wanted) {
                samplingTold.incrementAndGet();
            }

            @Override
            public void step(String task, TttConfig config, long step, long totalSteps, double loss) {
            }

            @Override
            public void result(org.sealworkbench.seal.arc.ArcTtt.Result result) {
            }
        });
        assertFalse(second.stored());
        assertEquals(0, samplingTold.get(), "nothing sampled");
        assertEquals(2, second.sampling().size(), "each task's sampling as the round's record keeps it");
        assertEquals(0, second.innerLoops(), "no inner loop trained");
        assertEquals(pairs.size(), second.pairs().size());
        assertEquals(rewarded.size(), second.rewarded());
        assertEquals(rewarded.size(), second.sftExamples());
        assertNotNull(second.modelOutId());
        assertEquals(ws.resolve("models/arc-round-1").toAbsolutePath().normalize(), second.modelDir());
        assertTrue(Files.isRegularFile(second.modelDir().resolve("model.safetensors")));
        long genId;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(runs, log.arcRuns().size(), "no run added");
            ModelRecord out = log.model(second.modelOutId()).orElseThrow();
            genId = log.models().stream().filter(m -> m.path().equals(gen.toAbsolutePath().normalize().toString()))
                    .findFirst().orElseThrow().id();
            assertEquals(genId, out.parentModelId(), "the round's model descends from its generator");
            assertEquals("arc-round-1", out.name());
            assertEquals("done", log.jobs().get(1).status());
        }
        // the SFT taught the rewarded completions: their loss (completion only) fell
        Map<String, ArcTask> byName = new LinkedHashMap<>();
        tasks.forEach(t -> byName.put(t.name(), t));
        double before, after;
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("probe"));
                SealModel a = SealModel.open(gen, log, ComputeDevice.CPU);
                SealModel b = SealModel.open(second.modelDir(), log, ComputeDevice.CPU)) {
            before = TokenLoss.of(org.sealworkbench.llm.training.TrainableModel.of(a.model()), ArcRestEm.sftSet(a, byName, rewarded).examples(), a.eosId(), LossMask.PROMPT)
                    .meanLoss();
            after = TokenLoss.of(org.sealworkbench.llm.training.TrainableModel.of(b.model()), ArcRestEm.sftSet(b, byName, rewarded).examples(), b.eosId(), LossMask.PROMPT)
                    .meanLoss();
        }
        assertTrue(after < before, "completion loss " + before + " -> " + after);

        // 3. once more: read back whole, nothing computed, no model loaded
        ArcRlJob.Report third = Jobs.run(q, (d, t, m) -> { }, new CancelToken());
        assertTrue(third.stored());
        assertEquals(second.modelOutId(), third.modelOutId());
        assertEquals(second.pairs().size(), third.pairs().size());
        assertEquals(second.rewarded(), third.rewarded());
        assertFalse(second.sftLoss().isEmpty(), "the SFT's steps");
        assertEquals(second.sftLoss(), third.sftLoss(), "the SFT's loss read back with the round");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(runs, log.arcRuns().size());
            assertEquals(2, log.models().size() - 0, "generator and round model: " + log.models());
        }

        // 4. `arc` on the round's model: its self-edits are the round's row of the few-shot table
        Jobs.run(new ArcRequest(ws, second.modelDir(), tasksFile, null, List.of(), 0, "tiny-cpu", 0, List.of(), 2, false,
                false, 0, 1, 192), (d, t, m) -> { }, new CancelToken());
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            List<String> conditions = ArcTable.compute(log).stream().map(ArcTable.Row::condition).toList();
            assertTrue(conditions.contains("self-edits of arc-round-1 (after few-shot RL round 1)"), conditions.toString());
            assertTrue(conditions.contains("self-edits of gen"), conditions.toString());
        }
    }
}
