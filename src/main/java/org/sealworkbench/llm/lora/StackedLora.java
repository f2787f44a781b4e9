package org.sealworkbench.llm.lora;

import org.sealworkbench.llm.model.Autograd;
import org.sealworkbench.llm.model.Linear;
import org.sealworkbench.llm.model.LinearDelta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * n independent LoRA adapters over one frozen base model, stacked so that they train in one batch (issue 19
 * part 2): per projection A [n, r, in] and B [n, out, r], and each row of the batch belongs to one adapter
 * ({@link #setRows}). Row b's delta is scale * x_b A_k^T B_k^T with k its adapter, computed with batched matmuls
 * over per-row copies of A and B picked by a one-hot [rows, n] matmul: multiplying by exact ones and zeros picks
 * the values bit for bit, and its backward sums each adapter's rows into that adapter's gradient and nothing into
 * the others'. Adapter k starts as {@link LoraAdapter#create} with its own seed would (PEFT's initialisation), so
 * a stack trains each adapter exactly as it would train alone.
 */
public final class StackedLora implements AutoCloseable {
    private final LoraConfig config;
    private final int n;
    private final Map<String, Layer> layers;       // by module name, model order
    private final List<Linear> attachedTo = new ArrayList<>();
    private final NDManager manager;
    private NDArray rows;                          // one-hot [rows, n], F32

    private StackedLora(LoraConfig config, int n, Map<String, Layer> layers, NDManager manager) {
        this.config = config;
        this.n = n;
        this.layers = layers;
        this.manager = manager;
    }

    /** n fresh adapters on {@code config}'s targets, adapter k drawn from {@code seeds[k]} as {@link LoraAdapter#create} draws. */
    public static StackedLora create(Map<String, Linear> linears, LoraConfig config, long[] seeds, NDManager manager) {
        if (seeds.length == 0) throw new IllegalArgumentException("a stack needs at least one adapter");
        List<LoraAdapter> singles = new ArrayList<>();
        try {
            for (int k = 0; k < seeds.length; k++) singles.add(LoraAdapter.create("stack-" + k, linears, config, seeds[k], manager));
            Map<String, Layer> layers = new LinkedHashMap<>();
            for (String module : singles.get(0).layers().keySet()) {
                NDList as = new NDList(), bs = new NDList();
                for (LoraAdapter s : singles) {
                    as.add(s.layers().get(module).loraA());
                    bs.add(s.layers().get(module).loraB());
                }
                NDArray a = NDArrays.stack(as), b = NDArrays.stack(bs);
                NDScope.unregister(a, b);
                layers.put(module, new Layer(module, a, b));
            }
            StackedLora out = new StackedLora(config, seeds.length, layers, manager);
            for (Layer l : layers.values()) l.owner = out;
            return out;
        } finally {
            singles.forEach(LoraAdapter::close);
        }
    }

    public int size() {
        return n;
    }

    public LoraConfig config() {
        return config;
    }

    /** Trainable stacked tensors, keyed "MODULE.lora_A" / "MODULE.lora_B", each [n, ...]. */
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Layer l : layers.values()) {
            out.put(l.module + ".lora_A", l.a);
            out.put(l.module + ".lora_B", l.b);
        }
        return out;
    }

    /** Says which adapter each row of the next forward passes belongs to (0 <= adapterOfRow[b] < n). */
    public void setRows(int[] adapterOfRow) {
        float[] oneHot = new float[adapterOfRow.length * n];
        for (int b = 0; b < adapterOfRow.length; b++) {
            int k = adapterOfRow[b];
            if (k < 0 || k >= n) throw new IllegalArgumentException("row " + b + ": adapter " + k + " is not in the stack of " + n);
            oneHot[b * n + k] = 1f;
        }
        if (rows != null) rows.close();
        NDArray r = manager.create(oneHot, new Shape(adapterOfRow.length, n));
        NDScope.unregister(r);
        rows = r.toDevice(layers.values().iterator().next().a.getDevice(), false);
        if (rows != r) {
            NDScope.unregister(rows);
            r.close();
        }
    }

    public void attach(Map<String, Linear> linears) {
        if (!attachedTo.isEmpty()) throw new IllegalStateException("the stacked adapters are already attached");
        for (Layer l : layers.values()) {
            Linear lin = linears.get(l.module);
            if (lin == null) throw new IllegalArgumentException("stacked adapters: the model has no module " + l.module);
            lin.deltas().add(l);
            attachedTo.add(lin);
        }
    }

    public void detach() {
        for (Linear lin : attachedTo) lin.deltas().removeIf(d -> layers.get(lin.name()) == d);
        attachedTo.clear();
    }

    /** Adapter k's weights by PEFT name ({@link LoraAdapter#parameters()}'s keys), as float arrays. */
    public Map<String, float[]> adapterWeights(int k) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Layer l : layers.values()) {
            try (NDArray a = l.a.get(k); NDArray b = l.b.get(k)) {
                out.put("base_model.model." + l.module + ".lora_A.weight", a.toFloatArray());
                out.put("base_model.model." + l.module + ".lora_B.weight", b.toFloatArray());
            }
        }
        return out;
    }

    @Override
    public void close() {
        detach();
        for (Layer l : layers.values()) {
            l.a.close();
            l.b.close();
        }
        if (rows != null) rows.close();
    }

    /** One projection's stacked delta. */
    private static final class Layer implements LinearDelta {
        final String module;
        final NDArray a;   // [n, r, in]
        final NDArray b;   // [n, out, r]
        StackedLora owner;

        Layer(String module, NDArray a, NDArray b) {
            this.module = module;
            this.a = a;
            this.b = b;
        }

        @Override
        public boolean perRow() {
            return true;
        }

        @Override
        public NDArray apply(NDArray x, boolean training) {
            NDArray oneHot = owner.rows;
            if (oneHot == null) throw new IllegalStateException("stacked adapters: say which adapter each row belongs to (setRows) first");
            long rowsN = x.getShape().get(0);
            if (oneHot.getShape().get(0) != rowsN) {
                throw new IllegalStateException("stacked adapters: " + oneHot.getShape().get(0) + " rows assigned, the batch has " + rowsN);
            }
            // as LoraLayer.apply: F32 adapters on the activation dtype, dropout on the input
            DataType act = x.getDataType();
            x = Autograd.cast(x, a.getDataType());
            double dropout = owner.config.dropout();
            NDArray in = training && dropout > 0 ? Dropout.dropout(x, (float) dropout, true).singletonOrThrow() : x;
            long n = a.getShape().get(0), r = a.getShape().get(1), inF = a.getShape().get(2), out = b.getShape().get(1);
            NDArray aRows = oneHot.matMul(a.reshape(n, r * inF)).reshape(rowsN, r, inF);     // [B, r, in]
            NDArray bRows = oneHot.matMul(b.reshape(n, out * r)).reshape(rowsN, out, r);     // [B, out, r]
            NDArray h = in.matMul(aRows.transpose(0, 2, 1));                                 // [B, T, r]
            NDArray delta = Autograd.mulScalar(h.matMul(bRows.transpose(0, 2, 1)), owner.config.scale());
            return Autograd.cast(delta, act);
        }
    }
}
