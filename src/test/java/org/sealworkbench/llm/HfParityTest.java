package org.sealworkbench.llm;

import org.sealworkbench.llm.model.Autograd;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.model.ModelConfig;
import org.sealworkbench.llm.model.ModelShapes;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine reproduces Hugging Face transformers' logits: full [B, T, V] logits of checkpoints written
 * to disk and loaded back are compared with {@link ReferenceLlama}, an independent double-precision loop
 * implementation of the same formulas. Relative error (max |diff| / max |ref|) must stay below 1e-4.
 */
class HfParityTest {
    @TempDir Path tmp;

    @BeforeAll
    static void offline() {
        TestEngine.setUp();
    }

    private static final int[][] IDS = {{1, 5, 9, 3, 17, 4, 30, 2, 11}, {0, 7, 7, 21, 2, 8, 3, 35, 19}};

    private double relativeError(ReferenceLlama.Arch a, String type, String dtype) throws Exception {
        Path dir = tmp.resolve(type + a.hashCode() + dtype);
        Map<String, float[]> w = TestCheckpoints.write(dir, a, type, 42, dtype);
        try (LlamaModel model = LlamaModel.load(dir, Device.cpu()); NDScope scope = new NDScope()) {
            assertEquals(a.tied(), model.config().tieWordEmbeddings());
            long[] flat = new long[IDS.length * IDS[0].length];
            for (int b = 0; b < IDS.length; b++) for (int t = 0; t < IDS[0].length; t++) flat[b * IDS[0].length + t] = IDS[b][t];
            NDArray ids = model.manager().create(flat, new Shape(IDS.length, IDS[0].length));
            float[] got = Autograd.withGradMode(false, () -> model.forward(ids, false).toFloatArray());
            double maxDiff = 0, maxRef = 0;
            for (int b = 0; b < IDS.length; b++) {
                double[][] ref = ReferenceLlama.forward(a, w, IDS[b]);
                for (int t = 0; t < ref.length; t++) {
                    for (int v = 0; v < a.vocab(); v++) {
                        double r = ref[t][v], g = got[(b * IDS[0].length + t) * a.vocab() + v];
                        maxDiff = Math.max(maxDiff, Math.abs(r - g));
                        maxRef = Math.max(maxRef, Math.abs(r));
                    }
                }
            }
            assertTrue(maxRef > 1, "logits should not be trivially small: " + maxRef);
            System.out.println("PARITY " + type + " " + dtype + " rel err " + maxDiff / maxRef);
            return maxDiff / maxRef;
        }
    }

    @Test
    void llamaWithGroupedQueryAttentionAndUntiedHead() throws Exception {
        double err = relativeError(TestCheckpoints.LLAMA_GQA, "llama", "F32");
        assertTrue(err < 1e-4, "relative error " + err);
    }

    @Test
    void llama3TiedWithRopeScalingAndExplicitHeadDim() throws Exception {
        double err = relativeError(TestCheckpoints.LLAMA3_TIED, "llama", "F32");
        assertTrue(err < 1e-4, "relative error " + err);
    }

    @Test
    void qwen2WithQkvBias() throws Exception {
        double err = relativeError(TestCheckpoints.QWEN2, "qwen2", "F32");
        assertTrue(err < 1e-4, "relative error " + err);
    }

    @Test
    void mistralIsTheLlamaFormula() throws Exception {
        double err = relativeError(TestCheckpoints.LLAMA_GQA, "mistral", "F32");
        assertTrue(err < 1e-4, "relative error " + err);
    }

    @Test
    void bf16CheckpointIsConvertedToF32InJava() throws Exception {
        // The reference uses the BF16-rounded values as stored, so the comparison stays tight.
        double err = relativeError(TestCheckpoints.QWEN2, "qwen2", "BF16");
        assertTrue(err < 1e-4, "relative error " + err);
    }

    @Test
    void referenceDetectsAWrongModel() throws Exception {
        // Guard against a vacuous comparison: a Qwen2 checkpoint read as if it had no biases differs.
        Path dir = tmp.resolve("guard");
        ReferenceLlama.Arch a = TestCheckpoints.QWEN2;
        Map<String, float[]> w = TestCheckpoints.write(dir, a, "qwen2", 42, "F32");
        ReferenceLlama.Arch noBias = new ReferenceLlama.Arch(a.vocab(), a.hidden(), a.inter(), a.layers(), a.heads(),
                a.kvHeads(), a.headDim(), a.eps(), a.theta(), a.tied(), false, false, 0, 0, 0, 0);
        double[][] with = ReferenceLlama.forward(a, w, IDS[0]);
        double[][] without = ReferenceLlama.forward(noBias, w, IDS[0]);
        assertNotEquals(with[3][5], without[3][5], 1e-3);
    }

    @Test
    void savedModelLoadsBackToTheSameLogits() throws Exception {
        try (NDManager m = NDManager.newBaseManager(); NDScope scope = new NDScope()) {
            ModelConfig cfg = ModelShapes.of("qwen2", "tiny", 50);
            LlamaModel model = LlamaModel.random(cfg, 7, m);
            NDArray ids = m.create(new long[] {3, 1, 4, 1, 5, 9}, new Shape(1, 6));
            float[] before = model.forward(ids, false).toFloatArray();
            model.save(tmp.resolve("saved"), "F32");
            try (LlamaModel back = LlamaModel.load(tmp.resolve("saved"), Device.cpu())) {
                assertEquals(cfg, back.config());
                assertArrayEquals(before, back.forward(back.manager().create(new long[] {3, 1, 4, 1, 5, 9}, new Shape(1, 6)), false).toFloatArray(), 0f);
                assertEquals(model.parameters().keySet(), back.parameters().keySet());
            }
        }
    }
}
