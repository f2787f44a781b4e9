package org.sealworkbench.llm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The SwiGLU feed-forward block: down(silu(gate(x)) * up(x)). */
public final class Mlp {
    final Linear gate; // [I, H]
    final Linear up;   // [I, H]
    final Linear down; // [H, I]
    /** gate and up stacked [2I, H] while an inference session holds it ({@link LlamaModel#inference}); else null. */
    NDArray fusedGateUp;

    public Mlp(Linear gate, Linear up, Linear down) {
        this.gate = gate;
        this.up = up;
        this.down = down;
    }

    /** x [B, T, H] -> [B, T, H] */
    public NDArray forward(NDArray x, boolean training) {
        NDArray gu = fusedGateUp;
        if (gu != null && !training && gate.bias() == null && up.bias() == null) return fusedForward(x, gu);
        NDArray g = gate.forward(x, training);             // [B, T, I]
        NDArray act = g.mul(Activation.sigmoid(g));        // silu
        return down.forward(act.mul(up.forward(x, training)), training);
    }

    /**
     * {@link #forward} for inference with gate and up as one matmul on their stacked weights, split into two views
     * (each part's LoRA deltas added to its view, as {@link Linear#forward} adds them).
     */
    private NDArray fusedForward(NDArray x, NDArray gateUp) {
        ai.djl.ndarray.NDList parts = ai.djl.nn.core.Linear.linear(x, gateUp).singletonOrThrow()
                .split(new long[] {gate.outFeatures()}, x.getShape().dimension() - 1); // [B, T, I] twice
        NDArray g = parts.get(0), u = parts.get(1);
        for (LinearDelta d : gate.deltas()) g = g.add(d.apply(x, false));
        for (LinearDelta d : up.deltas()) u = u.add(d.apply(x, false));
        return down.forward(g.mul(Activation.sigmoid(g)).mul(u), false);
    }
}
