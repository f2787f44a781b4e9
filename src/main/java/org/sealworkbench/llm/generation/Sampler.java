package org.sealworkbench.llm.generation;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Picks the next token from one row of logits, in Java so that results are reproducible for a seed:
 * greedy (argmax), or sampling after Hugging Face's warpers in their order: temperature, top-k
 * (keep the k highest logits, ties included), top-p (keep the most probable tokens until their mass
 * reaches p; the token that crosses p is kept).
 */
public final class Sampler {
    private Sampler() {}

    /** Index of the largest logit in logits[off, off+n); the first one on ties (as torch.argmax). */
    public static int argmax(float[] logits, int off, int n) {
        int best = 0;
        float bestV = logits[off];
        for (int i = 1; i < n; i++) {
            if (logits[off + i] > bestV) {
                bestV = logits[off + i];
                best = i;
            }
        }
        return best;
    }

    /**
     * The filtered, renormalised distribution over logits[off, off+n): probabilities of kept tokens
     * sum to 1, filtered tokens get 0. temperature must be > 0; topK <= 0 or >= n and topP >= 1
     * disable those filters.
     */
    public static double[] distribution(float[] logits, int off, int n, double temperature, int topK, double topP) {
        if (!(temperature > 0)) throw new IllegalArgumentException("temperature must be > 0 for sampling, got " + temperature);
        int[] order = descending(logits, off, n);
        int keep = n;
        if (topK > 0 && topK < n) {
            float kth = logits[off + order[topK - 1]];
            keep = topK;
            while (keep < n && logits[off + order[keep]] == kth) keep++; // ties with the k-th stay
        }
        double max = logits[off + order[0]] / temperature;
        double[] p = new double[n];
        double sum = 0;
        for (int r = 0; r < keep; r++) {
            int i = order[r];
            p[i] = Math.exp(logits[off + i] / temperature - max);
            sum += p[i];
        }
        for (int r = 0; r < keep; r++) p[order[r]] /= sum;
        if (topP < 1) {
            double before = 0; // mass of the more probable tokens
            int r = 0;
            while (r < keep && (r == 0 || before < topP)) before += p[order[r++]];
            for (int j = r; j < keep; j++) p[order[j]] = 0;
            for (int j = 0; j < r; j++) p[order[j]] /= before;
        }
        return p;
    }

    /** Draws an index from a distribution (probabilities summing to 1). */
    public static int draw(double[] p, RandomGenerator rng) {
        double u = rng.nextDouble(), acc = 0;
        int last = -1;
        for (int i = 0; i < p.length; i++) {
            if (p[i] <= 0) continue;
            acc += p[i];
            last = i;
            if (u < acc) return i;
        }
        return last; // rounding left u above the total
    }

    /** Greedy when temperature <= 0, else a draw from the filtered distribution. */
    public static int next(float[] logits, int off, int n, double temperature, int topK, double topP, RandomGenerator rng) {
        if (!(temperature > 0)) return argmax(logits, off, n);
        return draw(distribution(logits, off, n, temperature, topK, topP), rng);
    }

    /**
     * Indices of logits[off, off+n) sorted by logit, highest first (stable for ties). By hand because it runs for every
     * sampled row of every step (a batch of 80 rows over a 2,048-token vocabulary spent a tenth of its time in
     * Arrays.sort of packed longs): a stable LSD radix sort, 4 passes of 8 bits over an order-preserving int key of
     * -logit, starting from ascending indices, which gives exactly the order of sorting (key, index) pairs.
     */
    public static int[] descending(float[] logits, int off, int n) {
        int[] keys = new int[n], order = new int[n];
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToIntBits(-logits[off + i]);
            int sortable = bits ^ ((bits >> 31) & 0x7fffffff); // monotone map of float order to signed int order
            keys[i] = sortable ^ Integer.MIN_VALUE;            // ... and to unsigned order, for the radix passes
            order[i] = i;
        }
        int[] keys2 = new int[n], order2 = new int[n], count = new int[257];
        for (int shift = 0; shift < 32; shift += 8) {
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) count[((keys[i] >>> shift) & 0xff) + 1]++;
            if (count[((keys[0] >>> shift) & 0xff) + 1] == n) continue; // every key has this byte: the pass keeps the order
            for (int b = 0; b < 256; b++) count[b + 1] += count[b];
            for (int i = 0; i < n; i++) {
                int at = count[(keys[i] >>> shift) & 0xff]++;
                keys2[at] = keys[i];
                order2[at] = order[i];
            }
            int[] t = keys;
            keys = keys2;
            keys2 = t;
            t = order;
            order = order2;
            order2 = t;
        }
        return order;
    }
}
