package org.sealworkbench.llm.training;

import org.sealworkbench.llm.io.FloatTensor;
import org.sealworkbench.llm.model.Autograd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW as torch.optim.AdamW with its defaults (betas 0.9/0.999, eps 1e-8, weight_decay 0.01, decoupled
 * decay p *= 1 - lr*wd before the Adam update, bias-corrected moments). State m, v per parameter lives
 * beside the parameter (same manager, same device) and survives steps; temporaries of a step are closed
 * by an NDScope.
 */
public final class AdamW implements AutoCloseable {
    public record Config(double lr, double beta1, double beta2, double eps, double weightDecay) {
        public static Config defaults(double lr) {
            return new Config(lr, 0.9, 0.999, 1e-8, 0.01);
        }
    }

    private final Config config;
    private final Map<String, NDArray> params;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private long step;

    /** {@code params}: trainable leaves keyed by a stable name (used for state save/load). */
    public AdamW(Map<String, NDArray> params, Config config) {
        this.config = config;
        this.params = new LinkedHashMap<>(params);
        for (var e : this.params.entrySet()) {
            NDArray mm = e.getValue().zerosLike();
            NDArray vv = e.getValue().zerosLike();
            NDScope.unregister(mm, vv);   // survivors: must outlive any scope they were created in
            m.put(e.getKey(), mm);
            v.put(e.getKey(), vv);
        }
    }

    public Config config() {
        return config;
    }

    /** Number of updates done so far (torch's state["step"]). */
    public long stepCount() {
        return step;
    }

    /**
     * One update of every parameter with its gradient from {@code grads} (same names; a missing gradient
     * skips that parameter, as torch skips p.grad is None) at learning rate {@code lr}.
     */
    public void step(Map<String, NDArray> grads, double lr) {
        step++;
        double b1 = config.beta1(), b2 = config.beta2();
        double bc1 = 1 - Math.pow(b1, step);
        double bc2 = 1 - Math.pow(b2, step);
        double stepSize = lr / bc1;
        double sqrtBc2 = Math.sqrt(bc2);
        Autograd.noGrad(() -> {
            // The step's numbers as tensors made once per step, not once per parameter and op (DJL's muli(Number)
            // copies the number into a new tensor around every op): the same arithmetic in fewer JNI calls.
            NDManager nd = params.values().iterator().next().getManager();
            try (NDScope stepScope = new NDScope()) {
                NDArray oneMinusB1 = Autograd.scalar(nd, (float) (1 - b1));
                NDArray beta2 = Autograd.scalar(nd, (float) b2);
                NDArray oneMinusB2 = Autograd.scalar(nd, (float) (1 - b2));
                NDArray eps = Autograd.scalar(nd, (float) config.eps());
                NDArray decay = nd.create((float) (1 - lr * config.weightDecay()));
                NDArray sqrtBc2T = nd.create((float) sqrtBc2);
                NDArray stepSizeT = nd.create((float) stepSize);
                for (var e : params.entrySet()) {
                    NDArray g = grads.get(e.getKey());
                    if (g == null) continue;
                    NDArray p = e.getValue();
                    NDArray mm = m.get(e.getKey()), vv = v.get(e.getKey());
                    try (NDScope scope = new NDScope()) {
                        // the order of torch's _single_tensor_adamw: m.lerp_(g, 1-b1); v.mul_(b2).addcmul_(g, g, 1-b2);
                        // denom = v.sqrt() / sqrt(bc2) + eps; p.addcdiv_(m, denom, -lr/bc1)
                        if (config.weightDecay() != 0) p.muli(decay);
                        mm.addi(g.sub(mm).muli(oneMinusB1));                   // m += (1-b1)(g - m)
                        vv.muli(beta2).addi(g.square().muli(oneMinusB2));      // v = b2 v + (1-b2) g^2
                        NDArray denom = vv.sqrt().divi(sqrtBc2T).addi(eps);
                        p.subi(mm.div(denom).muli(stepSizeT));
                    }
                }
            }
        });
    }

    /** Optimizer state as named float tensors ("exp_avg.NAME", "exp_avg_sq.NAME") for checkpoints. */
    public Map<String, FloatTensor> stateTensors() {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        for (String k : params.keySet()) {
            out.put("exp_avg." + k, toTensor(m.get(k)));
            out.put("exp_avg_sq." + k, toTensor(v.get(k)));
        }
        return out;
    }

    /** Restores state written by {@link #stateTensors()} and the step count. */
    public void loadState(Map<String, float[]> state, long stepCount) {
        for (String k : params.keySet()) {
            float[] a = state.get("exp_avg." + k), b = state.get("exp_avg_sq." + k);
            if (a == null || b == null) throw new IllegalArgumentException("optimizer state lacks parameter " + k);
            m.get(k).set(a);
            v.get(k).set(b);
        }
        this.step = stepCount;
    }

    private static FloatTensor toTensor(NDArray a) {
        return new FloatTensor(a.getShape().getShape(), a.toFloatArray());
    }

    @Override
    public void close() {
        m.values().forEach(NDArray::close);
        v.values().forEach(NDArray::close);
        m.clear();
        v.clear();
    }
}
