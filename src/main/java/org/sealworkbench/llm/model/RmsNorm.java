package org.sealworkbench.llm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * RMSNorm as in Hugging Face Llama: x / sqrt(mean(x^2) + eps) * weight, over the last axis. The
 * normalisation is always computed in F32; for F16 input it is cast up, normalised, cast back, and
 * then multiplied by the (F16) weight, as transformers' LlamaRMSNorm does.
 */
public final class RmsNorm {
    private final String name;
    private final NDArray weight; // [H]
    private final float eps;

    public RmsNorm(String name, NDArray weight, double eps) {
        this.name = name;
        this.weight = weight;
        this.eps = (float) eps;
    }

    /** x [..., H] -> [..., H] */
    public NDArray forward(NDArray x) {
        if (x.getDataType() != DataType.FLOAT32) {
            NDArray xf = Autograd.cast(x, DataType.FLOAT32);
            NDArray ms = xf.square().mean(new int[] {-1}, true);
            return Autograd.cast(xf.div(ms.add(epsTensor(x)).sqrt()), x.getDataType()).mul(weight);
        }
        NDArray meanSquare = x.square().mean(new int[] {-1}, true); // [..., 1]
        return x.div(meanSquare.add(epsTensor(x)).sqrt()).mul(weight);
    }

    /** eps as a shared tensor ({@link Autograd#scalar}): add(float) would copy it from Java around every call. */
    private NDArray epsTensor(NDArray x) {
        return Autograd.scalar(x.getManager(), eps);
    }

    public String name() {
        return name;
    }

    public NDArray weight() {
        return weight;
    }
}
