package org.sealworkbench.llm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The SwiGLU feed-forward block: down(silu(gate(x)) * up(x)). */
public final class Mlp {
    final Linear gate; // [I, H]
    final Linear up;   // [I, H]
    final Linear down; // [H, I]

    public Mlp(Linear gate, Linear up, Linear down) {
        this.gate = gate;
        this.up = up;
        this.down = down;
    }

    /** x [B, T, H] -> [B, T, H] */
    public NDArray forward(NDArray x, boolean training) {
        NDArray g = gate.forward(x, training);             // [B, T, I]
        NDArray act = g.mul(Activation.sigmoid(g));        // silu
        return down.forward(act.mul(up.forward(x, training)), training);
    }
}
