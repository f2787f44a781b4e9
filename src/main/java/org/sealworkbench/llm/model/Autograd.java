package org.sealworkbench.llm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Direct access to PyTorch autograd. We bypass DJL's GradientCollector because it holds a JVM-wide
 * "one collector at a time" flag, while PyTorch's grad mode is per thread: a training job and a
 * generation job on other threads must not block or disturb each other.
 */
public final class Autograd {
    private Autograd() {}

    /** Grad mode of the calling thread (thread-local in PyTorch). */
    public static boolean isGradMode() {
        return JniUtils.isGradMode();
    }

    public static void setGradMode(boolean on) {
        JniUtils.setGradMode(on);
    }

    /** Runs {@code body} with grad mode set as asked on this thread, restoring the previous mode after. */
    public static <T> T withGradMode(boolean on, Supplier<T> body) {
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(on);
        try {
            return body.get();
        } finally {
            JniUtils.setGradMode(before);
        }
    }

    public static void noGrad(Runnable body) {
        withGradMode(false, () -> {
            body.run();
            return null;
        });
    }

    /** Back-propagates a scalar loss; gradients accumulate into the leaves' .grad as in PyTorch. */
    public static void backward(NDArray scalarLoss) {
        try (NDArray ones = scalarLoss.onesLike()) {
            JniUtils.backward((PtNDArray) scalarLoss, (PtNDArray) ones, false, false);
        }
    }

    /**
     * The accumulated gradient of a leaf as a new handle on the same storage (close the handle; in-place
     * ops on it change the real .grad), or null when backward has not reached the leaf.
     */
    public static NDArray gradient(NDArray leaf) {
        PtNDArray g = JniUtils.getGradient((PtNDArray) leaf);
        if (g == null || g.getHandle() == null || g.getHandle() == 0L) return null;
        return g;
    }

    /** Sets the leaf's .grad to zero in place (PyTorch accumulates across backward calls). */
    public static void zeroGradient(NDArray leaf) {
        JniUtils.zeroGrad((PtNDArray) leaf);
    }

    /**
     * x in {@code dtype}, differentiable. DJL's {@code toType} runs under a NoGradGuard in its JNI (the
     * result is cut off from the graph: no gradient flows back through it), so with grad mode on the
     * cast is a copy into a fresh tensor through indexed assignment (PyTorch's copy_, which converts
     * dtypes and back-propagates); with grad mode off the cheaper {@code toType} is used.
     */
    public static NDArray cast(NDArray x, DataType dtype) {
        if (x.getDataType() == dtype) return x;
        if (!JniUtils.isGradMode()) return x.toType(dtype, false);
        NDArray out = x.getManager().create(x.getShape(), dtype);   // uninitialised, fully overwritten
        out.set(ALL, x);
        return out;
    }

    private static final NDIndex ALL = new NDIndex(":");

    /**
     * Overwrites {@code target}'s values in place with {@code values} (row-major, exactly as many as it holds), on its
     * own storage: every view of it (a LoRA adapter's parameters are views of one flat buffer, AdamW's per-parameter
     * moments views of its flat moments) sees the new values. DJL's {@code NDArray.set(float[])} and
     * {@code copyTo} do not: they point the tensor at a new Java-owned buffer (PyTorch's {@code set_}), which cuts it
     * off from every view, and PyTorch warns about a deprecated guard in that path.
     */
    public static void overwrite(NDArray target, float[] values) {
        if (values.length != target.size()) {
            throw new IllegalArgumentException(values.length + " values for a tensor of " + target.size() + " " + target.getShape());
        }
        try (NDArray source = target.getManager().create(values, target.getShape())) {
            noGrad(() -> target.set(ALL, source));
        }
    }

    /**
     * x * s, safe to differentiate. DJL's {@code mul(Number)} wraps s in a tensor over a Java direct
     * buffer and closes it right after the op, but PyTorch keeps that tensor for backward (d(x*s)/dx
     * reads s): after a GC the backward pass reads freed memory and gradients turn to garbage. Here the
     * scalar is a PyTorch-owned tensor from {@link #scalar}, which lives as long as the process, so the
     * autograd graph may keep it as long as it likes; and it costs one op instead of three.
     */
    public static NDArray mulScalar(NDArray x, double s) {
        return x.mul(scalar(x.getManager(), (float) s));
    }

    private record ScalarKey(Device device, int bits) {}

    private static final int MAX_SCALARS = 4096;
    private static final Map<ScalarKey, NDArray> SCALARS = new ConcurrentHashMap<>();
    private static final Map<Device, NDManager> SCALAR_MANAGERS = new ConcurrentHashMap<>();

    /**
     * A 0-dimensional F32 tensor holding {@code value} on {@code manager}'s device, owned by PyTorch and shared:
     * the same value on the same device is the same tensor, created once (at most 4096 distinct ones; beyond
     * that a fresh one in {@code manager}, owned by the current scope, is returned). Never close or modify it. A 0-dim F32 operand
     * does not promote F16 activations (PyTorch's type promotion), so it serves every dtype. This removes
     * per-op bookkeeping that is not math: DJL's {@code mul(Number)} copies the number from Java into a new
     * tensor and frees it around every op (see issue 19).
     */
    public static NDArray scalar(NDManager manager, float value) {
        Device device = manager.getDevice();
        ScalarKey key = new ScalarKey(device, Float.floatToIntBits(value));
        NDArray cached = SCALARS.get(key);
        if (cached != null) return cached;
        if (SCALARS.size() >= MAX_SCALARS) {
            NDArray blob = manager.create(value);
            NDArray owned = blob.duplicate();   // PyTorch memory, not a Java buffer; joins the current scope
            blob.close();
            return owned;
        }
        NDManager owner = SCALAR_MANAGERS.computeIfAbsent(device, NDManager::newBaseManager);
        return SCALARS.computeIfAbsent(key, k -> {
            NDArray blob = owner.create(value);
            NDArray owned = blob.duplicate();
            blob.close();
            NDScope.unregister(owned);
            return owned;
        });
    }
}
