package org.sealworkbench.llm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

import java.util.function.UnaryOperator;

/**
 * Grouped-query self-attention: nH query heads share nKv key/value heads in groups of G = nH / nKv
 * (query head h reads KV head h / G). Instead of repeating K and V, the G query heads of a group are
 * folded into the query-length axis, so one batched matmul serves the whole group. With F16 activations
 * the masked softmax runs in F32 (the F32 mask's -1e9 would be -inf in F16 and turn fully masked padding
 * rows into NaN), and the probabilities go back to F16 for the product with the values.
 */
public final class Attention {
    final Linear q; // [nH*D, H]
    final Linear k; // [nKv*D, H]
    final Linear v; // [nKv*D, H]
    final Linear o; // [H, nH*D]
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final float scale;
    /** q, k and v as one projection while an inference session holds it ({@link LlamaModel#inference}); else null. */
    Fused fused;

    public Attention(ModelConfig cfg, Linear q, Linear k, Linear v, Linear o) {
        this.q = q;
        this.k = k;
        this.v = v;
        this.o = o;
        this.heads = cfg.numAttentionHeads();
        this.kvHeads = cfg.numKeyValueHeads();
        this.headDim = cfg.headDim();
        this.scale = (float) (1.0 / Math.sqrt(headDim));
    }

    /**
     * x [B, T, H]; cos/sin [B, 1, T, D]; mask additive [B or 1, 1, 1, T, S] or null (no masking);
     * cache null (keys are these T tokens, S = T) or a cache whose positions [start, start+T) this call
     * fills (S = start + T).
     */
    public NDArray forward(NDArray x, NDArray cos, NDArray sin, NDArray mask, KvCache cache, int layer, boolean training) {
        return forward(x, h -> RotaryEmbedding.apply(h, cos, sin), mask, cache, layer, training);
    }

    /** As {@link #forward(NDArray, NDArray, NDArray, NDArray, KvCache, int, boolean)} with the forward pass's rotation tables. */
    public NDArray forward(NDArray x, RotaryEmbedding.Angles angles, NDArray mask, KvCache cache, int layer, boolean training) {
        return forward(x, angles::apply, mask, cache, layer, training);
    }

    private NDArray forward(NDArray x, UnaryOperator<NDArray> rope, NDArray mask, KvCache cache, int layer, boolean training) {
        long b = x.getShape().get(0), t = x.getShape().get(1);
        int g = heads / kvHeads;
        NDArray qh, kh, vh;
        Fused f = fused;
        if (f != null && !training) {
            NDArray[] qkv = f.project(x, b, t, rope);   // the three lines below, in fewer ops (test reference: them)
            qh = qkv[0];
            kh = qkv[1];
            vh = qkv[2];
        } else {
            qh = q.forward(x, training).reshape(b, t, heads, headDim).transpose(0, 2, 1, 3);   // [B, nH, T, D]
            kh = k.forward(x, training).reshape(b, t, kvHeads, headDim).transpose(0, 2, 1, 3); // [B, nKv, T, D]
            vh = v.forward(x, training).reshape(b, t, kvHeads, headDim).transpose(0, 2, 1, 3); // [B, nKv, T, D]
            qh = rope.apply(qh);
            kh = rope.apply(kh);
        }

        NDArray keys = kh, values = vh; // [B, nKv, S, D]
        if (cache != null) {
            int start = cache.length();
            // indices built, not parsed from text: this runs for every layer of every decoded token
            NDIndex written = new NDIndex().addAllDim(2).addSliceDim(start, start + t);
            cache.keys[layer].set(written, kh);
            cache.values[layer].set(written, vh);
            NDIndex filled = new NDIndex().addAllDim(2).addSliceDim(0, start + t);
            keys = cache.keys[layer].get(filled);
            values = cache.values[layer].get(filled);
        }
        long s = keys.getShape().get(2);

        NDArray qg = qh.reshape(b, kvHeads, g * t, headDim);                         // [B, nKv, G*T, D]
        // scale with mulScalar, not mul(Number): autograd keeps the scalar, which DJL frees at once
        NDArray scores = Autograd.mulScalar(qg.matMul(keys.transpose(0, 1, 3, 2)), scale); // [B, nKv, G*T, S]
        DataType act = scores.getDataType();
        if (act != DataType.FLOAT32) scores = Autograd.cast(scores, DataType.FLOAT32); // mask and softmax in F32
        NDArray probs;
        if (mask != null) {
            probs = scores.reshape(b, kvHeads, g, t, s)                              // [B, nKv, G, T, S]: the mask is per T
                    .add(mask).softmax(-1).reshape(b, kvHeads, g * t, s);
        } else {
            probs = scores.softmax(-1);   // no mask (one new token, no padding): the same values, two reshapes fewer
        }
        if (act != DataType.FLOAT32) probs = Autograd.cast(probs, act);
        NDArray ctx = probs.matMul(values);                                          // [B, nKv, G*T, D]
        if (t == 1) {
            // one token: [B, nKv, G, D] is already in head order, so one reshape does what the three below do
            ctx = ctx.reshape(b, 1, (long) heads * headDim);                         // [B, 1, nH*D]
        } else {
            ctx = ctx.reshape(b, heads, t, headDim)                                  // [B, nH, T, D]
                    .transpose(0, 2, 1, 3)                                           // [B, T, nH, D]
                    .reshape(b, t, (long) heads * headDim);                          // [B, T, nH*D]
        }
        return o.forward(ctx, training);                                             // [B, T, H]
    }

    /**
     * q, k and v as one projection, for inference: x [B, T, H] times the rows of the three weights stacked
     * [(nH + 2 nKv) D, H] (and biases), one reshape and transpose to heads [B, nH + 2 nKv, T, D], one rotation of the
     * q and k heads together, splits into views. 9 ops where the readable form takes 17. A part's LoRA deltas are added
     * to its slice of the output before the heads are formed, as {@link Linear#forward} adds them.
     */
    final class Fused {
        final NDArray weight; // [(nH + 2 nKv) D, H], concatenated from q, k, v when the session started
        final NDArray bias;   // [(nH + 2 nKv) D] or null

        Fused(NDArray weight, NDArray bias) {
            this.weight = weight;
            this.bias = bias;
        }

        NDArray[] project(NDArray x, long b, long t, UnaryOperator<NDArray> rope) {
            NDArray y = bias == null ? ai.djl.nn.core.Linear.linear(x, weight).singletonOrThrow()
                    : ai.djl.nn.core.Linear.linear(x, weight, bias).singletonOrThrow();   // [B, T, (nH + 2 nKv) D]
            if (!q.deltas().isEmpty() || !k.deltas().isEmpty() || !v.deltas().isEmpty()) {
                long qd = (long) heads * headDim, kd = (long) kvHeads * headDim;
                ai.djl.ndarray.NDList parts = y.split(new long[] {qd, qd + kd}, y.getShape().dimension() - 1);
                Linear[] lin = {q, k, v};
                NDArray[] p = new NDArray[3];
                for (int i = 0; i < 3; i++) {
                    p[i] = parts.get(i);
                    for (LinearDelta d : lin[i].deltas()) p[i] = p[i].add(d.apply(x, false));
                }
                y = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(p), -1);
            }
            NDArray all = y.reshape(b, t, heads + 2L * kvHeads, headDim).transpose(0, 2, 1, 3); // [B, nH+2nKv, T, D]
            ai.djl.ndarray.NDList qkAndV = all.split(new long[] {heads + kvHeads}, 1);
            ai.djl.ndarray.NDList qAndK = rope.apply(qkAndV.get(0)).split(new long[] {heads}, 1);
            return new NDArray[] {qAndK.get(0), qAndK.get(1), qkAndV.get(1)};
        }
    }
}
