package org.sealworkbench.llm.model;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * One projection of the decoder, under its Hugging Face module name. The weight is kept in HF layout
 * [out, in] and IS the parameter (set requires-gradient on it to fine-tune it). Deltas (LoRA adapters)
 * attach to {@link #deltas()} and are added to the output.
 */
public final class Linear {
    private final String name;
    private NDArray weight;
    private final NDArray bias;
    private final List<LinearDelta> deltas = new ArrayList<>();

    public Linear(String name, NDArray weight, NDArray bias) {
        if (weight.getShape().dimension() != 2) throw new IllegalArgumentException(name + ": weight must be 2-D [out, in], got " + weight.getShape());
        if (bias != null && bias.getShape().size() != weight.getShape().get(0)) {
            throw new IllegalArgumentException(name + ": bias " + bias.getShape() + " does not match weight " + weight.getShape());
        }
        this.name = name;
        this.weight = weight;
        this.bias = bias;
    }

    /** x [..., in] -> [..., out] = x W^T + b + sum of deltas(x). */
    public NDArray forward(NDArray x, boolean training) {
        NDArray y = bias == null
                ? ai.djl.nn.core.Linear.linear(x, weight).singletonOrThrow()
                : ai.djl.nn.core.Linear.linear(x, weight, bias).singletonOrThrow();
        for (LinearDelta d : deltas) y = y.add(d.apply(x, training));
        return y;
    }

    public String name() {
        return name;
    }

    public NDArray weight() {
        return weight;
    }

    /** Replaces the weight (same shape); the caller owns the old one. */
    public void setWeight(NDArray w) {
        if (!w.getShape().equals(weight.getShape())) {
            throw new IllegalArgumentException(name + ": new weight " + w.getShape() + " does not match " + weight.getShape());
        }
        this.weight = w;
    }

    public NDArray bias() {
        return bias;
    }

    /** Mutable: adapters add and remove themselves here. */
    public List<LinearDelta> deltas() {
        return deltas;
    }

    public int inFeatures() {
        return (int) weight.getShape().get(1);
    }

    public int outFeatures() {
        return (int) weight.getShape().get(0);
    }

    @Override
    public String toString() {
        return name + " " + weight.getShape() + (bias != null ? " +bias" : "");
    }
}
