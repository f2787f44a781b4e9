package org.sealworkbench.llm;

import org.sealworkbench.llm.generation.GenerationOptions;
import org.sealworkbench.llm.generation.Generator;
import org.sealworkbench.llm.model.Autograd;
import org.sealworkbench.llm.model.KvCache;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.model.ModelConfig;
import org.sealworkbench.llm.model.ModelShapes;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Qwen2.5-0.5B shape (494M parameters, vocabulary 151936, tied) fits and decodes on the CPU. */
@Tag("slow")
class Qwen05ShapeTest {
    @Test
    void decodesWithTheCacheLikeTheFullForward() {
        TestEngine.setUp();
        ModelConfig cfg = ModelShapes.of("qwen2", "qwen2.5-0.5b", ModelShapes.defaultVocab("qwen2.5-0.5b"));
        assertEquals(494_032_768L, cfg.parameterCount());
        try (NDManager m = NDManager.newBaseManager(); LlamaModel model = LlamaModel.random(cfg, 1, m)) {
            Generator gen = new Generator(model, null);
            int[] prompt = {9707, 11, 1879, 0, 151643, 42, 7, 100};
            GenerationOptions opts = GenerationOptions.greedy(4).withEos(List.of());
            int[] cached = gen.generate(List.of(prompt), opts, null).get(0).tokens();
            int[] full = gen.generate(List.of(prompt), opts.withCache(false), null).get(0).tokens();
            assertArrayEquals(full, cached);
            // the cached step's logits equal the full forward's last row
            try (NDScope s = new NDScope(); KvCache cache = new KvCache(cfg, 1, 16, model.manager())) {
                boolean old = Autograd.isGradMode();
                Autograd.setGradMode(false);
                long[] all = new long[prompt.length + 1];
                for (int i = 0; i < prompt.length; i++) all[i] = prompt[i];
                all[prompt.length] = cached[0];
                float[] ref = model.forward(model.manager().create(all, new Shape(1, all.length)), false)
                        .get(0, all.length - 1).toFloatArray();
                int[][] pos = new int[1][prompt.length];
                boolean[][] valid = new boolean[1][prompt.length];
                for (int i = 0; i < prompt.length; i++) {
                    pos[0][i] = i;
                    valid[0][i] = true;
                }
                model.hidden(model.manager().create(java.util.Arrays.copyOf(all, prompt.length), new Shape(1, prompt.length)), pos, valid, cache, false);
                NDArray h = model.hidden(model.manager().create(new long[] {cached[0]}, new Shape(1, 1)),
                        new int[][] {{prompt.length}}, new boolean[][] {{true}}, cache, false);
                float[] got = model.lastLogits(h).toFloatArray();
                Autograd.setGradMode(old);
                double maxDiff = 0, maxRef = 0;
                for (int i = 0; i < ref.length; i++) {
                    maxDiff = Math.max(maxDiff, Math.abs(ref[i] - got[i]));
                    maxRef = Math.max(maxRef, Math.abs(ref[i]));
                }
                assertTrue(maxDiff / maxRef < 1e-4, "relative error " + maxDiff / maxRef);
            }
        }
    }
}
