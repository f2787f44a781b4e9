package org.sealworkbench.llm.model;

import ai.djl.ndarray.NDArray;

/** One pre-norm decoder block: h = x + attn(norm(x)); out = h + mlp(norm(h)). */
public final class DecoderLayer {
    final RmsNorm inputNorm;

    final Attention attention;
    final RmsNorm postAttentionNorm;
    final Mlp mlp;

    public DecoderLayer(RmsNorm inputNorm, Attention attention, RmsNorm postAttentionNorm, Mlp mlp) {
        this.inputNorm = inputNorm;
        this.attention = attention;
        this.postAttentionNorm = postAttentionNorm;
        this.mlp = mlp;
    }

    /** The norm before attention (tests check its dtype). */
    public RmsNorm inputNorm() {
        return inputNorm;
    }

    /** x [B, T, H] -> [B, T, H] */
    public NDArray forward(NDArray x, RotaryEmbedding.Angles angles, NDArray mask, KvCache cache, int layer, boolean training) {
        NDArray h = x.add(attention.forward(inputNorm.forward(x), angles, mask, cache, layer, training));
        return h.add(mlp.forward(postAttentionNorm.forward(h), training));
    }
}
