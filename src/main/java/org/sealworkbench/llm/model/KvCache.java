package org.sealworkbench.llm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Preallocated keys and values of every layer, [B, kvHeads, maxLen, headDim] each, written in place
 * as tokens are decoded. All rows share one write position ({@link #length()}); rows of different
 * prompt lengths are left-padded and their padding is masked out by {@link #keyValid}.
 */
public final class KvCache implements AutoCloseable {
    private final NDManager parent;
    private final NDManager manager;
    final NDArray[] keys;
    final NDArray[] values;
    private final int batch;
    private final int maxLen;
    private final boolean[][] keyValid; // [B][maxLen]: false for padding
    private int length;

    public KvCache(ModelConfig cfg, int batch, int maxLen, NDManager parent) {
        this(cfg, batch, maxLen, parent, DataType.FLOAT32);
    }

    /** A cache whose keys and values are in {@code dtype}, the model's activation dtype. */
    public KvCache(ModelConfig cfg, int batch, int maxLen, NDManager parent, DataType dtype) {
        this.parent = parent;
        this.manager = parent.newSubManager();
        this.batch = batch;
        this.maxLen = maxLen;
        this.keys = new NDArray[cfg.numHiddenLayers()];
        this.values = new NDArray[cfg.numHiddenLayers()];
        Shape shape = new Shape(batch, cfg.numKeyValueHeads(), maxLen, cfg.headDim());
        for (int l = 0; l < keys.length; l++) {
            keys[l] = manager.zeros(shape, dtype);
            values[l] = manager.zeros(shape, dtype);
            NDScope.unregister(keys[l], values[l]); // lives across steps; closed with the cache
        }
        this.keyValid = new boolean[batch][maxLen];
    }

    public int batch() {
        return batch;
    }

    public int maxLen() {
        return maxLen;
    }

    /** Layer {@code layer}'s key cache, [B, kvHeads, maxLen, headDim]. */
    public NDArray keys(int layer) {
        return keys[layer];
    }

    /** Positions filled so far (the next write goes here). */
    public int length() {
        return length;
    }

    /**
     * Copies the first {@code len} positions of a batch-1 cache into every row of this empty cache and marks them
     * filled with {@code valid}: a prompt shared by all rows is run once (the generator's shared-prompt prefill).
     */
    public void fillPrefixFrom(KvCache one, int len, boolean[][] valid) {
        NDIndex filled = new NDIndex(":, :, :{}", len);
        for (int l = 0; l < keys.length; l++) {
            keys[l].set(filled, one.keys[l].get(filled).broadcast(keys[l].get(filled).getShape()));
            values[l].set(filled, one.values[l].get(filled).broadcast(values[l].get(filled).getShape()));
        }
        advance(valid);
    }

    /**
     * Copies the first {@code len} positions of a batch-1 cache into rows [firstRow, firstRow + rows) of this cache at
     * columns [column, column + len), without marking anything filled: prompts of different lengths are each prefilled
     * alone and land left-padded in one batch (the generator's prompt groups); {@link #advance} then marks the prefix.
     */
    public void fillRowsFrom(KvCache one, int len, int firstRow, int rows, int column) {
        NDIndex from = new NDIndex().addAllDim(2).addSliceDim(0, len);
        NDIndex to = new NDIndex().addSliceDim(firstRow, firstRow + rows).addAllDim().addSliceDim(column, column + len);
        try (NDScope scope = new NDScope()) {
            for (int l = 0; l < keys.length; l++) {
                Shape target = new Shape(rows, keys[l].getShape().get(1), len, keys[l].getShape().get(3));
                keys[l].set(to, one.keys[l].get(from).broadcast(target));
                values[l].set(to, one.values[l].get(from).broadcast(target));
            }
        }
    }

    /**
     * A cache holding only the given rows of this one (in that order), with their filled positions and padding; this
     * cache is closed. The generator drops rows that have ended so that they stop costing compute.
     */
    public KvCache keepRows(int[] rows) {
        KvCache out = new KvCache(this, rows);
        close();
        return out;
    }

    private KvCache(KvCache from, int[] rows) {
        this.parent = from.parent;
        this.manager = parent.newSubManager();
        this.batch = rows.length;
        this.maxLen = from.maxLen;
        this.length = from.length;
        this.keys = new NDArray[from.keys.length];
        this.values = new NDArray[from.values.length];
        long[] idx = new long[rows.length];
        for (int i = 0; i < rows.length; i++) idx[i] = rows[i];
        try (NDArray index = manager.create(idx)) {
            NDIndex take = new NDIndex("{}", index);
            for (int l = 0; l < keys.length; l++) {
                keys[l] = from.keys[l].get(take);
                values[l] = from.values[l].get(take);
                keys[l].attach(manager);
                values[l].attach(manager);
                NDScope.unregister(keys[l], values[l]);
            }
        }
        this.keyValid = new boolean[rows.length][];
        for (int i = 0; i < rows.length; i++) keyValid[i] = from.keyValid[rows[i]].clone();
    }

    /** Marks the next {@code valid[b].length} positions as filled; called once per forward. */
    public void advance(boolean[][] valid) {
        int t = valid[0].length;
        if (length + t > maxLen) throw new IllegalStateException("KV cache full: " + length + " + " + t + " > " + maxLen);
        for (int b = 0; b < batch; b++) System.arraycopy(valid[b], 0, keyValid[b], length, t);
        length += t;
    }

    boolean keyValid(int row, int pos) {
        return keyValid[row][pos];
    }

    @Override
    public void close() {
        manager.close();
    }
}
