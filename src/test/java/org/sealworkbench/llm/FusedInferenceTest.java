package org.sealworkbench.llm;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.model.Autograd;
import org.sealworkbench.llm.model.KvCache;
import org.sealworkbench.llm.model.Linear;
import org.sealworkbench.llm.model.LinearDelta;
import org.sealworkbench.llm.model.LlamaModel;

/**
 * The inference session's fused projections (q/k/v as one matmul, gate/up as one) against the readable forward pass:
 * logits within 1e-5, with and without LoRA-like deltas attached, with biases (Qwen2), after weights change in place
 * between sessions; fewer arrays made per decoded token; nothing left behind.
 */
class FusedInferenceTest {
    @TempDir static Path tmp;
    static LlamaModel llama;
    static LlamaModel qwen;

    static TestCheckpoints.Pair models;

    @BeforeAll
    static void load() throws Exception {
        models = TestCheckpoints.llamaAndQwen(tmp);
        llama = models.llama();
        qwen = models.qwen();
    }

    @AfterAll
    static void close() {
        models.close();
    }

    private static float[] logits(LlamaModel m, boolean fused) {
        long[] ids = new SplittableRandom(5).longs(2 * 7, 0, m.config().vocabSize()).toArray();
        return Autograd.withGradMode(false, () -> {
            try (LlamaModel.Inference session = fused ? m.inference() : null; NDScope scope = new NDScope()) {
                return m.forward(m.manager().create(ids, new Shape(2, 7)), false).toFloatArray();
            }
        });
    }

    private static double maxDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double d = 0;
        for (int i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
        return d;
    }

    /** A fixed low-rank delta x A^T B^T, as a LoRA adapter adds. */
    private static LinearDelta delta(LlamaModel m, Linear l, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[2 * l.inFeatures()], b = new float[l.outFeatures() * 2];
        for (int i = 0; i < a.length; i++) a[i] = (float) (r.nextDouble() - 0.5);
        for (int i = 0; i < b.length; i++) b[i] = (float) (r.nextDouble() - 0.5) * 0.2f;
        NDArray aT = m.manager().create(a, new Shape(2, l.inFeatures())).transpose();
        NDArray bT = m.manager().create(b, new Shape(l.outFeatures(), 2)).transpose();
        NDScope.unregister(aT, bT);
        return (x, training) -> x.matMul(aT).matMul(bT);
    }

    @Test
    void fusedLogitsEqualTheReadableForwardPass() {
        for (LlamaModel m : List.of(llama, qwen)) {
            float[] ref = logits(m, false), fused = logits(m, true);
            assertTrue(maxDiff(ref, fused) <= 1e-5, "max |diff| " + maxDiff(ref, fused));
            // LoRA-like deltas on q and v (SEAL's targets) and on up: added per part
            List<Linear> targets = new ArrayList<>();
            for (var e : m.linears().entrySet()) {
                if (e.getKey().endsWith("q_proj") || e.getKey().endsWith("v_proj") || e.getKey().endsWith("up_proj")) targets.add(e.getValue());
            }
            List<LinearDelta> added = new ArrayList<>();
            for (Linear l : targets) {
                LinearDelta d = delta(m, l, l.name().hashCode());
                l.deltas().add(d);
                added.add(d);
            }
            try {
                float[] refD = logits(m, false), fusedD = logits(m, true);
                assertTrue(maxDiff(ref, refD) > 1e-3, "the deltas must change the logits");
                assertTrue(maxDiff(refD, fusedD) <= 1e-5, "with deltas, max |diff| " + maxDiff(refD, fusedD));
            } finally {
                for (int i = 0; i < targets.size(); i++) targets.get(i).deltas().remove(added.get(i));
            }
        }
    }

    @Test
    void weightsChangedInPlaceBetweenSessionsAreSeen() {
        Linear q = llama.linears().get("model.layers.0.self_attn.q_proj");
        Linear up = llama.linears().get("model.layers.1.mlp.up_proj");
        float[] before = logits(llama, true);
        Autograd.noGrad(() -> {
            q.weight().addi(llama.manager().ones(q.weight().getShape()).mul(0.05f));
            up.weight().muli(1.5f);
        });
        try {
            float[] ref = logits(llama, false), fused = logits(llama, true);
            assertTrue(maxDiff(before, ref) > 1e-3);
            assertTrue(maxDiff(ref, fused) <= 1e-5, "a session after an in-place change uses the new weights");
        } finally {
            Autograd.noGrad(() -> {
                up.weight().divi(1.5f);
                q.weight().subi(llama.manager().ones(q.weight().getShape()).mul(0.05f));
            });
        }
    }

    /** Arrays a decode step of one token at batch 1 makes (each op makes at least one), fused or readable. */
    private static int arraysPerDecodedToken(LlamaModel m, boolean fused) {
        return Autograd.withGradMode(false, () -> {
            try (LlamaModel.Inference session = fused ? m.inference() : null;
                 KvCache cache = m.newCache(1, 16, m.manager())) {
                boolean[][] valid = {{true, true, true}};
                try (NDScope s = new NDScope()) {
                    m.hidden(m.manager().create(new long[] {1, 2, 3}, new Shape(1, 3)), new int[][] {{0, 1, 2}}, valid, cache, false);
                }
                int before = m.manager().getManagedArrays().size();
                try (NDScope s = new NDScope()) {
                    m.lastLogits(m.hidden(m.manager().create(new long[] {4}, new Shape(1, 1)), new int[][] {{3}},
                            new boolean[][] {{true}}, cache, false));
                    return m.manager().getManagedArrays().size() - before;
                }
            }
        });
    }

    @Test
    void fusedDecodeMakesFewerArraysAndLeavesNoneBehind() {
        int before = llama.manager().getManagedArrays().size();
        int readable = arraysPerDecodedToken(llama, false), fused = arraysPerDecodedToken(llama, true);
        System.out.printf("arrays per decoded token (%d layers): readable %d, fused %d%n", llama.config().numHiddenLayers(), readable, fused);
        assertTrue(fused < readable, "fused " + fused + " vs readable " + readable);
        assertEquals(before, llama.manager().getManagedArrays().size(), "sessions and steps leave nothing behind");
        // nested sessions keep the outer one's copies until the outer closes
        try (LlamaModel.Inference outer = llama.inference()) {
            try (LlamaModel.Inference inner = llama.inference()) {
                assertTrue(llama.manager().getManagedArrays().size() > before);
            }
            assertTrue(llama.manager().getManagedArrays().size() > before);
        }
        assertEquals(before, llama.manager().getManagedArrays().size());
    }

    /**
     * A replica (issue 19: inner-loop workers) computes the model's logits exactly, shares its weight arrays, keeps its deltas and inference sessions to itself, and on two threads at once gives what each gives
     * alone; closing it leaves the model whole.
     */
    @Test
    void aReplicaSharesTheWeightsButNotTheDeltasAndRunsBesideTheModel() throws Exception {
        for (LlamaModel m : List.of(llama, qwen)) {
            float[] ref = logits(m, false);
            try (LlamaModel r = m.replica()) {
                assertTrue(r.isReplica() && !m.isReplica());
                assertEquals(0.0, maxDiff(ref, logits(r, false)), "the same weights, the same ops");
                assertSame(m.linears().get("model.layers.0.self_attn.q_proj").weight(), r.linears().get("model.layers.0.self_attn.q_proj").weight());
                Linear q = r.linears().get("model.layers.0.self_attn.q_proj");
                q.deltas().add(delta(r, q, 3));
                float[] withDelta = logits(r, true);
                assertTrue(maxDiff(ref, withDelta) > 1e-3, "the delta changes the replica's logits");
                assertEquals(0.0, maxDiff(ref, logits(m, false)), "and not the model's");
                // both at once on two threads, each in its own session: each gives what it gave alone
                java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
                try {
                    for (int round = 0; round < 3; round++) {
                        var a = two.submit(() -> logits(m, true));
                        var b = two.submit(() -> logits(r, true));
                        assertTrue(maxDiff(ref, a.get()) <= 1e-5, "model beside its replica");
                        assertTrue(maxDiff(withDelta, b.get()) <= 1e-5, "replica beside its model");
                    }
                } finally {
                    two.shutdown();
                }
            }
            assertEquals(0.0, maxDiff(ref, logits(m, false)), "the model is whole after its replica closed");
        }
    }
}
