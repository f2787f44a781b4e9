package org.sealworkbench.llm.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trainable tensors stored as views of one flat buffer (issue 19): {@code flat} holds every tensor's values one after
 * the other, in {@code views}' order, and each view shares its memory. An optimizer then updates all of them with one
 * op on {@code flat} instead of one op per tensor: a LoRA step on seal-tiny spent 1.3-1.4 ms of its
 * 14 ms in the optimizer, most of it in per-tensor ops over a few thousand numbers each (see {@code llm.training.AdamW}).
 */
public record FlatParameters(NDArray flat, Map<String, NDArray> views) {

    /** One buffer on {@code device} holding {@code values} (each reshaped to its shape), and its views, in the map's order. */
    public static FlatParameters of(Map<String, float[]> values, Map<String, Shape> shapes, NDManager manager, Device device) {
        int total = 0;
        for (float[] v : values.values()) total = Math.addExact(total, v.length);
        float[] all = new float[total];
        int at = 0;
        for (var e : values.entrySet()) {
            Shape s = shapes.get(e.getKey());
            if (s == null || s.size() != e.getValue().length) {
                throw new IllegalArgumentException(e.getKey() + ": " + e.getValue().length + " values for shape " + s);
            }
            System.arraycopy(e.getValue(), 0, all, at, e.getValue().length);
            at += e.getValue().length;
        }
        NDArray flat = onDevice(manager.create(all), device);
        Map<String, NDArray> views = new LinkedHashMap<>();
        long offset = 0;
        for (String name : values.keySet()) {
            Shape s = shapes.get(name);
            views.put(name, view(flat, List.of(), offset, s));
            offset += s.size();
        }
        return new FlatParameters(flat, views);
    }

    /**
     * A view of {@code shape} over the last axis of {@code flat} from {@code offset} (no copy: it shares flat's memory):
     * with {@code lead} empty, elements [offset, offset + shape.size()) of a 1-D buffer; with leading axes (a stack of
     * n adapters, [n, P]), columns [offset, offset + shape.size() / n) of every row.
     */
    public static NDArray view(NDArray flat, List<Long> lead, long offset, Shape shape) {
        long rows = 1;
        for (long l : lead) rows *= l;
        long per = shape.size() / rows;
        NDIndex cols = lead.isEmpty() ? new NDIndex().addSliceDim(offset, offset + per)
                : new NDIndex(":, {}:{}", offset, offset + per);
        NDArray part = flat.get(cols);
        NDArray v = part.reshape(shape);
        NDScope.unregister(part, v);
        if (v != part) part.close();
        return v;
    }

    /**
     * {@code host} moved to {@code device} (the same array when it is there already; else the host copy is closed), kept
     * out of every {@link NDScope}: for arrays that outlive the scope they are made in.
     */
    public static NDArray onDevice(NDArray host, Device device) {
        NDScope.unregister(host);
        NDArray on = host.toDevice(device, false);
        if (on != host) {
            NDScope.unregister(on);
            host.close();
        }
        return on;
    }

    /** Closes the views and the buffer. */
    public void close() {
        views.values().forEach(NDArray::close);
        flat.close();
    }
}
