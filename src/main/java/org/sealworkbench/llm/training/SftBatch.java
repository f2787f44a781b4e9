package org.sealworkbench.llm.training;

import java.util.List;

/**
 * A right-padded batch: ids [B, T] row-major and per-token label weights [B, T] (weight of token t as the
 * target predicted from position t-1; column 0 is never a target). Right padding needs no attention mask
 * under a causal mask: real tokens never attend to the padding after them.
 */
public record SftBatch(int rows, int cols, long[] ids, float[] weights) {

    public static SftBatch collate(List<SftExample> examples, int padId, LossMask mask) {
        int b = examples.size();
        int t = 0;
        for (SftExample e : examples) t = Math.max(t, e.ids().length);
        long[] ids = new long[b * t];
        float[] w = new float[b * t];
        for (int r = 0; r < b; r++) {
            SftExample e = examples.get(r);
            for (int c = 0; c < t; c++) {
                ids[r * t + c] = c < e.ids().length ? e.ids()[c] : padId;
                w[r * t + c] = c == 0 ? 0f : mask.weight(c, e.ids().length, e.promptLength());
            }
        }
        return new SftBatch(b, t, ids, w);
    }

    /** Number of target tokens that count in the loss. */
    public double targetCount() {
        double n = 0;
        for (float x : weights) n += x;
        return n;
    }
}
