package org.sealworkbench.llm;

import org.sealworkbench.llm.model.Linear;
import org.sealworkbench.llm.training.TrainableModel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A tiny differentiable causal LM for training tests that need no attention: x = onehot(ids) E,
 * h = x + tanh(q(x)) * sigmoid(v(x)) + prefix-mean(x), logits = lm_head(h). The prefix mean makes each
 * position depend on earlier tokens (causal), so padding after a row must not change its loss.
 */
final class ToyLm implements TrainableModel {
    final NDManager nd;
    final int vocab, hidden;
    final NDArray embed;
    final Map<String, Linear> linears = new LinkedHashMap<>();

    ToyLm(NDManager nd, int vocab, int hidden, long seed) {
        this.nd = nd;
        this.vocab = vocab;
        this.hidden = hidden;
        Random r = new Random(seed);
        embed = nd.create(rand(r, vocab * hidden, 1.0), new Shape(vocab, hidden));
        linears.put("model.layers.0.self_attn.q_proj", new Linear("model.layers.0.self_attn.q_proj", nd.create(rand(r, hidden * hidden, 0.5), new Shape(hidden, hidden)), null));
        linears.put("model.layers.0.self_attn.v_proj", new Linear("model.layers.0.self_attn.v_proj", nd.create(rand(r, hidden * hidden, 0.5), new Shape(hidden, hidden)), nd.create(rand(r, hidden, 0.1))));
        linears.put("lm_head", new Linear("lm_head", nd.create(rand(r, vocab * hidden, 0.5), new Shape(vocab, hidden)), null));
    }

    static float[] rand(Random r, int n, double s) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (r.nextGaussian() * s);
        return a;
    }

    @Override
    public NDArray forward(NDArray ids, boolean training) {
        long t = ids.getShape().get(1);
        NDArray x = ids.oneHot(vocab).matMul(embed);                                   // [B, T, H]
        NDArray q = linears.get("model.layers.0.self_attn.q_proj").forward(x, training).tanh();
        NDArray v = ai.djl.nn.Activation.sigmoid(linears.get("model.layers.0.self_attn.v_proj").forward(x, training));
        NDArray counts = nd.arange(1f, t + 1f).reshape(1, t, 1);
        NDArray prefixMean = x.cumSum(1).div(counts);
        NDArray h = x.add(q.mul(v)).add(prefixMean);
        return linears.get("lm_head").forward(h, training);                         // [B, T, V]
    }

    @Override
    public Map<String, Linear> linears() {
        return linears;
    }

    @Override
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put("model.embed_tokens.weight", embed);
        linears.forEach((k, l) -> {
            p.put(k + ".weight", l.weight());
            if (l.bias() != null) p.put(k + ".bias", l.bias());
        });
        return p;
    }

    @Override
    public NDManager manager() {
        return nd;
    }
}
