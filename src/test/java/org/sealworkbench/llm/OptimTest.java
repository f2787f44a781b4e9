package org.sealworkbench.llm;

import org.sealworkbench.llm.model.Autograd;
import org.sealworkbench.llm.training.AdamW;
import org.sealworkbench.llm.training.CausalLmLoss;
import org.sealworkbench.llm.training.GradClip;
import org.sealworkbench.llm.training.LossMask;
import org.sealworkbench.llm.training.LrSchedule;
import org.sealworkbench.llm.training.SftBatch;
import org.sealworkbench.llm.training.SftExample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.sealworkbench.app.Offline;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** AdamW, schedules and clipping against values computed by hand (see the comments for the arithmetic). */
class OptimTest {

    @Test
    void twoAdamWStepsMatchHandComputedValues() {
        Offline.enforce();
        try (NDManager nd = NDManager.newBaseManager()) {
            NDArray p = nd.create(new float[]{1f, -2f});
            try (AdamW opt = new AdamW(Map.of("p", p), AdamW.Config.defaults(0.1))) {
                // step 1, g = [0.5, -1]: p *= 1 - 0.1*0.01 -> [0.999, -1.998]; m = [0.05, -0.1]; v = [2.5e-4, 1e-3];
                // m/(1-0.9) = [0.5, -1]; sqrt(v/(1-0.999)) = [0.5, 1]; p -= 0.1 * [1, -1] -> [0.899, -1.898]
                opt.step(Map.of("p", nd.create(new float[]{0.5f, -1f})), 0.1);
                assertArrayEquals(new float[]{0.899f, -1.898f}, p.toFloatArray(), 1e-6f);
                // step 2, g = [0.1, 0.2]: p *= 0.999 -> [0.898101, -1.896102]; m = [0.055, -0.07];
                // v = 0.999 v + 0.001 g^2 = [2.5975e-4, 1.039e-3]; bc1 = 0.19, bc2 = 0.001999;
                // update = 0.1/0.19 * m / (sqrt(v)/sqrt(bc2) + 1e-8) = [0.0803041, 0.0511026]
                opt.step(Map.of("p", nd.create(new float[]{0.1f, 0.2f})), 0.1);
                assertArrayEquals(new float[]{0.8177969f, -1.8449994f}, p.toFloatArray(), 2e-6f);
                assertEquals(2, opt.stepCount());
                var st = opt.stateTensors();
                assertArrayEquals(new float[]{0.055f, -0.07f}, st.get("exp_avg.p").data(), 1e-7f);
                assertArrayEquals(new float[]{2.5975e-4f, 1.039e-3f}, st.get("exp_avg_sq.p").data(), 1e-9f);
            }
        }
    }

    @Test
    void adamWStateRoundTripContinuesIdentically() {
        Offline.enforce();
        try (NDManager nd = NDManager.newBaseManager()) {
            NDArray a = nd.create(new float[]{1f, 2f, 3f});
            NDArray b = nd.create(new float[]{1f, 2f, 3f});
            try (AdamW oa = new AdamW(Map.of("x", a), AdamW.Config.defaults(0.01));
                 AdamW ob = new AdamW(Map.of("x", b), AdamW.Config.defaults(0.01))) {
                oa.step(Map.of("x", nd.create(new float[]{1f, -1f, 2f})), 0.01);
                ob.step(Map.of("x", nd.create(new float[]{1f, -1f, 2f})), 0.01);
                var saved = oa.stateTensors();
                ob.loadState(Map.of("exp_avg.x", saved.get("exp_avg.x").data(), "exp_avg_sq.x", saved.get("exp_avg_sq.x").data()), 1);
                oa.step(Map.of("x", nd.create(new float[]{0.3f, 0.1f, -2f})), 0.01);
                ob.step(Map.of("x", nd.create(new float[]{0.3f, 0.1f, -2f})), 0.01);
                assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 0f);
            }
        }
    }

    @Test
    void flatAllAtOnceStepEqualsThePerTensorStepBitForBit() {
        // Optimizer A has x and y, both with gradients: its moments are updated as two flat buffers in one op each.
        // Optimizer B also has z, which never gets a gradient: B takes the per-tensor path. x and y, their
        // moments (read through the per-parameter views of A's flat buffers) and a round trip must all agree exactly.
        Offline.enforce();
        try (NDManager nd = NDManager.newBaseManager()) {
            NDArray xa = nd.create(new float[]{1f, -2f, 0.5f, 3f}, new Shape(2, 2)), ya = nd.create(new float[]{0.25f, -1f, 7f});
            NDArray xb = nd.create(new float[]{1f, -2f, 0.5f, 3f}, new Shape(2, 2)), yb = nd.create(new float[]{0.25f, -1f, 7f});
            NDArray zb = nd.create(new float[]{9f});
            var pa = new java.util.LinkedHashMap<String, NDArray>();
            pa.put("x", xa);
            pa.put("y", ya);
            var pb = new java.util.LinkedHashMap<String, NDArray>();
            pb.put("x", xb);
            pb.put("z", zb);
            pb.put("y", yb);
            try (AdamW a = new AdamW(pa, AdamW.Config.defaults(0.05)); AdamW b = new AdamW(pb, AdamW.Config.defaults(0.05))) {
                float[][] gx = {{0.3f, -0.7f, 1.1f, 0.01f}, {-0.2f, 0.4f, 0.9f, -1.3f}, {0.05f, 0.05f, -0.5f, 2f}};
                float[][] gy = {{1f, 2f, -3f}, {0.1f, -0.2f, 0.3f}, {-4f, 0.5f, 0.25f}};
                double[] lr = {0.05, 0.03, 0.01};
                for (int s = 0; s < 3; s++) {
                    a.step(Map.of("x", nd.create(gx[s], new Shape(2, 2)), "y", nd.create(gy[s])), lr[s]);
                    b.step(Map.of("x", nd.create(gx[s], new Shape(2, 2)), "y", nd.create(gy[s])), lr[s]);
                }
                assertArrayEquals(xb.toFloatArray(), xa.toFloatArray(), 0f);
                assertArrayEquals(yb.toFloatArray(), ya.toFloatArray(), 0f);
                assertArrayEquals(new float[]{9f}, zb.toFloatArray(), 0f);   // no gradient: untouched
                var sa = a.stateTensors();
                var sb = b.stateTensors();
                for (String k : List.of("exp_avg.x", "exp_avg_sq.x", "exp_avg.y", "exp_avg_sq.y")) {
                    assertArrayEquals(sb.get(k).data(), sa.get(k).data(), 0f, k);
                    assertTrue(Math.abs(sa.get(k).data()[0]) > 0, k + " was updated");
                }
                // loading A's state into a fresh optimizer and stepping continues as A does
                NDArray xc = nd.create(xa.toFloatArray(), new Shape(2, 2)), yc = nd.create(ya.toFloatArray());
                var pc = new java.util.LinkedHashMap<String, NDArray>();
                pc.put("x", xc);
                pc.put("y", yc);
                try (AdamW c = new AdamW(pc, AdamW.Config.defaults(0.05))) {
                    var flat = new java.util.HashMap<String, float[]>();
                    sa.forEach((k, v) -> flat.put(k, v.data()));
                    c.loadState(flat, a.stepCount());
                    a.step(Map.of("x", nd.create(gx[0], new Shape(2, 2)), "y", nd.create(gy[0])), 0.02);
                    c.step(Map.of("x", nd.create(gx[0], new Shape(2, 2)), "y", nd.create(gy[0])), 0.02);
                    assertArrayEquals(xa.toFloatArray(), xc.toFloatArray(), 0f);
                    assertArrayEquals(ya.toFloatArray(), yc.toFloatArray(), 0f);
                }
            }
        }
    }

    @Test
    void schedulesFollowHuggingFaceFormulas() {
        // warmup 10, total 110: warmup factor step/10; linear (110-s)/100; cosine 0.5(1+cos(pi (s-10)/100))
        LrSchedule lin = new LrSchedule(LrSchedule.Kind.LINEAR, 2.0, 10, 110);
        assertEquals(0.0, lin.lr(0));
        assertEquals(1.0, lin.lr(5), 1e-12);
        assertEquals(2.0, lin.lr(10), 1e-12);
        assertEquals(1.0, lin.lr(60), 1e-12);
        assertEquals(0.0, lin.lr(110), 1e-12);
        assertEquals(0.0, lin.lr(200), 1e-12);
        LrSchedule cos = new LrSchedule(LrSchedule.Kind.COSINE, 2.0, 10, 110);
        assertEquals(2.0, cos.lr(10), 1e-12);
        assertEquals(1.0, cos.lr(60), 1e-12);                          // cos(pi/2) = 0
        assertEquals(2.0 * 0.5 * (1 + Math.cos(Math.PI * 0.25)), cos.lr(35), 1e-12);
        assertEquals(0.0, cos.lr(110), 1e-12);
        LrSchedule con = new LrSchedule(LrSchedule.Kind.CONSTANT, 3.0, 4, 100);
        assertEquals(0.75, con.lr(1), 1e-12);
        assertEquals(3.0, con.lr(99), 1e-12);
        assertEquals(3.0, new LrSchedule(LrSchedule.Kind.CONSTANT, 3.0, 0, 0).lr(0));
    }

    @Test
    void clipScalesAllGradientsByTheGlobalNorm() {
        Offline.enforce();
        try (NDManager nd = NDManager.newBaseManager()) {
            NDArray g1 = nd.create(new float[]{3f, 4f});
            NDArray g2 = nd.create(new float[]{12f});
            // |g| = sqrt(9 + 16 + 144) = 13; max 6.5 -> scale 6.5 / (13 + 1e-6)
            double norm = GradClip.clip(List.of(g1, g2), 6.5);
            assertEquals(13.0, norm, 1e-5);
            double s = 6.5 / (13 + 1e-6);
            assertArrayEquals(new float[]{(float) (3 * s), (float) (4 * s)}, g1.toFloatArray(), 1e-6f);
            assertArrayEquals(new float[]{(float) (12 * s)}, g2.toFloatArray(), 1e-6f);
            // below the limit nothing changes
            GradClip.clip(List.of(g1, g2), 100);
            assertArrayEquals(new float[]{(float) (12 * s)}, g2.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void maskedLossAndItsGradientMatchHandValues() {
        Offline.enforce();
        try (NDManager nd = NDManager.newBaseManager()) {
            // V = 2. Position 0 logits [0, 0] -> p = [1/2, 1/2]; position 1 logits [ln 3, 0] -> p = [3/4, 1/4].
            float ln3 = (float) Math.log(3);
            NDArray logits = nd.create(new float[]{0, 0, ln3, 0, 5, -5}, new Shape(1, 3, 2));
            // ids [1, 0, 1]: target 0 at t=1 (p 1/2), target 1 at t=2 (p 1/4)
            SftBatch all = SftBatch.collate(List.of(new SftExample(new int[]{1, 0, 1}, 2)), 0, LossMask.PADDING);
            SftBatch prompt = SftBatch.collate(List.of(new SftExample(new int[]{1, 0, 1}, 2)), 0, LossMask.PROMPT);
            NDArray ids = nd.create(all.ids(), new Shape(1, 3));
            assertEquals(3 * Math.log(2), CausalLmLoss.weightedSum(logits, ids, nd.create(all.weights(), new Shape(1, 3))).getFloat(), 1e-6);
            assertEquals(2 * Math.log(2), CausalLmLoss.weightedSum(logits, ids, nd.create(prompt.weights(), new Shape(1, 3))).getFloat(), 1e-6);
            assertEquals(2.0, all.targetCount());
            assertEquals(1.0, prompt.targetCount());

            // d loss / d logits = (softmax - onehot(target)) * w: position 0 targets 0, position 1 targets 1, the last none
            logits.setRequiresGradient(true);
            Autograd.withGradMode(true, () -> {
                try (NDArray loss = CausalLmLoss.weightedSum(logits, ids, nd.create(all.weights(), new Shape(1, 3)))) {
                    Autograd.backward(loss);
                }
                return null;
            });
            try (NDArray g = Autograd.gradient(logits)) {
                assertArrayEquals(new float[]{-0.5f, 0.5f, 0.75f, -0.75f, 0f, 0f}, g.toFloatArray(), 1e-6f);
            }
            Autograd.zeroGradient(logits);
            try (NDArray g = Autograd.gradient(logits)) {
                assertTrue(g == null || g.sum().getFloat() == 0f);
            }
        }
    }

    @Test
    void paddingAndMaskModes() {
        // rows of length 4 and 2, prompt lengths 2 and 1, pad id 9
        List<SftExample> ex = List.of(new SftExample(new int[]{1, 2, 3, 4}, 2), new SftExample(new int[]{5, 6}, 1));
        SftBatch p = SftBatch.collate(ex, 9, LossMask.PROMPT);
        assertArrayEquals(new long[]{1, 2, 3, 4, 5, 6, 9, 9}, p.ids());
        assertArrayEquals(new float[]{0, 0, 1, 1, 0, 1, 0, 0}, p.weights());
        assertArrayEquals(new float[]{0, 1, 1, 1, 0, 1, 0, 0}, SftBatch.collate(ex, 9, LossMask.PADDING).weights());
        assertArrayEquals(new float[]{0, 1, 1, 1, 0, 1, 1, 1}, SftBatch.collate(ex, 9, LossMask.NONE).weights());
    }
}
