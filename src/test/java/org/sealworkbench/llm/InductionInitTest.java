package org.sealworkbench.llm;

import org.sealworkbench.llm.model.InductionInit;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.model.ModelConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InductionInitTest {
    private static final int V = 512;

    @BeforeAll
    static void engine() {
        TestEngine.setUp();
    }

    private static ModelConfig config(double theta) {
        return new ModelConfig("llama", V, 128, 256, 2, 4, 2, 32, 1e-5, theta, null, 256, true, false, false, null, List.of(0), 0);
    }

    /** Mean NLL of the second half of [junk, s, sep, s] for random tokens s: ln V without copying, low with it. */
    private static double copyNll(LlamaModel model, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int junk = 17, n = 30, t = junk + 2 * n + 1;
        long[] ids = new long[t];
        for (int i = 0; i < t; i++) ids[i] = 3 + r.nextInt(V - 3);
        ids[junk + n] = 2;
        System.arraycopy(ids, junk, ids, junk + n + 1, n);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] logits = model.forward(m.create(ids, new Shape(1, t)), false).toFloatArray();
            double sum = 0;
            for (int i = junk + n + 1; i < t; i++) {   // predict ids[i] from position i - 1
                int off = (i - 1) * V;
                double max = Double.NEGATIVE_INFINITY;
                for (int v = 0; v < V; v++) max = Math.max(max, logits[off + v]);
                double z = 0;
                for (int v = 0; v < V; v++) z += Math.exp(logits[off + v] - max);
                sum += max + Math.log(z) - logits[off + (int) ids[i]];
            }
            return sum / n;
        }
    }

    @Test
    void aFreshModelCopiesARepeatedRandomSequenceOnlyWithTheCircuit() {
        ModelConfig cfg = config(500_000);
        try (NDManager nd = NDManager.newBaseManager();
             LlamaModel plain = LlamaModel.random(cfg, 3, nd);
             LlamaModel built = LlamaModel.random(cfg, 3, nd, DataType.FLOAT32, new InductionInit(cfg, 3))) {
            double lnV = Math.log(V);
            double without = copyNll(plain, 1), with = copyNll(built, 1);
            assertTrue(Math.abs(without - lnV) < 0.5, "random init does not copy: " + without + " vs ln V " + lnV);
            assertTrue(with < lnV / 2, "the induction circuit copies: NLL " + with + " vs ln V " + lnV);
        }
    }

    @Test
    void onlyTheCircuitsTensorsChange() {
        ModelConfig cfg = config(500_000);
        InductionInit init = new InductionInit(cfg, 3);
        float[] mlp = new float[256 * 128];
        for (int i = 0; i < mlp.length; i++) mlp[i] = i;
        float[] copy = mlp.clone();
        init.apply("model.layers.0.mlp.up_proj.weight", new long[] {256, 128}, mlp);
        assertEquals(java.util.Arrays.toString(copy), java.util.Arrays.toString(mlp), "only the circuit's tensors change");
        float[] norm = new float[128];
        init.apply("model.norm.weight", new long[] {128}, norm);
        assertTrue(norm[0] > 1, "the final norm is raised so a copy can win the softmax");
    }

    @Test
    void refusesModelsItCannotBuildItsCircuitIn() {
        assertThrows(IllegalArgumentException.class, () -> new InductionInit(config(10), 1), "theta 10: no slow rotary pair");
        ModelConfig oneLayer = new ModelConfig("llama", V, 128, 256, 1, 4, 2, 32, 1e-5, 500_000, null, 256, true, false, false, null, List.of(0), 0);
        assertThrows(IllegalArgumentException.class, () -> new InductionInit(oneLayer, 1));
    }
}
