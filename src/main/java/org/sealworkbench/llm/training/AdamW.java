package org.sealworkbench.llm.training;

import org.sealworkbench.llm.io.FloatTensor;
import org.sealworkbench.llm.model.Autograd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW as torch.optim.AdamW with its defaults (betas 0.9/0.999, eps 1e-8, weight_decay 0.01, decoupled
 * decay p *= 1 - lr*wd before the Adam update, bias-corrected moments). State m, v lives beside the
 * parameters (same manager, same device) and survives steps; temporaries of a step are closed by an NDScope.
 *
 * <p>The moments of all parameters are two flat buffers (each parameter's m and v are views into them), and a
 * step where every parameter has a gradient updates them with one op each on the concatenated gradient,
 * like torch's multi-tensor ("foreach") AdamW: a LoRA on all seven projections of a 4-layer model has 56
 * small tensors, and 13 ops per tensor were most of a training step's JNI calls (issue 19). The arithmetic
 * per element is unchanged (elementwise ops only), so the result is bit-for-bit that of the per-tensor form,
 * which remains for steps where some parameter has no gradient.
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
    private final NDArray mFlat;          // every parameter's m, concatenated in params order
    private final NDArray vFlat;
    private final long[] splits;          // where each parameter after the first starts in the flat buffers
    private final NDArray flatParams;     // null, or a buffer the parameters are views of, in params order
    private long step;

    /** {@code params}: trainable leaves keyed by a stable name (used for state save/load), all F32 on one device. */
    public AdamW(Map<String, NDArray> params, Config config) {
        this(params, config, null);
    }

    /**
     * As above, where {@code flatParams} (may be null) is a buffer that the parameters are views of, laid out in the map's
     * order ({@link org.sealworkbench.llm.model.FlatParameters}): weight decay and the update are then one op each on it,
     * not one per parameter.
     */
    public AdamW(Map<String, NDArray> params, Config config, NDArray flatParams) {
        if (params.isEmpty()) throw new IllegalArgumentException("AdamW needs at least one parameter");
        this.config = config;
        this.params = new LinkedHashMap<>(params);
        if (flatParams != null && flatParams.size() != this.params.values().stream().mapToLong(NDArray::size).sum()) {
            throw new IllegalArgumentException("the flat buffer has " + flatParams.size() + " values, the parameters "
                    + this.params.values().stream().mapToLong(NDArray::size).sum());
        }
        this.flatParams = flatParams;
        long total = 0;
        splits = new long[this.params.size() - 1];
        int i = 0;
        for (NDArray p : this.params.values()) {
            if (i > 0) splits[i - 1] = total;
            total += p.size();
            i++;
        }
        NDArray first = this.params.values().iterator().next();
        NDManager nd = first.getManager();
        mFlat = nd.zeros(new Shape(total), first.getDataType());
        vFlat = nd.zeros(new Shape(total), first.getDataType());
        NDScope.unregister(mFlat, vFlat);   // survivors: must outlive any scope they were created in
        long off = 0;
        for (var e : this.params.entrySet()) {
            long n = e.getValue().size();
            NDIndex part = new NDIndex().addSliceDim(off, off + n);
            NDArray mm, vv;
            // views: share the flat buffers. The slices in between are closed here: left open they stayed in the
            // model's manager (the constructor runs outside any scope) and held both flat buffers of every
            // optimizer ever made, 16 arrays per inner loop (issue 19, resident memory growing over inner loops)
            try (NDArray mSlice = mFlat.get(part); NDArray vSlice = vFlat.get(part)) {
                mm = mSlice.reshape(e.getValue().getShape());
                vv = vSlice.reshape(e.getValue().getShape());
            }
            NDScope.unregister(mm, vv);
            m.put(e.getKey(), mm);
            v.put(e.getKey(), vv);
            off += n;
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
        try (NDScope scope = new NDScope()) {
            NDArray g = flatGradient(grads);
            if (g != null) {
                stepFlat(g, lr);
                return;
            }
        }
        step++;
        Autograd.noGrad(() -> {
            try (NDScope stepScope = new NDScope()) {
                Numbers k = numbers(lr);
                for (var e : params.entrySet()) {
                    NDArray g = grads.get(e.getKey());
                    if (g == null) continue;
                    NDArray p = e.getValue();
                    NDArray mm = m.get(e.getKey()), vv = v.get(e.getKey());
                    try (NDScope scope = new NDScope()) {
                        // the order of torch's _single_tensor_adamw: m.lerp_(g, 1-b1); v.mul_(b2).addcmul_(g, g, 1-b2);
                        // denom = v.sqrt() / sqrt(bc2) + eps; p.addcdiv_(m, denom, -lr/bc1)
                        if (config.weightDecay() != 0) p.muli(k.decay);
                        mm.addi(g.sub(mm).muli(k.oneMinusB1));                   // m += (1-b1)(g - m)
                        vv.muli(k.beta2).addi(g.square().muli(k.oneMinusB2));    // v = b2 v + (1-b2) g^2
                        NDArray denom = vv.sqrt().divi(k.sqrtBc2).addi(k.eps);
                        p.subi(mm.div(denom).muli(k.stepSize));
                    }
                }
            }
        });
    }

    /**
     * Every parameter's gradient concatenated in the parameters' order (a new tensor in the current scope, laid out as
     * the moments), or null when some parameter has none: the form {@link #stepFlat} takes, and on which one norm op
     * gives the global gradient norm ({@link GradClip#clipFlat}).
     */
    public NDArray flatGradient(Map<String, NDArray> grads) {
        if (!grads.keySet().containsAll(params.keySet())) return null;
        NDList flatGrads = new NDList(params.size());
        for (String k : params.keySet()) flatGrads.add(grads.get(k).reshape(-1));
        return NDArrays.concat(flatGrads);
    }

    /**
     * One update of every parameter from their concatenated gradient ({@link #flatGradient}), which this overwrites:
     * a handful of ops on the flat moments, like torch's multi-tensor ("foreach") AdamW, with the per-element arithmetic
     * of the per-tensor form (bit for bit).
     */
    public void stepFlat(NDArray g, double lr) {
        step++;
        Autograd.noGrad(() -> {
            try (NDScope stepScope = new NDScope()) {
                Numbers k = numbers(lr);
                if (config.weightDecay() != 0) {
                    if (flatParams != null) flatParams.muli(k.decay);
                    else for (NDArray p : params.values()) p.muli(k.decay);
                }
                vFlat.muli(k.beta2).addi(g.square().muli(k.oneMinusB2));    // v = b2 v + (1-b2) g^2
                mFlat.addi(g.subi(mFlat).muli(k.oneMinusB1));               // m += (1-b1)(g - m); g is spent
                NDArray denom = vFlat.sqrt().divi(k.sqrtBc2).addi(k.eps);
                NDArray update = mFlat.div(denom).muli(k.stepSize);         // m / denom * lr / bc1 (not m copied into g:
                                                                            // DJL's copyTo goes through two Java buffers)
                if (flatParams != null) {
                    flatParams.subi(update);                                // every parameter at once: they are views of it
                } else {
                    NDList updates = update.split(splits);
                    int i = 0;
                    for (NDArray p : params.values()) p.subi(updates.get(i++).reshape(p.getShape()));
                }
            }
        });
    }

    /**
     * The step's numbers as tensors made once per step, not once per parameter and op (DJL's muli(Number) copies the
     * number into a new tensor around every op): the same arithmetic in fewer JNI calls. Call after counting the step.
     */
    private Numbers numbers(double lr) {
        double b1 = config.beta1(), b2 = config.beta2();
        double bc1 = 1 - Math.pow(b1, step);
        double bc2 = 1 - Math.pow(b2, step);
        NDManager nd = params.values().iterator().next().getManager();
        return new Numbers(Autograd.scalar(nd, (float) (1 - b1)), Autograd.scalar(nd, (float) b2), Autograd.scalar(nd, (float) (1 - b2)),
                Autograd.scalar(nd, (float) config.eps()), nd.create((float) (1 - lr * config.weightDecay())),
                nd.create((float) Math.sqrt(bc2)), nd.create((float) (lr / bc1)));
    }

    private record Numbers(NDArray oneMinusB1, NDArray beta2, NDArray oneMinusB2, NDArray eps, NDArray decay, NDArray sqrtBc2,
                           NDArray stepSize) {}

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
        float[] ms = new float[Math.toIntExact(mFlat.size())], vs = new float[ms.length];
        int off = 0;
        for (var e : params.entrySet()) {
            String k = e.getKey();
            float[] a = state.get("exp_avg." + k), b = state.get("exp_avg_sq." + k);
            if (a == null || b == null) throw new IllegalArgumentException("optimizer state lacks parameter " + k);
            if (a.length != e.getValue().size() || b.length != a.length) {
                throw new IllegalArgumentException("optimizer state of " + k + " has " + a.length + " values, the parameter " + e.getValue().size());
            }
            System.arraycopy(a, 0, ms, off, a.length);
            System.arraycopy(b, 0, vs, off, b.length);
            off += a.length;
        }
        Autograd.overwrite(mFlat, ms);      // in place: the per-parameter moments are views of these
        Autograd.overwrite(vFlat, vs);
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
        mFlat.close();
        vFlat.close();
    }
}
