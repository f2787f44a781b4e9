package org.sealworkbench.llm;

import org.sealworkbench.llm.generation.Generation;
import org.sealworkbench.llm.generation.GenerationOptions;
import org.sealworkbench.llm.generation.Generator;
import org.sealworkbench.llm.lora.LoraAdapter;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.lora.LoraLayer;
import org.sealworkbench.llm.model.Autograd;
import org.sealworkbench.llm.model.KvCache;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.model.ModelConfig;
import org.sealworkbench.llm.model.ModelShapes;
import org.sealworkbench.llm.training.LossMask;
import org.sealworkbench.llm.training.LrSchedule;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.llm.training.StepInfo;
import org.sealworkbench.llm.training.TrainResult;
import org.sealworkbench.llm.training.TrainSettings;
import org.sealworkbench.llm.training.TrainableModel;
import org.sealworkbench.llm.training.Trainer;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * F16 base weights (the CUDA default) forced on the CPU: the same code path a GPU runs, checked against
 * F32. Tolerance: F16 keeps 11 significant bits (unit roundoff 2^-11 = 4.9e-4); every weight and every
 * activation is rounded once per op, and errors grow by a small factor over the 2 tiny layers, so the
 * relative L2 error of the logits should be around 1e-3 (measured: 5-8e-4 for logits, with or without
 * LoRA, 4-6e-4 per cached decoding step, 0.5-4e-3 for LoRA gradients). 1e-2 leaves room for other CPUs
 * and kernels and is still far below what a wrong path gives (the test's adapter alone moves the logits
 * by 1.2; a NaN, a dropped delta or a wrong dtype fail outright).
 */
class HalfPrecisionTest {
    static final double REL_TOL = 1e-2;
    /** Gradients pass back through twice as many rounded ops (forward and backward), hence 2x. */
    static final double GRAD_TOL = 2e-2;
    static final ModelConfig CFG = ModelShapes.of("qwen2", "tiny", 48);
    static final long[] IDS = {1, 5, 9, 33, 2, 17, 40, 3};
    @TempDir Path dir;

    @BeforeAll
    static void engine() {
        TestEngine.setUp();
    }

    private static float[] logits(LlamaModel m, long[] ids) {
        try (NDScope s = new NDScope()) {
            NDArray y = m.forward(m.manager().create(ids, new Shape(1, ids.length)), false);
            assertEquals(DataType.FLOAT32, y.getDataType(), "logits are F32 whatever the base dtype");
            return y.toFloatArray();
        }
    }

    /** ||a - b|| / ||b|| */
    private static double relErr(float[] a, float[] b) {
        double num = 0, den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (double) (a[i] - b[i]) * (a[i] - b[i]);
            den += (double) b[i] * b[i];
        }
        return Math.sqrt(num / den);
    }

    /** Gives every adapter a nonzero B (fresh adapters start as the identity), the same for every seed. */
    private static void randomizeB(LoraAdapter a, long seed) {
        Random r = new Random(seed);
        for (LoraLayer l : a.layers().values()) l.loraB().set(ToyLm.rand(r, (int) l.loraB().size(), 0.5));
    }

    @Test
    void cpuDefaultIsF32AndTheSettingForcesF16() throws Exception {
        assumeTrue(System.getenv(Devices.BASE_DTYPE_SETTING) == null, "SEAL_BASE_DTYPE is set in the environment");
        assertEquals(DataType.FLOAT32, Devices.baseDataType(Device.cpu()));
        assertEquals(DataType.FLOAT16, Devices.baseDataType(Device.gpu()), "GPUs default to F16 base weights");
        if (Devices.gpuCount() == 0) assertTrue(Devices.describe().contains("base weights F32"), Devices.describe());
        try (NDManager nd = NDManager.newBaseManager(); LlamaModel m = LlamaModel.random(CFG, 2, nd)) {
            m.save(dir, "F32");
        }
        try (LlamaModel m = LlamaModel.load(dir, Device.cpu())) {
            assertEquals(DataType.FLOAT32, m.dtype());
            for (NDArray p : m.parameters().values()) assertEquals(DataType.FLOAT32, p.getDataType());
        }
        System.setProperty(Devices.BASE_DTYPE_SETTING, "f16");
        try (LlamaModel m = LlamaModel.load(dir, Device.cpu())) {
            assertEquals(DataType.FLOAT16, m.dtype());
            for (Map.Entry<String, NDArray> e : m.parameters().entrySet()) assertEquals(DataType.FLOAT16, e.getValue().getDataType(), e.getKey());
            System.setProperty(Devices.BASE_DTYPE_SETTING, "bf16");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Devices.baseDataType(Device.cpu()));
            assertTrue(e.getMessage().contains("f16 or f32"), e.getMessage());
        } finally {
            System.clearProperty(Devices.BASE_DTYPE_SETTING);
        }
        assertThrows(IllegalArgumentException.class, () -> LlamaModel.load(dir, Device.cpu(), DataType.BFLOAT16));
    }

    @Test
    void f16LogitsWithAndWithoutLoraAreCloseToF32() throws Exception {
        try (NDManager nd = NDManager.newBaseManager();
             LlamaModel f32 = LlamaModel.random(CFG, 5, nd, DataType.FLOAT32);
             LlamaModel f16 = LlamaModel.random(CFG, 5, nd, DataType.FLOAT16)) {
            assertEquals(DataType.FLOAT16, f16.embedTokens().getDataType());
            assertEquals(DataType.FLOAT16, f16.layers().get(0).inputNorm().weight().getDataType());
            float[] ref = logits(f32, IDS), half = logits(f16, IDS);
            double base = relErr(half, ref);
            assertTrue(base < REL_TOL, "F16 vs F32 logits: relative error " + base);
            assertTrue(base > 0, "F16 mode computed exactly the F32 result: it is not running in F16");

            List<String> targets = List.of("q_proj", "v_proj", "down_proj");
            try (LoraAdapter a32 = LoraAdapter.create("a", f32.linears(), LoraConfig.of(4, 8, 0, targets), 3, nd);
                 LoraAdapter a16 = LoraAdapter.create("a", f16.linears(), LoraConfig.of(4, 8, 0, targets), 3, nd)) {
                randomizeB(a32, 9);
                randomizeB(a16, 9);
                a32.attach(f32.linears());
                a16.attach(f16.linears());
                float[] ref2 = logits(f32, IDS), half2 = logits(f16, IDS);
                assertTrue(relErr(ref2, ref) > 0.1, "the adapter must change the logits for this check to mean anything");
                double adapted = relErr(half2, ref2);
                assertTrue(adapted < REL_TOL, "F16 + LoRA vs F32 + LoRA logits: relative error " + adapted);

                // merging the F32 delta into F16 weights gives the adapted logits (to F16 rounding of the weights)
                a16.mergeInto(f16.linears());
                assertEquals(DataType.FLOAT16, f16.linears().get("model.layers.0.self_attn.q_proj").weight().getDataType());
                double merged = relErr(logits(f16, IDS), ref2);
                assertTrue(merged < REL_TOL, "merged F16 vs F32 + LoRA logits: relative error " + merged);
            }
        }
    }

    /** LoRA gradients of mean(logits^2) for one sequence, by parameter name (B randomised so A gets one too). */
    private static Map<String, float[]> loraGradients(LlamaModel m, LoraAdapter a) {
        randomizeB(a, 4);
        a.setTrainable(true);
        Autograd.withGradMode(true, () -> {
            try (NDScope s = new NDScope()) {
                NDArray y = m.forward(m.manager().create(IDS, new Shape(1, IDS.length)), true);
                Autograd.backward(y.square().mean());
            }
            return null;
        });
        Map<String, float[]> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : a.parameters().entrySet()) {
            assertEquals(DataType.FLOAT32, e.getValue().getDataType(), e.getKey());
            try (NDArray g = Autograd.gradient(e.getValue())) {
                assertNotNull(g, "no gradient for " + e.getKey());
                assertEquals(DataType.FLOAT32, g.getDataType(), "gradient of " + e.getKey());
                out.put(e.getKey(), g.toFloatArray());
            }
            Autograd.zeroGradient(e.getValue());
        }
        a.setTrainable(false);
        for (LoraLayer l : a.layers().values()) l.loraB().set(new float[(int) l.loraB().size()]);   // back to PEFT's init
        return out;
    }

    @Test
    void loraParametersAndGradientsStayF32AndTrainingLowersTheLoss() {
        List<String> targets = List.of("q_proj", "v_proj", "up_proj");
        try (NDManager nd = NDManager.newBaseManager();
             LlamaModel f32 = LlamaModel.random(CFG, 8, nd, DataType.FLOAT32);
             LlamaModel m = LlamaModel.random(CFG, 8, nd, DataType.FLOAT16);
             LoraAdapter ref = LoraAdapter.create("t", f32.linears(), LoraConfig.of(4, 8, 0, targets), 1, nd);
             LoraAdapter a = LoraAdapter.create("t", m.linears(), LoraConfig.of(4, 8, 0, targets), 1, nd)) {
            ref.attach(f32.linears());
            a.attach(m.linears());
            Map<String, float[]> want = loraGradients(f32, ref), got = loraGradients(m, a);
            for (Map.Entry<String, float[]> e : got.entrySet()) {
                double sum = 0;
                for (float v : e.getValue()) {
                    assertTrue(Float.isFinite(v), "non-finite gradient in " + e.getKey());
                    sum += Math.abs(v);
                }
                assertTrue(sum > 0, "zero gradient for " + e.getKey());
                // gradients flow back through every F16 layer and cast: they match F32 mode's
                double err = relErr(e.getValue(), want.get(e.getKey()));
                assertTrue(err < GRAD_TOL, "F16 vs F32 gradient of " + e.getKey() + ": relative error " + err);
            }
            assertNull(Autograd.gradient(m.linears().get("model.layers.0.self_attn.q_proj").weight()), "base weights stay frozen");

            List<SftExample> d = List.of(new SftExample(new int[]{3, 4, 5, 6, 7, 8}, 2), new SftExample(new int[]{9, 10, 11, 12}, 1));
            TrainSettings s = TrainSettings.defaults().withEpochs(8).withBatch(2, 1).withLr(1e-2, LrSchedule.Kind.CONSTANT, 0).withMask(LossMask.PROMPT);
            try (Trainer tr = new Trainer(TrainableModel.of(m), a.parameters(), s, 0)) {
                TrainResult res = tr.run(d, null, null);
                assertEquals(8, res.steps().size());
                for (StepInfo st : res.steps()) assertTrue(Double.isFinite(st.loss()), "losses " + res.steps());
                assertTrue(res.lastLoss() < 0.9 * res.steps().get(0).loss(), "losses " + res.steps());
                for (NDArray p : a.parameters().values()) assertEquals(DataType.FLOAT32, p.getDataType());
            }
        }
    }

    @Test
    void fullFineTuningOfF16WeightsIsRefused() {
        try (NDManager nd = NDManager.newBaseManager(); LlamaModel m = LlamaModel.random(CFG, 1, nd, DataType.FLOAT16)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Trainer(TrainableModel.of(m), m.parameters(), TrainSettings.defaults(), 0));
            assertTrue(e.getMessage().contains("F16") && e.getMessage().contains("SEAL_BASE_DTYPE=f32"), e.getMessage());
            assertFalse(m.embedTokens().hasGradient(), "a refused trainer must not mark the weights trainable");
        }
    }

    @Test
    void cachedDecodingAndGenerationWorkInF16() throws Exception {
        try (NDManager nd = NDManager.newBaseManager();
             LlamaModel f32 = LlamaModel.random(CFG, 6, nd, DataType.FLOAT32);
             LlamaModel f16 = LlamaModel.random(CFG, 6, nd, DataType.FLOAT16)) {
            // token by token through the KV cache (F16 cache), each step's logits close to F32's full forward
            try (KvCache cache = f16.newCache(1, IDS.length, nd)) {
                assertEquals(DataType.FLOAT16, cache.keys(0).getDataType());
                for (int t = 0; t < IDS.length; t++) {
                    try (NDScope s = new NDScope()) {
                        NDArray h = f16.hidden(nd.create(new long[] {IDS[t]}, new Shape(1, 1)), new int[][] {{t}}, new boolean[][] {{true}}, cache, false);
                        float[] step = f16.lastLogits(h).toFloatArray();
                        float[] full = logits(f32, java.util.Arrays.copyOf(IDS, t + 1));
                        float[] last = java.util.Arrays.copyOfRange(full, t * CFG.vocabSize(), (t + 1) * CFG.vocabSize());
                        double err = relErr(step, last);
                        assertTrue(err < REL_TOL, "cached F16 step " + t + " vs F32: relative error " + err);
                    }
                }
            }
            // a left-padded batch (masked softmax in F32) and sampling
            Generator gen = new Generator(f16, null);
            List<int[]> prompts = List.of(new int[] {1, 5, 9, 3, 17, 4}, new int[] {2, 8});
            List<Generation> greedy = gen.generate(prompts, GenerationOptions.greedy(10).withEos(List.of()), null);
            List<Generation> sampled = gen.generate(prompts, GenerationOptions.sampling(10, 0.8, 0.95, 7).withEos(List.of()), null);
            for (Generation g : List.of(greedy.get(0), greedy.get(1), sampled.get(0), sampled.get(1))) {
                assertEquals(10, g.tokens().length);
                for (int tok : g.tokens()) assertTrue(tok >= 0 && tok < CFG.vocabSize(), "token " + tok);
            }
            // the padded row decodes as it does alone
            int[] alone = gen.generate(List.of(prompts.get(1)), GenerationOptions.greedy(10).withEos(List.of()), null).get(0).tokens();
            assertArrayEquals(alone, greedy.get(1).tokens());
        }
    }

    @Test
    void f16ModelSavesAndReloadsExactly() throws Exception {
        try (NDManager nd = NDManager.newBaseManager(); LlamaModel m = LlamaModel.random(CFG, 3, nd, DataType.FLOAT16)) {
            float[] before = logits(m, IDS);
            m.save(dir.resolve("f16"), "F16");
            try (LlamaModel back = LlamaModel.load(dir.resolve("f16"), Device.cpu(), DataType.FLOAT16)) {
                assertArrayEquals(before, logits(back, IDS), 0f, "F16 weights survive an F16 save exactly");
            }
            m.save(dir.resolve("f32"), "F32");
            try (LlamaModel back = LlamaModel.load(dir.resolve("f32"), Device.cpu(), DataType.FLOAT32)) {
                Map<String, NDArray> mine = m.parameters();
                for (Map.Entry<String, NDArray> e : back.parameters().entrySet()) {
                    try (NDArray up = mine.get(e.getKey()).toType(DataType.FLOAT32, true)) {
                        assertArrayEquals(up.toFloatArray(), e.getValue().toFloatArray(), 0f, e.getKey());
                    }
                }
            }
        }
    }
}
