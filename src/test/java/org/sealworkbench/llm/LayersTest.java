package org.sealworkbench.llm;

import org.sealworkbench.llm.model.Attention;
import org.sealworkbench.llm.model.KvCache;
import org.sealworkbench.llm.model.Linear;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.model.Mlp;
import org.sealworkbench.llm.model.ModelConfig;
import org.sealworkbench.llm.model.RmsNorm;
import org.sealworkbench.llm.model.RopeScaling;
import org.sealworkbench.llm.model.RotaryEmbedding;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each layer alone on small inputs whose outputs were computed by hand (values from a calculator). */
class LayersTest {
    private NDManager m;

    @BeforeEach
    void setUp() {
        TestEngine.setUp();
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        m.close();
    }

    private static ModelConfig cfg(int hidden, int heads, int kvHeads, int headDim) {
        return new ModelConfig("llama", 10, hidden, 8, 1, heads, kvHeads, headDim, 1e-6, 10000, null, 64,
                false, false, false, null, List.of(), null);
    }

    @Test
    void rmsNormDividesByRootMeanSquareAndScales() {
        // x = [1,2,3,4]: mean(x^2) = 30/4 = 7.5, 1/sqrt(7.5) = 0.365148...; w = [1,1,2,0.5]
        RmsNorm norm = new RmsNorm("n", m.create(new float[] {1, 1, 2, 0.5f}), 0);
        float[] y = norm.forward(m.create(new float[] {1, 2, 3, 4}, new Shape(1, 4))).toFloatArray();
        assertArrayEquals(new float[] {0.36514837f, 0.73029674f, 2.19089023f, 0.73029674f}, y, 1e-6f);
    }

    @Test
    void rmsNormUsesEps() {
        RmsNorm norm = new RmsNorm("n", m.create(new float[] {1, 1}), 1.0);
        // x = [1,1]: 1/sqrt(1 + 1) = 0.70710678
        float[] y = norm.forward(m.create(new float[] {1, 1}, new Shape(1, 2))).toFloatArray();
        assertArrayEquals(new float[] {0.70710678f, 0.70710678f}, y, 1e-6f);
    }

    @Test
    void rotateHalfOnAFourDimVector() {
        // [x1, x2] = [[1,2],[3,4]] -> [-x2, x1] = [-3,-4,1,2]
        float[] y = RotaryEmbedding.rotateHalf(m.create(new float[] {1, 2, 3, 4})).toFloatArray();
        assertArrayEquals(new float[] {-3, -4, 1, 2}, y, 0f);
    }

    @Test
    void ropeOnAFourDimVectorAtPositionOne() {
        // head_dim 4, theta 1e4: inv_freq = [1, 1e4^-0.5] = [1, 0.01]; position 1: angles [1, 0.01, 1, 0.01]
        // out = x*cos + [-3,-4,1,2]*sin = [cos1-3sin1, 2cos.01-4sin.01, 3cos1+sin1, 4cos.01+2sin.01]
        RotaryEmbedding rope = new RotaryEmbedding(cfg(8, 2, 1, 4));
        assertArrayEquals(new float[] {1f, 0.01f}, rope.invFreq(), 1e-9f);
        NDArray[] cs = rope.cosSin(m, new int[][] {{0, 1}});
        NDArray x = m.create(new float[] {1, 2, 3, 4, 1, 2, 3, 4}, new Shape(1, 1, 2, 4));
        float[] y = RotaryEmbedding.apply(x, cs[0], cs[1]).toFloatArray();
        assertArrayEquals(new float[] {1, 2, 3, 4, // position 0: unchanged
                -1.98411065f, 1.95990067f, 2.46237790f, 4.01979967f}, y, 1e-6f);
    }

    @Test
    void ropeGivesEachRowItsOwnPositions() {
        RotaryEmbedding rope = new RotaryEmbedding(cfg(8, 2, 1, 4));
        NDArray[] cs = rope.cosSin(m, new int[][] {{1}, {0}});
        NDArray x = m.create(new float[] {1, 2, 3, 4, 1, 2, 3, 4}, new Shape(2, 1, 1, 4));
        float[] y = RotaryEmbedding.apply(x, cs[0], cs[1]).toFloatArray();
        assertArrayEquals(new float[] {-1.98411065f, 1.95990067f, 2.46237790f, 4.01979967f, 1, 2, 3, 4}, y, 1e-6f);
    }

    @Test
    void fusedRopeEqualsTheReadableRotateHalfForm() {
        // The forward pass rotates with Angles (a half-swap matmul and a signed sine); the readable
        // x*cos + rotate_half(x)*sin is the reference. Rows with their own positions, 3 heads, D = 8.
        RotaryEmbedding rope = new RotaryEmbedding(cfg(16, 2, 1, 8));
        int[][] positions = {{0, 5, 17}, {3, 4, 200}};
        NDArray x = m.randomNormal(new Shape(2, 3, 3, 8));
        NDArray[] cs = rope.cosSin(m, positions);
        float[] readable = RotaryEmbedding.apply(x, cs[0], cs[1]).toFloatArray();
        float[] fused = rope.angles(m, positions, ai.djl.ndarray.types.DataType.FLOAT32).apply(x).toFloatArray();
        assertArrayEquals(readable, fused, 1e-6f);
        // and the half swap alone is the exact permutation [x2, x1]
        NDArray v = m.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8});
        float[] swapped = v.matMul(rope.angles(m, new int[][] {{0}}, ai.djl.ndarray.types.DataType.FLOAT32).swap()).toFloatArray();
        assertArrayEquals(new float[] {5, 6, 7, 8, 1, 2, 3, 4}, swapped, 0f);
    }

    @Test
    void sharedScalarsAreCreatedOncePerValueAndMultiplyExactly() {
        NDArray a = org.sealworkbench.llm.model.Autograd.scalar(m, 0.125f);
        assertSame(a, org.sealworkbench.llm.model.Autograd.scalar(m, 0.125f));
        assertNotSame(a, org.sealworkbench.llm.model.Autograd.scalar(m, 0.25f));
        float[] y = org.sealworkbench.llm.model.Autograd.mulScalar(m.create(new float[] {1, 2, -8}), 0.125).toFloatArray();
        assertArrayEquals(new float[] {0.125f, 0.25f, -1f}, y, 0f);
    }

    @Test
    void llama3ScalingKeepsHighScalesLowAndSmoothsTheBandBetween() {
        // d=8, theta 1e4: inv = [1, .1, .01, .001], wavelengths 2pi/inv = [6.3, 63, 628, 6283];
        // factor 8, low 1, high 4, original 1024: keep < 256, divide > 1024 by 8, and for 628:
        // s = (1024/628.3 - 1)/3 = 0.20992, inv = (1-s)*.01/8 + s*.01 = 0.0030868
        float[] f = RotaryEmbedding.inverseFrequencies(8, 10000, RopeScaling.llama3(8, 1, 4, 1024));
        assertArrayEquals(new float[] {1f, 0.1f, 0.00308676f, 0.000125f}, f, 1e-8f);
        float[] linear = RotaryEmbedding.inverseFrequencies(8, 10000, new RopeScaling("linear", 2, 0, 0, 0));
        assertArrayEquals(new float[] {0.5f, 0.05f, 0.005f, 0.0005f}, linear, 1e-9f);
    }

    @Test
    void groupedQueryAttentionWithCausalMask() {
        // 2 query heads share 1 KV head (head_dim 2, hidden 2). x = [[1,0],[0,1]] (T=2).
        // Wq: head0 = x, head1 = 2x; Wk = I; Wv = [[1,2],[3,4]] so v0 = [1,3], v1 = [2,4]; scale 1/sqrt2.
        // t=0 sees only key 0: both heads output v0 = [1,3].
        // t=1, head0: scores [0, 1/sqrt2] -> p = [.33024, .66976] -> [1.66976, 3.66976]
        // t=1, head1: scores [0, 2/sqrt2] -> p = [.19557, .80443] -> [1.80443, 3.80443]
        // Wo picks head0 dim0 and head1 dim1.
        ModelConfig c = cfg(2, 2, 1, 2);
        Linear q = new Linear("q", m.create(new float[] {1, 0, 0, 1, 2, 0, 0, 2}, new Shape(4, 2)), null);
        Linear k = new Linear("k", m.create(new float[] {1, 0, 0, 1}, new Shape(2, 2)), null);
        Linear v = new Linear("v", m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2)), null);
        Linear o = new Linear("o", m.create(new float[] {1, 0, 0, 0, 0, 0, 0, 1}, new Shape(2, 4)), null);
        Attention attn = new Attention(c, q, k, v, o);
        NDArray cos = m.ones(new Shape(1, 1, 2, 2)), sin = m.zeros(new Shape(1, 1, 2, 2)); // no rotation
        NDArray mask = m.create(new float[] {0, LlamaModel.MASKED, 0, 0}, new Shape(1, 1, 1, 2, 2));
        NDArray x = m.create(new float[] {1, 0, 0, 1}, new Shape(1, 2, 2));
        float[] y = attn.forward(x, cos, sin, mask, null, 0, false).toFloatArray();
        assertArrayEquals(new float[] {1, 3, 1.66976155f, 3.80442968f}, y, 1e-6f);
    }

    @Test
    void attentionWithCacheEqualsAttentionWithoutIt() {
        ModelConfig c = cfg(2, 2, 1, 2);
        Linear q = new Linear("q", m.create(new float[] {1, 0, 0, 1, 2, 0, 0, 2}, new Shape(4, 2)), null);
        Linear k = new Linear("k", m.create(new float[] {1, 0, 0, 1}, new Shape(2, 2)), null);
        Linear v = new Linear("v", m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2)), null);
        Linear o = new Linear("o", m.create(new float[] {1, 0, 0, 0, 0, 0, 0, 1}, new Shape(2, 4)), null);
        Attention attn = new Attention(c, q, k, v, o);
        try (KvCache cache = new KvCache(c, 1, 4, m)) {
            NDArray cos = m.ones(new Shape(1, 1, 1, 2)), sin = m.zeros(new Shape(1, 1, 1, 2));
            attn.forward(m.create(new float[] {1, 0}, new Shape(1, 1, 2)), cos, sin, null, cache, 0, false);
            cache.advance(new boolean[][] {{true}});
            float[] y = attn.forward(m.create(new float[] {0, 1}, new Shape(1, 1, 2)), cos, sin, null, cache, 0, false).toFloatArray();
            assertArrayEquals(new float[] {1.66976155f, 3.80442968f}, y, 1e-6f);
        }
    }

    @Test
    void swigluMlp() {
        // x = [1,-1]; gate = I -> [1,-1]; silu = [0.7310586, -0.2689414]; up = [[1,1],[0,2]] -> [0,-2];
        // product [0, 0.5378828]; down = [[1,2],[3,4]] -> [1.0757657, 2.1515314]
        Mlp mlp = new Mlp(new Linear("g", m.create(new float[] {1, 0, 0, 1}, new Shape(2, 2)), null),
                new Linear("u", m.create(new float[] {1, 1, 0, 2}, new Shape(2, 2)), null),
                new Linear("d", m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2)), null));
        float[] y = mlp.forward(m.create(new float[] {1, -1}, new Shape(1, 1, 2)), false).toFloatArray();
        assertArrayEquals(new float[] {1.07576569f, 2.15153137f}, y, 1e-6f);
    }

    @Test
    void linearAddsBiasAndDeltas() {
        Linear lin = new Linear("p", m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3)), m.create(new float[] {10, 20}));
        NDArray x = m.create(new float[] {1, 0, -1}, new Shape(1, 3));
        assertArrayEquals(new float[] {8, 18}, lin.forward(x, false).toFloatArray(), 0f); // [1-3+10, 4-6+20]
        lin.deltas().add((in, training) -> in.sum(new int[] {-1}, true).add(100).repeat(-1, 2));
        assertArrayEquals(new float[] {108, 118}, lin.forward(x, false).toFloatArray(), 0f);
        assertEquals(3, lin.inFeatures());
        assertEquals(2, lin.outFeatures());
    }
}
