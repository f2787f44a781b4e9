package org.sealworkbench.llm.lora;

import org.sealworkbench.llm.model.Autograd;
import org.sealworkbench.llm.model.Linear;
import org.sealworkbench.llm.model.LinearDelta;
import org.sealworkbench.llm.model.FlatParameters;

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
 * ({@link #setRows}). Row b's delta is scale * x_b A_k^T B_k^T with k its adapter, computed with two batched matmuls
 * over adapter blocks: the rows are laid out as [g adapters, m rows each] (each adapter's rows together, an adapter
 * with fewer than m rows padded with copies of its last row, whose results are dropped), so block j multiplies its
 * m rows' tokens by its own adapter's A and B, picked from the stack by index. Nothing is copied per row: an earlier
 * form picked per-row copies of A and B with a one-hot matmul, which at decoding (75 rows of one token each) moved
 * more bytes of adapter copies than activations and made batched answering slower than one at a time (issue 19).
 * Picking by index copies values exactly, and its backward adds each block's gradient into its own adapter's slice
 * only. Adapter k starts as {@link LoraAdapter#create} with its own seed would (PEFT's initialisation), so a stack
 * trains each adapter exactly as it would train alone.
 */
public final class StackedLora implements AutoCloseable {
    private final LoraConfig config;
    private final int n;
    private final Map<String, Layer> layers;       // by module name, model order
    private final List<Linear> attachedTo = new ArrayList<>();
    private final NDManager manager;
    private final NDArray flat;                    // [n, P]: every layer's A and B, which are views of it
    private Layout rows;                           // the last setRows: how rows map onto adapter blocks
    private int[] adapterOfRow;                    // and the adapter of each row it was given
    private int[] lastKept;                        // the last keepRows array acted on (every layer is told with it)

    private StackedLora(LoraConfig config, int n, Map<String, Layer> layers, NDManager manager, NDArray flat) {
        this.config = config;
        this.n = n;
        this.layers = layers;
        this.manager = manager;
        this.flat = flat;
    }

    /** n fresh adapters on {@code config}'s targets, adapter k drawn from {@code seeds[k]} as {@link LoraAdapter#create} draws. */
    public static StackedLora create(Map<String, Linear> linears, LoraConfig config, long[] seeds, NDManager manager) {
        if (seeds.length == 0) throw new IllegalArgumentException("a stack needs at least one adapter");
        List<LoraAdapter> singles = new ArrayList<>();
        try {
            for (int k = 0; k < seeds.length; k++) singles.add(LoraAdapter.create("stack-" + k, linears, config, seeds[k], manager));
            // every tensor of every adapter in one [n, P] buffer, each layer's A and B a view of its columns
            int n = seeds.length;
            List<String> modules = new ArrayList<>(singles.get(0).layers().keySet());
            NDList columns = new NDList();
            List<Shape> shapes = new ArrayList<>();
            for (String module : modules) {
                for (boolean isA : new boolean[] {true, false}) {
                    NDList parts = new NDList();
                    for (LoraAdapter s : singles) parts.add(isA ? s.layers().get(module).loraA() : s.layers().get(module).loraB());
                    try (NDArray stacked = NDArrays.stack(parts)) {                    // [n, r, in] or [n, out, r]
                        shapes.add(stacked.getShape());
                        columns.add(stacked.reshape(n, -1));
                    }
                }
            }
            NDArray flat = NDArrays.concat(columns, 1);                                    // [n, P]
            NDScope.unregister(flat);
            columns.close();
            Map<String, Layer> layers = new LinkedHashMap<>();
            long offset = 0;
            for (int i = 0; i < modules.size(); i++) {
                NDArray a = FlatParameters.view(flat, List.of((long) n), offset, shapes.get(2 * i));
                offset += shapes.get(2 * i).size() / n;
                NDArray b = FlatParameters.view(flat, List.of((long) n), offset, shapes.get(2 * i + 1));
                offset += shapes.get(2 * i + 1).size() / n;
                layers.put(modules.get(i), new Layer(modules.get(i), a, b));
            }
            StackedLora out = new StackedLora(config, n, layers, manager, flat);
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

    /**
     * All adapters' weights as one [n, P] tensor, row k adapter k's: every tensor of {@link #parameters()} is a view of
     * its columns, in that map's order, so an in-place update of this tensor updates them all. An optimizer then runs
     * a handful of ops per step on it instead of a handful per tensor (issue 19: 56 tensors on seal-tiny, whose AdamW
     * and clipping were 9 % of a batched step).
     */
    public NDArray flat() {
        return flat;
    }

    /**
     * The gradients of {@link #parameters()} laid out as {@link #flat()} ([n, P], a new tensor, and the gradients it read, in the
     * current {@link NDScope}); a tensor without a gradient yet counts as zeros.
     */
    public NDArray flatGradients() {
        NDList parts = new NDList();
        for (NDArray p : parameters().values()) {
            NDArray g = Autograd.gradient(p);
            parts.add(g == null ? p.zerosLike().reshape(n, -1) : g.reshape(n, -1));
        }
        return NDArrays.concat(parts, 1);
    }

    /** Trainable stacked tensors, keyed "MODULE.lora_A" / "MODULE.lora_B", each [n, ...] (views of {@link #flat()}). */
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Layer l : layers.values()) {
            out.put(l.module + ".lora_A", l.a);
            out.put(l.module + ".lora_B", l.b);
        }
        return out;
    }

    /**
     * Says which adapter each row of the next forward passes belongs to (0 <= adapterOfRow[b] < n). Rows are fastest
     * when each adapter's rows are together and every adapter present has as many (e.g. one row per adapter); any
     * other order works through a gather before and after the adapter matmuls.
     */
    public void setRows(int[] adapterOfRow) {
        if (rows != null) rows.close();
        rows = null;
        rows = Layout.of(adapterOfRow, n, manager, layers.values().iterator().next().a.getDevice());
        this.adapterOfRow = adapterOfRow.clone();
        lastKept = null;
    }

    /**
     * The batch keeps only these of its rows (the generator drops rows that have ended): each kept row keeps its
     * adapter. Every projection's layer passes the same array on, so it acts once per array.
     */
    private void keepRows(int[] kept) {
        if (kept == lastKept) return;
        if (adapterOfRow == null) throw new IllegalStateException("stacked adapters: no rows to keep (setRows first)");
        int[] now = new int[kept.length];
        for (int i = 0; i < kept.length; i++) now[i] = adapterOfRow[kept[i]];
        setRows(now);
        lastKept = kept;
    }

    /**
     * Rows laid out as g adapter blocks of m rows: {@code gather} (null when the rows already are so) picks the g*m
     * block rows from the batch, {@code scatter} (null likewise) puts the block results back in batch order, and
     * {@code adapters} (null when it is 0..n-1) picks the g adapters' A and B.
     */
    private record Layout(int rows, int g, int m, NDArray gather, NDArray scatter, NDArray adapters) implements AutoCloseable {
        static Layout of(int[] adapterOfRow, int n, NDManager manager, ai.djl.Device device) {
            int b = adapterOfRow.length;
            List<List<Integer>> byAdapter = new ArrayList<>();
            for (int k = 0; k < n; k++) byAdapter.add(new ArrayList<>());
            for (int r = 0; r < b; r++) {
                int k = adapterOfRow[r];
                if (k < 0 || k >= n) throw new IllegalArgumentException("row " + r + ": adapter " + k + " is not in the stack of " + n);
                byAdapter.get(k).add(r);
            }
            List<Integer> present = new ArrayList<>();
            int m = 0;
            for (int k = 0; k < n; k++) {
                if (!byAdapter.get(k).isEmpty()) {
                    present.add(k);
                    m = Math.max(m, byAdapter.get(k).size());
                }
            }
            int g = present.size();
            long[] gather = new long[g * m];
            long[] scatter = new long[b];
            boolean inOrder = g * m == b;
            for (int j = 0; j < g; j++) {
                List<Integer> own = byAdapter.get(present.get(j));
                for (int i = 0; i < m; i++) {
                    int row = own.get(Math.min(i, own.size() - 1));          // short blocks repeat their last row
                    gather[j * m + i] = row;
                    if (i < own.size()) scatter[row] = j * m + i;
                    inOrder &= row == j * m + i;
                }
            }
            long[] adapters = new long[g];
            boolean all = g == n;
            for (int j = 0; j < g; j++) {
                adapters[j] = present.get(j);
                all &= present.get(j) == j;
            }
            return new Layout(b, g, m, inOrder ? null : index(gather, manager, device), inOrder ? null : index(scatter, manager, device),
                    all ? null : index(adapters, manager, device));
        }

        private static NDArray index(long[] values, NDManager manager, ai.djl.Device device) {
            return FlatParameters.onDevice(manager.create(values), device);
        }

        @Override
        public void close() {
            for (NDArray a : new NDArray[] {gather, scatter, adapters}) if (a != null) a.close();
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
        flat.close();
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
        public boolean canKeepRows() {
            return true;
        }

        @Override
        public void keepRows(int[] kept) {
            owner.keepRows(kept);
        }

        @Override
        public NDArray apply(NDArray x, boolean training) {
            if (owner.rows == null) throw new IllegalStateException("stacked adapters: say which adapter each row belongs to (setRows) first");
            long rowsN = x.getShape().get(0);
            if (owner.rows.rows() != rowsN) {
                throw new IllegalStateException("stacked adapters: " + owner.rows.rows() + " rows assigned, the batch has " + rowsN);
            }
            // as LoraLayer.apply: F32 adapters on the activation dtype, dropout on the input
            DataType act = x.getDataType();
            x = Autograd.cast(x, a.getDataType());
            double dropout = owner.config.dropout();
            NDArray in = training && dropout > 0 ? Dropout.dropout(x, (float) dropout, true).singletonOrThrow() : x;
            Layout lay = owner.rows;
            long inF = a.getShape().get(2), out = b.getShape().get(1);
            Shape shape = in.getShape();
            long tokens = shape.size() / (rowsN * inF);                                      // per row
            NDArray xs = lay.gather() == null ? in : in.get(lay.gather());                  // [g*m, ..., in]
            xs = xs.reshape(lay.g(), lay.m() * tokens, inF);                                 // [g, m*T, in]
            NDArray aSel = lay.adapters() == null ? a : a.get(lay.adapters());              // [g, r, in]
            NDArray bSel = lay.adapters() == null ? b : b.get(lay.adapters());              // [g, out, r]
            NDArray h = Autograd.mulScalar(xs.matMul(aSel.transpose(0, 2, 1)), owner.config.scale());   // [g, m*T, r], scaled as LoraLayer
            NDArray d = h.matMul(bSel.transpose(0, 2, 1)).reshape(lay.g() * (long) lay.m(), tokens, out);   // [g*m, T, out]
            if (lay.scatter() != null) d = d.get(lay.scatter());                             // [B, T, out]
            long[] outShape = shape.getShape().clone();
            outShape[outShape.length - 1] = out;
            return Autograd.cast(d.reshape(new Shape(outShape)), act);
        }
    }
}
