package org.sealworkbench.llm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embeddings in Hugging Face's "rotate half" convention: the head vector is split
 * into halves [x1, x2] and rotated as x*cos + [-x2, x1]*sin, where frequency i of the first half
 * pairs with frequency i of the second. cos/sin are computed in Java from the positions, so each row
 * of a batch can have its own positions (left padding).
 */
public final class RotaryEmbedding {
    private final int headDim;
    private final float[] invFreq; // [headDim / 2]

    public RotaryEmbedding(ModelConfig cfg) {
        this.headDim = cfg.headDim();
        this.invFreq = inverseFrequencies(cfg.headDim(), cfg.ropeTheta(), cfg.ropeScaling());
    }

    /**
     * inv_freq[i] = 1 / theta^(2i / d), in float like transformers, then scaled: linear divides by
     * factor; llama3 divides low frequencies by factor, keeps high ones and interpolates between.
     */
    public static float[] inverseFrequencies(int headDim, double theta, RopeScaling scaling) {
        int half = headDim / 2;
        float[] f = new float[half];
        for (int i = 0; i < half; i++) {
            float exponent = (float) (2 * i) / headDim;
            f[i] = 1.0f / (float) Math.pow(theta, exponent);
        }
        if (scaling == null) return f;
        if (scaling.type().equals("linear")) {
            for (int i = 0; i < half; i++) f[i] = (float) (f[i] / scaling.factor());
            return f;
        }
        // llama3: wavelengths longer than original/low_freq_factor are scaled down by factor, shorter
        // than original/high_freq_factor kept, and the band between smoothly interpolated.
        double oldLen = scaling.originalMaxPositionEmbeddings();
        double lowWavelen = oldLen / scaling.lowFreqFactor();
        double highWavelen = oldLen / scaling.highFreqFactor();
        for (int i = 0; i < half; i++) {
            double inv = f[i];
            double wavelen = 2 * Math.PI / inv;
            double scaled = wavelen > lowWavelen ? inv / scaling.factor() : inv;
            if (!(wavelen < highWavelen) && !(wavelen > lowWavelen)) {
                double smooth = (oldLen / wavelen - scaling.lowFreqFactor())
                        / (scaling.highFreqFactor() - scaling.lowFreqFactor());
                scaled = (1 - smooth) * scaled / scaling.factor() + smooth * scaled;
            }
            f[i] = (float) scaled;
        }
        return f;
    }

    public float[] invFreq() {
        return invFreq.clone();
    }

    /** cos and sin [B, 1, T, D] for positions [B][T]; angle = position * inv_freq, duplicated over both halves. */
    public NDArray[] cosSin(NDManager manager, int[][] positions) {
        float[][] cs = cosSinValues(positions, 1f);
        Shape shape = new Shape(positions.length, 1, positions[0].length, headDim);
        return new NDArray[] {manager.create(cs[0], shape), manager.create(cs[1], shape)};
    }

    /**
     * x [B, H, T, D] -> x*cos + rotate_half(x)*sin, cos/sin [B, 1, T, D]. The readable form, kept as the
     * reference of {@link Angles#apply} (LayersTest).
     */
    public static NDArray apply(NDArray x, NDArray cos, NDArray sin) {
        return x.mul(cos).add(rotateHalf(x).mul(sin));
    }

    /** [x1, x2] -> [-x2, x1] over the last axis. */
    public static NDArray rotateHalf(NDArray x) {
        long d = x.getShape().get(x.getShape().dimension() - 1);
        NDArray x1 = x.get(new NDIndex("..., :{}", d / 2));
        NDArray x2 = x.get(new NDIndex("..., {}:", d / 2));
        return NDArrays.concat(new NDList(x2.neg(), x1), -1);
    }

    /**
     * The rotation tables of one forward pass, shared by every layer, in a form that costs 4 ops per
     * rotation instead of 7 (issue 19: on a small model the per-op overhead, not the arithmetic, is the
     * cost). rotate_half(x) * sin = (x P) * sin', where P [D, D] swaps the halves (a permutation matrix:
     * the product copies values exactly) and sin' = [-sin, sin] carries the sign. Equal to
     * {@link RotaryEmbedding#apply} (the readable form; LayersTest checks one against the other).
     */
    public record Angles(NDArray cos, NDArray signedSin, NDArray swap) {
        /** x [B, H, T, D] -> x*cos + rotate_half(x)*sin */
        public NDArray apply(NDArray x) {
            return x.mul(cos).add(x.matMul(swap).mul(signedSin));
        }
    }

    /**
     * The {@link Angles} for positions [B][T] in {@code dtype}: cos and sin' [B, 1, T, D], and the half swap.
     * The signed sine is computed in Java with the cosine, so it costs no extra op.
     */
    public Angles angles(NDManager manager, int[][] positions, DataType dtype) {
        return angles(manager, positions, dtype, swap(manager, dtype));
    }

    /** The half swap P [D, D] in {@code dtype}: (x P)[j] = x[(j + D/2) mod D]. */
    public NDArray swap(NDManager manager, DataType dtype) {
        float[] swap = new float[headDim * headDim];
        for (int j = 0; j < headDim; j++) swap[((j + headDim / 2) % headDim) * headDim + j] = 1f;
        NDArray p = manager.create(swap, new Shape(headDim, headDim));
        return dtype == DataType.FLOAT32 ? p : p.toType(dtype, false);
    }

    /** As {@link #angles(NDManager, int[][], DataType)} with a given half swap ({@link #swap}), e.g. one kept by the model. */
    public Angles angles(NDManager manager, int[][] positions, DataType dtype, NDArray swap) {
        // rotate_half's minus sign moves into the first half of sin, so that apply is x*cos + swap(x)*sin.
        float[][] cs = cosSinValues(positions, -1f);
        Shape shape = new Shape(positions.length, 1, positions[0].length, headDim);
        NDArray c = manager.create(cs[0], shape), s = manager.create(cs[1], shape);
        if (dtype != DataType.FLOAT32) {   // constants: no graph needed
            c = c.toType(dtype, false);
            s = s.toType(dtype, false);
        }
        return new Angles(c, s, swap);
    }

    /**
     * cos and sin values [B*T*D] for positions [B][T]: angle = position * inv_freq, duplicated over both halves, the
     * first half of sin multiplied by {@code firstHalfSinSign}.
     */
    private float[][] cosSinValues(int[][] positions, float firstHalfSinSign) {
        int b = positions.length, t = positions[0].length, half = headDim / 2;
        float[] cos = new float[b * t * headDim];
        float[] sin = new float[b * t * headDim];
        for (int r = 0; r < b; r++) {
            for (int j = 0; j < t; j++) {
                int base = (r * t + j) * headDim;
                float p = positions[r][j];
                for (int i = 0; i < half; i++) {
                    float angle = p * invFreq[i];
                    float c = (float) Math.cos(angle), s = (float) Math.sin(angle);
                    cos[base + i] = c;
                    cos[base + half + i] = c;
                    sin[base + i] = firstHalfSinSign * s;
                    sin[base + half + i] = s;
                }
            }
        }
        return new float[][] {cos, sin};
    }
}
