package org.sealworkbench.llm.model;

import java.util.SplittableRandom;

/**
 * An initialisation for pretraining from scratch that builds an induction circuit (after A B ... A, predict B) into
 * the first two layers of a Llama model, so that copying from context works from the first step.
 *
 * <p>Why: induction is two heads composed, a previous-token head and a head that matches on its output. Learning
 * both at once has a long plateau that a small model on ~10^7 tokens never leaves: seal-tiny's copy of a passage was
 * no likelier than the passage itself, and on random tokens repeated at a varying distance a 4-layer model learned
 * nothing in 600 steps, even with the previous-token head given. SEAL's self-edits need exactly this skill (the
 * passage's names and values must reappear in the implications), and training keeps and sharpens what it finds useful.
 *
 * <p>How, inside the plain architecture (no biases, RMSNorm, RoPE, tied embeddings), with orthonormal directions
 * {@code c}, {@code S} (head-dim many) and {@code U} (as many) of the hidden space:
 * <ul>
 *   <li>every embedding is {@code c} plus its own random part, kept out of {@code U}. The shared {@code c} adds the
 *       same amount to every logit (so the softmax ignores it), but after RMSNorm it is a constant input, which a
 *       projection turns into a constant query and key;</li>
 *   <li>layer 0, KV head 0: query and key are that constant, in the fastest rotary pairs, the key turned one position
 *       ahead, so its query heads attend to the previous token whatever it is. Value: the token's sketch {@code S·e};
 *       the first query head writes it along {@code U};</li>
 *   <li>layer 1, KV head 1: the first query head's query is the current token's sketch, its key the {@code U} part
 *       (the previous token's sketch), both in the slowest rotary pairs, which barely turn over the context (use a
 *       large rope theta), so it attends where the previous token equals the current one. Value: the token's own
 *       sketch, written back along {@code S}, which the tied output embedding reads as that token's logit.</li>
 * </ul>
 * Everything else keeps Hugging Face's normal(0, 0.02) draw; the final norm's weight is raised so the copy's logit
 * can stand out. The sizes below are set from the expected norms so that each step is clear but not saturated.
 */
public final class InductionInit implements LlamaModel.InitEdit {
    /** Nats by which the previous position beats the current one (and the one before it) in layer 0's heads. */
    static final double PREVIOUS_MARGIN = 8.0;
    /** Nats by which a matching position beats an average one in layer 1's head. */
    static final double MATCH_MARGIN = 20.0;
    /** Norm of each head's write into the residual, against about 1.4 for an embedding (larger writes copy better). */
    static final double WRITE = 8.0;
    /** Nats the copied token's logit gains, before training. */
    static final double COPY_LOGIT = 12.0;
    /** Rotary pairs turning at least this much per position carry the previous-token pattern... */
    static final double FAST = 0.1;
    /** ...and those turning at most this much the content match (0.002 rad: under 1 rad across 512 positions). */
    static final double SLOW = 0.002;

    private final ModelConfig cfg;
    private final int h, hd, half, content;   // hidden, head dim, rotary pairs, content dims outside c and U
    private final double[] c;
    private final double[][] s, u;             // [hd][h] each
    private final int[] fastPairs, slowDims;
    private final double a, b, g, o, finalNorm, kappa0, lambda1;

    public InductionInit(ModelConfig cfg, long seed) {
        if (cfg.numHiddenLayers() < 2 || cfg.numKeyValueHeads() < 2 || 2 * cfg.headDim() + 1 > cfg.hiddenSize()) {
            throw new IllegalArgumentException("induction init needs 2+ layers, 2+ KV heads and hidden > 2 x head dim");
        }
        this.cfg = cfg;
        h = cfg.hiddenSize();
        hd = cfg.headDim();
        half = hd / 2;
        content = h - 1 - hd;
        double[][] basis = orthonormal(1 + 2 * hd, h, new SplittableRandom(seed ^ 0x1d0c7L));
        c = basis[0];
        s = new double[hd][];
        u = new double[hd][];
        for (int r = 0; r < hd; r++) { s[r] = basis[1 + r]; u[r] = basis[1 + hd + r]; }
        int nFast = 0;
        while (nFast < half && angle(nFast) >= FAST) nFast++;
        fastPairs = new int[Math.max(1, nFast)];
        for (int k = 0; k < fastPairs.length; k++) fastPairs[k] = k;
        int firstSlow = half;
        while (firstSlow > 0 && angle(firstSlow - 1) <= SLOW) firstSlow--;
        if (firstSlow == half) throw new IllegalArgumentException("rope theta " + cfg.ropeTheta() + " leaves no slow rotary pair for the match");
        slowDims = new int[2 * (half - firstSlow)];
        for (int k = firstSlow, i = 0; k < half; k++) { slowDims[i++] = k; slowDims[i++] = k + half; }
        // Embedding = c + n, |c| = 1, E|n|^2 = 1: RMSNorm puts sqrt(h/2) along c.
        kappa0 = Math.sqrt(h / 2.0);
        double spread = 0;
        for (int k : fastPairs) spread += 1 - Math.cos(angle(k));
        a = Math.sqrt(PREVIOUS_MARGIN * Math.sqrt(hd) / spread);
        double sketch2 = (double) hd / content;                     // E|S n|^2 for |n| = 1
        g = WRITE / Math.sqrt(sketch2);                             // the previous token's sketch, written along U
        lambda1 = Math.sqrt(h / (2 + WRITE * WRITE));               // RMSNorm's scale at layer 1's input
        double slow2 = (double) slowDims.length / content;          // E|S_slow n|^2
        b = Math.sqrt(MATCH_MARGIN * Math.sqrt(hd) / slow2);
        o = WRITE / Math.sqrt(sketch2);
        double lambdaF = Math.sqrt(h / (2 + 2 * WRITE * WRITE));     // RMSNorm's scale at the output
        finalNorm = COPY_LOGIT / (lambdaF * o * sketch2);
    }

    private double angle(int pair) {
        return Math.pow(cfg.ropeTheta(), -2.0 * pair / hd);
    }

    @Override
    public void apply(String name, long[] shape, float[] w) {
        int kvRows = cfg.numKeyValueHeads() * hd, perKv = cfg.numAttentionHeads() / cfg.numKeyValueHeads();
        switch (name) {
            case "model.embed_tokens.weight" -> {
                double scale = 1 / (0.02 * Math.sqrt(content));
                for (int row = 0; row < shape[0]; row++) {
                    double[] e = new double[h];
                    for (int i = 0; i < h; i++) e[i] = w[row * h + i] * scale;
                    remove(e, c);
                    for (double[] dir : u) remove(e, dir);
                    for (int i = 0; i < h; i++) w[row * h + i] = (float) (e[i] + c[i]);
                }
            }
            case "model.layers.0.self_attn.q_proj.weight" -> {
                for (int head = 0; head < perKv; head++) for (int k : fastPairs) setRow(w, head * hd + k, c, a / kappa0);
            }
            case "model.layers.0.self_attn.k_proj.weight" -> {
                for (int k : fastPairs) {
                    setRow(w, k, c, a * Math.cos(angle(k)) / kappa0);
                    setRow(w, k + half, c, a * Math.sin(angle(k)) / kappa0);
                }
            }
            case "model.layers.0.self_attn.v_proj.weight" -> {
                for (int r = 0; r < hd; r++) setRow(w, r, s[r], 1 / kappa0);
            }
            case "model.layers.0.self_attn.o_proj.weight" -> {
                for (int r = 0; r < hd; r++) setColumn(w, (int) shape[1], r, u[r], g);
            }
            case "model.layers.1.self_attn.q_proj.weight" -> {
                for (int t = 0; t < slowDims.length; t++) setRow(w, perKv * hd + slowDims[t], s[t], b / lambda1);
            }
            case "model.layers.1.self_attn.k_proj.weight" -> {
                for (int t = 0; t < slowDims.length; t++) setRow(w, hd + slowDims[t], u[t], b / (lambda1 * g));
            }
            case "model.layers.1.self_attn.v_proj.weight" -> {
                for (int r = 0; r < hd; r++) setRow(w, hd + r, s[r], 1 / lambda1);
            }
            case "model.layers.1.self_attn.o_proj.weight" -> {
                for (int r = 0; r < hd; r++) setColumn(w, (int) shape[1], perKv * hd + r, s[r], o);
            }
            case "model.norm.weight" -> java.util.Arrays.fill(w, (float) finalNorm);
            default -> { }
        }
        if (name.endsWith("k_proj.weight") && shape[0] != kvRows) throw new IllegalStateException(name + ": unexpected shape");
    }

    /** Row {@code row} of an [out, h] projection becomes {@code scale * dir}: that output reads the input along dir. */
    private void setRow(float[] w, int row, double[] dir, double scale) {
        for (int i = 0; i < h; i++) w[row * h + i] = (float) (scale * dir[i]);
    }

    /** Column {@code col} of an [h, in] projection becomes {@code scale * dir}: that input is written along dir. */
    private void setColumn(float[] w, int in, int col, double[] dir, double scale) {
        for (int i = 0; i < h; i++) w[i * in + col] = (float) (scale * dir[i]);
    }

    private static void remove(double[] v, double[] unit) {
        double d = 0;
        for (int i = 0; i < v.length; i++) d += v[i] * unit[i];
        for (int i = 0; i < v.length; i++) v[i] -= d * unit[i];
    }

    /** {@code n} orthonormal vectors of dimension {@code dim} (Gram-Schmidt on Gaussian draws). */
    static double[][] orthonormal(int n, int dim, SplittableRandom rng) {
        double[][] out = new double[n][];
        for (int k = 0; k < n; k++) {
            double[] v = new double[dim];
            for (int i = 0; i < dim; i++) v[i] = rng.nextGaussian();
            for (int j = 0; j < k; j++) remove(v, out[j]);
            double norm = 0;
            for (double x : v) norm += x * x;
            norm = Math.sqrt(norm);
            for (int i = 0; i < dim; i++) v[i] /= norm;
            out[k] = v;
        }
        return out;
    }
}
