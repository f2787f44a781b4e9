package org.sealworkbench.llm;

import org.sealworkbench.llm.lora.LoraAdapter;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.lora.LoraLayer;
import org.sealworkbench.llm.model.Autograd;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.model.ModelShapes;
import org.sealworkbench.llm.training.LossMask;
import org.sealworkbench.llm.training.LrSchedule;
import org.sealworkbench.llm.training.SftBatch;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.llm.training.TrainResult;
import org.sealworkbench.llm.training.TrainSettings;
import org.sealworkbench.llm.training.TrainableModel;
import org.sealworkbench.llm.training.Trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.app.Offline;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** LoRA and training on the real decoder (tiny random Qwen2 and Llama shapes). */
class LlamaTrainingTest {
    @TempDir
    Path dir;

    private static float[] logits(LlamaModel m, long[] ids) {
        try (NDArray x = m.manager().create(ids, new Shape(1, ids.length)); NDArray y = m.forward(x, false)) {
            return y.toFloatArray();
        }
    }

    @Test
    void gradientsOfTheRealDecoderMatchFiniteDifferences() {
        Offline.enforce();
        try (NDManager nd = NDManager.newBaseManager(); LlamaModel m = LlamaModel.random(ModelShapes.of("qwen2", "tiny", 48), 3, nd)) {
            TrainableModel tm = TrainableModel.of(m);
            List<SftExample> d = TrainerTest.data(2, 48, 9);
            List<SftBatch> batches = List.of(SftBatch.collate(d, 0, LossMask.PADDING));
            try (LoraAdapter a = LoraAdapter.create("g", m.linears(), LoraConfig.of(4, 8, 0, List.of("q_proj", "down_proj")), 5, nd)) {
                Random r = new Random(2);
                for (LoraLayer l : a.layers().values()) l.loraB().set(ToyLm.rand(r, (int) l.loraB().size(), 1.0));
                a.attach(m.linears());
                try (Trainer tr = new Trainer(tm, a.parameters(), TrainSettings.defaults(), 0)) {
                    TrainerTest.checkGradient(tr, a.parameters(), "base_model.model.model.layers.1.self_attn.q_proj.lora_B.weight", batches);
                    TrainerTest.checkGradient(tr, a.parameters(), "base_model.model.model.layers.0.mlp.down_proj.lora_A.weight", batches);
                    TrainerTest.checkGradient(tr, a.parameters(), "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight", batches);
                    assertNull(Autograd.gradient(m.linears().get("model.layers.0.self_attn.q_proj").weight()), "base weights must stay frozen");
                }
                a.detach();
            }
            try (Trainer tr = new Trainer(tm, m.parameters(), TrainSettings.defaults(), 0)) {
                TrainerTest.checkGradient(tr, m.parameters(), "model.layers.1.self_attn.v_proj.weight", batches);
                TrainerTest.checkGradient(tr, m.parameters(), "model.layers.0.input_layernorm.weight", batches);
            }
        }
    }

    @Test
    void mergedLoraGivesTheAdapterLogitsAndPeftFolderReloads() {
        Offline.enforce();
        try (NDManager nd = NDManager.newBaseManager(); LlamaModel m = LlamaModel.random(ModelShapes.of("llama", "tiny", 40), 4, nd)) {
            long[] ids = {1, 5, 9, 33, 2};
            try (LoraAdapter a = LoraAdapter.create("m", m.linears(), LoraConfig.of(8, 16, 0, LoraConfig.ALL_PROJECTIONS), 1, nd)) {
                Random r = new Random(3);
                for (LoraLayer l : a.layers().values()) l.loraB().set(ToyLm.rand(r, (int) l.loraB().size(), 0.05));
                assertEquals(2 * 7, a.layers().size());
                a.attach(m.linears());
                float[] adapted = logits(m, ids);
                a.save(dir.resolve("ad"));
                a.detach();
                try (LoraAdapter b = LoraAdapter.load(dir.resolve("ad"), "b", m.linears(), nd)) {
                    b.attach(m.linears());
                    assertArrayEquals(adapted, logits(m, ids), 1e-6f);
                    b.mergeInto(m.linears());
                }
                float[] merged = logits(m, ids);
                double maxDiff = 0, maxAbs = 0;
                for (int i = 0; i < merged.length; i++) {
                    maxDiff = Math.max(maxDiff, Math.abs(merged[i] - adapted[i]));
                    maxAbs = Math.max(maxAbs, Math.abs(adapted[i]));
                }
                assertTrue(maxDiff <= 1e-5 * Math.max(1, maxAbs), "merged vs adapter logits differ by " + maxDiff);
            }
        }
    }

    @Test
    void loraTrainingLowersTheLossOnTheRealDecoder() {
        Offline.enforce();
        try (NDManager nd = NDManager.newBaseManager(); LlamaModel m = LlamaModel.random(ModelShapes.of("qwen2", "tiny", 32), 8, nd)) {
            List<SftExample> d = List.of(new SftExample(new int[]{3, 4, 5, 6, 7, 8}, 2), new SftExample(new int[]{9, 10, 11, 12}, 1));
            TrainSettings s = TrainSettings.defaults().withEpochs(15).withBatch(2, 1).withLr(1e-2, LrSchedule.Kind.CONSTANT, 0).withMask(LossMask.PROMPT);
            try (LoraAdapter a = LoraAdapter.create("t", m.linears(), LoraConfig.of(4, 8, 0, List.of("q_proj", "v_proj", "up_proj")), 1, nd)) {
                a.attach(m.linears());
                NDArray w0 = m.linears().get("model.layers.0.mlp.up_proj").weight().duplicate();
                try (Trainer tr = new Trainer(TrainableModel.of(m), a.parameters(), s, 0)) {
                    TrainResult res = tr.run(d, null, null);
                    assertEquals(15, res.steps().size());
                    assertTrue(res.lastLoss() < 0.8 * res.steps().get(0).loss(), "losses " + res.steps());
                }
                assertArrayEquals(w0.toFloatArray(), m.linears().get("model.layers.0.mlp.up_proj").weight().toFloatArray(), 0f);
                w0.close();
            }
        }
    }
}
