package org.sealworkbench.llm.training;

import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.llm.lora.LoraAdapter;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.lora.StackedLora;
import org.sealworkbench.llm.model.FlatParameters;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.model.ModelShapes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The optimizer's one-op forms (issue 19): a LoRA adapter's tensors are views of one buffer that AdamW updates with one
 * op, the global gradient norm is one op on the concatenated gradient, and the batched AdamW runs a few adapters' rows
 * at a time. Each must give what the per-tensor (or whole-stack) form gives, bit for bit.
 */
class FlatOptimizerTest {
    private static final LoraConfig LORA = LoraConfig.of(4, 8, 0, LoraConfig.ALL_PROJECTIONS);

    private static List<SftExample> data(int n, long seed) {
        Random r = new Random(seed);
        List<SftExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] ids = new int[4 + r.nextInt(5)];
            for (int j = 0; j < ids.length; j++) ids[j] = 1 + r.nextInt(63);
            out.add(SftExample.plain(ids));
        }
        return out;
    }

    /** Weight decay on, and a max norm small enough that every step clips. */
    private static TrainSettings settings() {
        return TrainSettings.defaults().withEpochs(2).withWeightDecay(0.05).withMaxGradNorm(0.05).withSeed(3, true);
    }

    private static Map<String, float[]> values(Map<String, NDArray> params) {
        Map<String, float[]> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }

    @Test
    void flatParametersAreViewsOfTheirBufferInOrder() {
        TestEngine.setUp();
        try (NDManager nd = NDManager.newBaseManager()) {
            Map<String, float[]> values = new LinkedHashMap<>();
            values.put("a", new float[] {1, 2, 3, 4, 5, 6});
            values.put("b", new float[] {7, 8});
            FlatParameters f = FlatParameters.of(values, Map.of("a", new Shape(2, 3), "b", new Shape(2, 1)), nd, nd.getDevice());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, f.flat().toFloatArray());
            assertEquals(new Shape(2, 3), f.views().get("a").getShape());
            f.flat().muli(2);                                              // one op on the buffer changes every view
            assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, f.views().get("a").toFloatArray());
            assertArrayEquals(new float[] {14, 16}, f.views().get("b").toFloatArray());
            f.views().get("b").subi(1);                                    // and a view writes into the buffer
            assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12, 13, 15}, f.flat().toFloatArray());
            f.close();
        }
    }

    @Test
    void aLoraTrainsTheSameWithOneOpUpdatesAsWithOnePerTensor() {
        TestEngine.setUp();
        List<SftExample> data = data(5, 7);
        try (NDManager nd = NDManager.newBaseManager(); LlamaModel m = LlamaModel.random(ModelShapes.of("qwen2", "tiny", 64), 2, nd)) {
            Map<String, float[]> perTensor, flat, start;
            try (LoraAdapter a = LoraAdapter.create("per-tensor", m.linears(), LORA, 5, nd)) {
                start = values(a.parameters());
                a.attach(m.linears());
                try (Trainer tr = new Trainer(TrainableModel.of(m), a.parameters(), settings(), 0)) {
                    tr.run(data, null, null);
                }
                perTensor = values(a.parameters());
            }
            try (LoraAdapter b = LoraAdapter.create("flat", m.linears(), LORA, 5, nd)) {
                b.attach(m.linears());
                try (Trainer tr = new Trainer(TrainableModel.of(m), b.flatParameters(), settings(), 0)) {
                    tr.run(data, null, null);
                }
                flat = values(b.parameters());
                assertArrayEquals(concat(flat), b.flatParameters().flat().toFloatArray(), "the parameters are the buffer, in order");
            }
            assertEquals(perTensor.keySet(), flat.keySet());
            for (String k : perTensor.keySet()) {
                assertArrayEquals(perTensor.get(k), flat.get(k), k);
                if (k.contains("lora_B")) assertFalse(java.util.Arrays.equals(start.get(k), flat.get(k)), k + " trained");
            }
        }
    }

    @Test
    void theNormOfTheConcatenatedGradientIsTheGlobalNorm() {
        TestEngine.setUp();
        try (NDManager nd = NDManager.newBaseManager()) {
            List<NDArray> grads = List.of(nd.randomNormal(new Shape(3, 5)), nd.randomNormal(new Shape(7)), nd.randomNormal(new Shape(2, 2, 2)));
            NDList parts = new NDList();
            for (NDArray g : grads) parts.add(g.reshape(-1));
            NDArray flat = ai.djl.ndarray.NDArrays.concat(parts);
            double expected = GradClip.clip(grads, 0.5);                    // per tensor, scales them in place
            double total = GradClip.clipFlat(flat, 0.5);
            assertEquals(expected, total, 1e-5 * expected);
            NDList clipped = new NDList();
            for (NDArray g : grads) clipped.add(g.reshape(-1));
            float[] want = ai.djl.ndarray.NDArrays.concat(clipped).toFloatArray(), got = flat.toFloatArray();
            for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], 1e-6, "value " + i);
            assertEquals(0.5, flat.norm().getFloat(), 1e-5, "clipped to the max norm");
        }
    }

    @Test
    void batchedAdamWInBlocksOfRowsEqualsTheWholeStack() {
        TestEngine.setUp();
        long[] seeds = {1, 2, 3};
        List<List<SftExample>> data = List.of(data(2, 1), data(3, 2), data(4, 3));
        List<TrainSettings> settings = List.of(settings(), settings(), settings());
        try (NDManager nd = NDManager.newBaseManager(); LlamaModel m = LlamaModel.random(ModelShapes.of("qwen2", "tiny", 64), 2, nd)) {
            List<float[]> runs = new ArrayList<>();
            float[] start = null;
            for (long block : new long[] {BatchedTrainer.ADAMW_BLOCK_VALUES, 1}) {       // all rows at once; one row a block
                try (StackedLora s = StackedLora.create(m.linears(), LORA, seeds, nd)) {
                    if (start == null) start = s.flat().toFloatArray();
                    s.attach(m.linears());
                    try (BatchedTrainer bt = new BatchedTrainer(TrainableModel.of(m), s, settings, 0)) {
                        bt.adamWBlockValues = block;
                        bt.run(data, null);
                    }
                    runs.add(s.flat().toFloatArray());
                }
            }
            assertArrayEquals(runs.get(0), runs.get(1));
            int per = start.length / seeds.length;
            for (int k = 0; k < seeds.length; k++) {                       // every adapter's row trained, not only the first block's
                boolean changed = false;
                for (int i = k * per; i < (k + 1) * per && !changed; i++) changed = start[i] != runs.get(1)[i];
                assertTrue(changed, "adapter " + k + " trained");
            }
        }
    }

    private static float[] concat(Map<String, float[]> values) {
        int n = 0;
        for (float[] v : values.values()) n += v.length;
        float[] out = new float[n];
        int at = 0;
        for (float[] v : values.values()) {
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }
}
