package org.sealworkbench.llm;

import org.sealworkbench.llm.lora.LoraAdapter;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.lora.LoraLayer;
import org.sealworkbench.llm.model.Autograd;
import org.sealworkbench.llm.training.LossMask;
import org.sealworkbench.llm.training.LrSchedule;
import org.sealworkbench.llm.training.SftBatch;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.llm.training.TrainResult;
import org.sealworkbench.llm.training.TrainSettings;
import org.sealworkbench.llm.training.Trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.app.Offline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class TrainerTest {
    @TempDir
    Path dir;

    static List<SftExample> data(int n, int vocab, long seed) {
        Random r = new Random(seed);
        List<SftExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 3 + r.nextInt(5);
            int[] ids = new int[len];
            for (int j = 0; j < len; j++) ids[j] = 1 + r.nextInt(vocab - 1);
            out.add(new SftExample(ids, 1 + r.nextInt(2)));
        }
        return out;
    }

    private static LoraAdapter lora(ToyLm m, NDManager nd, double dropout) {
        LoraAdapter a = LoraAdapter.create("t", m.linears(), LoraConfig.of(3, 6, dropout, List.of("q_proj", "v_proj")), 11, nd);
        Random r = new Random(4);   // non-zero B so that A's gradient is not trivially zero
        // in place: B is a view of the adapter's flat buffer, which a flat-parameter trainer updates
        for (LoraLayer l : a.layers().values()) Autograd.overwrite(l.loraB(), ToyLm.rand(r, (int) l.loraB().size(), 0.3));
        a.attach(m.linears());
        return a;
    }

    /** Central differences of the trainer's own loss at a few entries, vs the autograd gradient. */
    static void checkGradient(Trainer tr, Map<String, NDArray> params, String name, List<SftBatch> batches) {
        double[] loss = new double[1];
        float[] g = tr.gradients(batches, loss).get(name);
        assertNotNull(g, "no gradient for " + name);
        assertEquals(loss[0], tr.loss(batches), 1e-5);
        NDArray p = params.get(name);
        float[] base = p.toFloatArray();
        // the three entries with the largest gradient, so each check is well above float noise
        Integer[] idx = new Integer[g.length];
        for (int i = 0; i < g.length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (a, b) -> Float.compare(Math.abs(g[b]), Math.abs(g[a])));
        double eps = 1e-2;
        for (int k = 0; k < 3; k++) {
            int i = idx[k];
            float[] w = base.clone();
            w[i] = (float) (base[i] + eps);
            Autograd.noGrad(() -> p.set(w));
            double up = tr.loss(batches);
            w[i] = (float) (base[i] - eps);
            Autograd.noGrad(() -> p.set(w));
            double down = tr.loss(batches);
            Autograd.noGrad(() -> p.set(base));
            double fd = (up - down) / (2 * eps);
            assertEquals(fd, g[i], 1e-4 + 0.02 * Math.abs(fd), name + "[" + i + "]: finite difference " + fd + " vs autograd " + g[i]);
        }
    }

    @Test
    void loraAndFullGradientsMatchFiniteDifferences() {
        Offline.enforce();
        try (NDManager nd = NDManager.newBaseManager()) {
            ToyLm m = new ToyLm(nd, 13, 8, 2);
            List<SftExample> d = data(3, 13, 1);
            List<SftBatch> batches = List.of(SftBatch.collate(d.subList(0, 2), 0, LossMask.PROMPT), SftBatch.collate(d.subList(2, 3), 0, LossMask.PROMPT));
            try (LoraAdapter a = lora(m, nd, 0); Trainer tr = new Trainer(m, a.parameters(), TrainSettings.defaults(), 0)) {
                String pre = "base_model.model.model.layers.0.self_attn.";
                checkGradient(tr, a.parameters(), pre + "q_proj.lora_B.weight", batches);
                checkGradient(tr, a.parameters(), pre + "q_proj.lora_A.weight", batches);
                checkGradient(tr, a.parameters(), pre + "v_proj.lora_A.weight", batches);
                // base weights are frozen: no gradient buffer
                assertNull(Autograd.gradient(m.linears().get("model.layers.0.self_attn.q_proj").weight()));
            }
            try (Trainer tr = new Trainer(m, m.parameters(), TrainSettings.defaults(), 0)) {
                checkGradient(tr, m.parameters(), "model.layers.0.self_attn.v_proj.weight", batches);
                checkGradient(tr, m.parameters(), "model.embed_tokens.weight", batches);
            }
        }
    }

    @Test
    void gradientAccumulationEqualsOneBigBatchAndPaddingIsMasked() {
        Offline.enforce();
        float[][] after = new float[2][];
        double[] losses = new double[2];
        for (int run = 0; run < 2; run++) {
            try (NDManager nd = NDManager.newBaseManager()) {
                ToyLm m = new ToyLm(nd, 13, 8, 2);
                List<SftExample> d = List.of(new SftExample(new int[]{1, 2, 3, 4, 5, 6}, 2), new SftExample(new int[]{7, 8, 9}, 1));
                TrainSettings s = TrainSettings.defaults().withSeed(1, false).withBatch(run == 0 ? 2 : 1, run == 0 ? 1 : 2);
                try (LoraAdapter a = lora(m, nd, 0); Trainer tr = new Trainer(m, a.parameters(), s, 0)) {
                    TrainResult res = tr.run(d, null, null);
                    assertEquals(1, res.stepsDone());
                    losses[run] = res.lastLoss();
                    after[run] = a.parameters().get("base_model.model.model.layers.0.self_attn.v_proj.lora_B.weight").toFloatArray();
                }
            }
        }
        assertEquals(losses[0], losses[1], 1e-6);
        assertArrayEquals(after[0], after[1], 1e-6f);
    }

    private List<Double> runLora(int cancelAfter, Path saveTo, Path resumeFrom, float[][] finalB) {
        return runLora(cancelAfter, saveTo, resumeFrom, finalB, false);
    }

    /** {@code flat}: the adapter's parameters as views of one buffer, as FineTune trains them (AdamW updates the buffer). */
    private List<Double> runLora(int cancelAfter, Path saveTo, Path resumeFrom, float[][] finalB, boolean flat) {
        List<Double> losses = new ArrayList<>();
        try (NDManager nd = NDManager.newBaseManager()) {
            ToyLm m = new ToyLm(nd, 13, 8, 2);
            TrainSettings s = TrainSettings.defaults().withEpochs(4).withBatch(2, 2).withLr(0.05, LrSchedule.Kind.COSINE, 1).withWeightDecay(0.01);
            try (LoraAdapter a = lora(m, nd, 0.2); Trainer tr = flat ? new Trainer(m, a.flatParameters(), s, 0) : new Trainer(m, a.parameters(), s, 0)) {
                if (resumeFrom != null) tr.resume(resumeFrom);
                CancelToken cancel = new CancelToken();
                TrainResult res = tr.run(data(8, 13, 3), info -> {
                    losses.add(info.loss());
                    assertTrue(info.tokensPerSecond() > 0 && info.tokens() > 0 && info.lr() >= 0);
                    if (info.step() == cancelAfter) cancel.cancel();
                }, cancel);
                assertEquals(cancelAfter > 0, res.cancelled());
                if (saveTo != null) tr.saveCheckpoint(saveTo);
                finalB[0] = a.parameters().get("base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight").toFloatArray();
            }
        }
        return losses;
    }

    @Test
    void resumedRunGivesTheSameLossesAsAnUninterruptedOne() {
        Offline.enforce();
        float[][] fullB = new float[1][], partB = new float[1][], resumedB = new float[1][];
        List<Double> full = runLora(-1, null, null, fullB);
        assertEquals(8, full.size());                 // 4 epochs x (4 micro-batches / accum 2)
        List<Double> first = runLora(3, dir.resolve("ck"), null, partB);
        assertEquals(3, first.size());
        assertEquals(full.subList(0, 3), first);
        List<Double> rest = runLora(-1, null, dir.resolve("ck"), resumedB);
        assertEquals(5, rest.size());
        for (int i = 0; i < 5; i++) assertEquals(full.get(3 + i), rest.get(i), 1e-6, "step " + (4 + i));
        assertArrayEquals(fullB[0], resumedB[0], 1e-6f);
        assertTrue(full.get(7) < full.get(0), "training lowers the loss: " + full);
    }

    /**
     * The same with the adapter trained as one flat buffer (what {@code seal finetune --resume} and a resumed Fine-tune
     * job do). Restoring a checkpoint once replaced the parameters' storage (DJL's set(float[])), so the optimizer's
     * updates of the flat buffer no longer reached them: the resumed run's loss stood still. Then cancelled and resumed
     * a second time, which also reads back the optimizer's moments as the first resume restored them.
     */
    @Test
    void resumedFlatAdapterTrainsOnLikeAnUninterruptedOne() {
        Offline.enforce();
        float[][] fullB = new float[1][], partB = new float[1][], midB = new float[1][], resumedB = new float[1][];
        List<Double> full = runLora(-1, null, null, fullB, true);
        assertEquals(8, full.size());
        assertEquals(full, runLora(-1, null, null, new float[1][], false), "flat and per-tensor updates are the same arithmetic");
        List<Double> first = runLora(3, dir.resolve("ck1"), null, partB, true);
        assertEquals(full.subList(0, 3), first);
        List<Double> middle = runLora(5, dir.resolve("ck2"), dir.resolve("ck1"), midB, true);   // steps 4 and 5, then a checkpoint
        assertEquals(2, middle.size());
        for (int i = 0; i < 2; i++) assertEquals(full.get(3 + i), middle.get(i), 1e-6, "step " + (4 + i));
        List<Double> rest = runLora(-1, null, dir.resolve("ck2"), resumedB, true);
        assertEquals(3, rest.size());
        for (int i = 0; i < 3; i++) assertEquals(full.get(5 + i), rest.get(i), 1e-6, "step " + (6 + i));
        assertArrayEquals(fullB[0], resumedB[0], 1e-6f);
    }

    @Test
    void fullFineTuningLowersTheLossAndResumeChecksSettings() {
        Offline.enforce();
        try (NDManager nd = NDManager.newBaseManager()) {
            ToyLm m = new ToyLm(nd, 13, 8, 2);
            List<SftExample> d = data(4, 13, 5);
            TrainSettings s = TrainSettings.defaults().withEpochs(6).withBatch(4, 1).withLr(0.02, LrSchedule.Kind.CONSTANT, 0);
            try (Trainer tr = new Trainer(m, m.parameters(), s, 0)) {
                TrainResult r = tr.run(d, null, null);
                assertEquals(6, r.steps().size());
                assertTrue(r.steps().get(5).loss() < r.steps().get(0).loss() * 0.9, r.steps().toString());
                tr.saveCheckpoint(dir.resolve("full"));
            }
            try (Trainer other = new Trainer(m, m.parameters(), s.withEpochs(7), 0)) {
                var e = assertThrows(IllegalArgumentException.class, () -> other.resume(dir.resolve("full")));
                assertTrue(e.getMessage().contains("different settings"), e.getMessage());
            }
        }
    }
}
