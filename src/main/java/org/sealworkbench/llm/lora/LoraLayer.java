package org.sealworkbench.llm.lora;

import org.sealworkbench.llm.model.Autograd;
import org.sealworkbench.llm.model.LinearDelta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;

/**
 * One LoRA delta on one projection: delta(x) = scale * dropout(x) A^T B^T, with A [r, in] and B [out, r]
 * (PEFT's lora_A / lora_B weight layouts). A and B are trainable leaves that outlive every step scope.
 */
public final class LoraLayer implements LinearDelta {
    private final String module;
    private final NDArray a;      // [r, in]
    private final NDArray b;      // [out, r]
    private final double scale;
    private final double dropout;

    LoraLayer(String module, NDArray a, NDArray b, double scale, double dropout) {
        this.module = module;
        this.a = a;
        this.b = b;
        this.scale = scale;
        this.dropout = dropout;
        NDScope.unregister(a, b);
    }

    public String module() {
        return module;
    }

    public NDArray loraA() {
        return a;
    }

    public NDArray loraB() {
        return b;
    }

    public double scale() {
        return scale;
    }

    @Override
    public NDArray apply(NDArray x, boolean training) {
        // x [..., in] -> [..., r] -> [..., out]. A and B stay F32 on F16 base weights: the input is cast up
        // and the delta cast back to the activation dtype, so gradients and AdamW state are F32.
        DataType act = x.getDataType();
        x = Autograd.cast(x, a.getDataType());
        NDArray in = training && dropout > 0 ? Dropout.dropout(x, (float) dropout, true).singletonOrThrow() : x;
        // the scale goes on the r-wide h, not the out-wide delta (same product, up to rounding): forward and backward
        // then scale r numbers per token instead of out (issue 19: 6 % of a batched step went to scaling deltas)
        NDArray h = Autograd.mulScalar(Linear.linear(in, a).singletonOrThrow(), scale);      // not mul(Number): see mulScalar
        NDArray delta = Linear.linear(h, b).singletonOrThrow();
        return Autograd.cast(delta, act);
    }

    /** scale * B A, [out, in]: what merging adds to the base weight. */
    NDArray deltaWeight() {
        return b.matMul(a).muli((float) scale);
    }
}
