package org.sealworkbench.llm.generation;

import org.sealworkbench.llm.model.Autograd;
import org.sealworkbench.llm.model.KvCache;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.tokenizer.Tokenizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Batched text generation with a preallocated KV cache. Prompts of different lengths are left-padded
 * (padding is masked, positions count real tokens only), so every row writes the same cache slot
 * each step. k samples of one prompt prefill once and share the prompt's cache rows. Token choice
 * happens in Java on the last position's logits with one seeded generator per row, so a seed gives
 * the same samples every time. Each step runs inside an NDScope with gradients off.
 */
public final class Generator {
    private final LlamaModel model;
    private final Tokenizer tokenizer; // may be null: then no text, no stop strings

    public Generator(LlamaModel model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /** k samples of one prompt (e.g. SEAL's 5 self-edits per passage). */
    public List<Generation> sample(int[] prompt, int k, GenerationOptions opts, TokenListener listener) {
        return generate(Collections.nCopies(k, prompt), opts, listener, () -> false);
    }

    public List<Generation> generate(List<int[]> prompts, GenerationOptions opts, TokenListener listener) {
        return generate(prompts, opts, listener, () -> false);
    }

    /** Raw text prompts (BOS added when the model expects it), one generation each. */
    public List<Generation> generateText(List<String> prompts, GenerationOptions opts, TokenListener listener) {
        if (tokenizer == null) throw new IllegalStateException("text prompts need a tokenizer");
        List<int[]> ids = new ArrayList<>();
        for (String p : prompts) ids.add(tokenizer.encode(p));
        return generate(ids, opts, listener, () -> false);
    }

    /** k samples of one raw text prompt. */
    public List<Generation> sampleText(String prompt, int k, GenerationOptions opts, TokenListener listener) {
        if (tokenizer == null) throw new IllegalStateException("text prompts need a tokenizer");
        return sample(tokenizer.encode(prompt), k, opts, listener);
    }

    /**
     * Generates for every prompt; {@code cancelled} is polled between steps (rows then end as they
     * are, with finish MAX_TOKENS).
     */
    public List<Generation> generate(List<int[]> prompts, GenerationOptions opts, TokenListener listener,
                                     BooleanSupplier cancelled) {
        if (prompts.isEmpty()) return List.of();
        for (int[] p : prompts) if (p.length == 0) throw new IllegalArgumentException("empty prompt: give at least one token (e.g. BOS)");
        int vocab = model.config().vocabSize();
        for (int[] p : prompts) for (int id : p) if (id < 0 || id >= vocab) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + vocab + ")");
        }
        boolean grad = Autograd.isGradMode();
        Autograd.setGradMode(false);
        try {
            return new Run(prompts, opts, listener, cancelled).run();
        } finally {
            Autograd.setGradMode(grad);
        }
    }

    /** The state of one generate call. */
    private final class Run {
        final int b, promptLen, maxNew, vocab;
        final GenerationOptions opts;
        final TokenListener listener;
        final BooleanSupplier cancelled;
        final long[][] seq;            // [B][promptLen + maxNew]: left-padded prompt then new tokens
        final boolean[][] valid;       // false for left padding
        final List<List<Integer>> out = new ArrayList<>();
        final String[] text;
        final Generation.Finish[] finish;
        final SplittableRandom[] rng;
        final Set<Integer> eos;
        final int pad;
        final boolean shared;          // all prompts identical: prefill once
        int len;                       // columns of seq filled

        Run(List<int[]> prompts, GenerationOptions opts, TokenListener listener, BooleanSupplier cancelled) {
            this.b = prompts.size();
            this.opts = opts;
            this.listener = listener;
            this.cancelled = cancelled;
            this.maxNew = opts.maxNewTokens();
            this.vocab = model.config().vocabSize();
            int max = 0;
            for (int[] p : prompts) max = Math.max(max, p.length);
            this.promptLen = max;
            this.eos = new LinkedHashSet<>(opts.eosTokenIds() != null ? opts.eosTokenIds() : defaultEos());
            int padId = tokenizer != null ? tokenizer.padId()
                    : model.config().padTokenId() != null ? model.config().padTokenId() : eos.isEmpty() ? 0 : eos.iterator().next();
            this.pad = padId >= 0 && padId < vocab ? padId : 0; // padding is masked; it only has to be a valid id
            seq = new long[b][promptLen + maxNew];
            valid = new boolean[b][promptLen + maxNew];
            boolean same = true;
            for (int r = 0; r < b; r++) {
                int[] p = prompts.get(r);
                int off = promptLen - p.length;
                Arrays.fill(seq[r], pad);
                for (int j = 0; j < p.length; j++) {
                    seq[r][off + j] = p[j];
                    valid[r][off + j] = true;
                }
                Arrays.fill(valid[r], promptLen, promptLen + maxNew, true);
                same &= Arrays.equals(p, prompts.get(0));
                out.add(new ArrayList<>());
            }
            this.shared = same && b > 1 && opts.useCache() && !model.hasPerRowDeltas();
            this.len = promptLen;
            text = new String[b];
            Arrays.fill(text, "");
            finish = new Generation.Finish[b];
            SplittableRandom master = new SplittableRandom(opts.seed());
            rng = new SplittableRandom[b];
            for (int r = 0; r < b; r++) rng[r] = master.split();
        }

        List<Generation> run() {
            if (maxNew > 0) {
                if (opts.useCache()) {
                    try (KvCache cache = model.newCache(b, promptLen + maxNew, model.manager())) {
                        loop(cache);
                    }
                } else {
                    loop(null);
                }
            }
            List<Generation> result = new ArrayList<>();
            for (int r = 0; r < b; r++) {
                int[] toks = out.get(r).stream().mapToInt(Integer::intValue).toArray();
                if (tokenizer != null && finish[r] != Generation.Finish.STOP_STRING) text[r] = tokenizer.decode(toks);
                result.add(new Generation(toks, text[r], finish[r] == null ? Generation.Finish.MAX_TOKENS : finish[r]));
            }
            return result;
        }

        private void loop(KvCache cache) {
            for (int step = 0; step < maxNew; step++) {
                float[] logits = cache == null ? fullForward() : step == 0 ? prefill(cache) : decode(cache);
                boolean anyActive = false;
                for (int r = 0; r < b; r++) {
                    if (finish[r] != null) {
                        seq[r][len] = pad;
                        continue;
                    }
                    int tok = Sampler.next(logits, r * vocab, vocab, opts.temperature(), opts.topK(), opts.topP(), rng[r]);
                    seq[r][len] = tok;
                    accept(r, tok);
                    anyActive |= finish[r] == null;
                }
                len++;
                if (!anyActive || cancelled.getAsBoolean()) break;
            }
        }

        /** Prompt through the cache; with identical prompts once, copied to every row. Logits [B*V]. */
        private float[] prefill(KvCache cache) {
            if (!shared) return forward(0, promptLen, cache);
            try (KvCache one = model.newCache(1, promptLen, model.manager()); NDScope scope = new NDScope()) {
                boolean[][] v = {Arrays.copyOf(valid[0], promptLen)};
                NDArray ids = model.manager().create(Arrays.copyOf(seq[0], promptLen), new Shape(1, promptLen));
                NDArray hidden = model.hidden(ids, positions(v, 0, promptLen), v, one, false);
                float[] row = model.lastLogits(hidden).toFloatArray();
                cache.fillPrefixFrom(one, promptLen, sliceValid(0, promptLen));
                float[] all = new float[b * vocab];
                for (int r = 0; r < b; r++) System.arraycopy(row, 0, all, r * vocab, vocab);
                return all;
            }
        }

        /** The newest token of every row through the cache. */
        private float[] decode(KvCache cache) {
            return forward(len - 1, len, cache);
        }

        /** No cache: the whole sequence so far, every step (reference path). */
        private float[] fullForward() {
            return forward(0, len, null);
        }

        /** Runs columns [from, to) of seq; returns the last position's logits, [B*V]. */
        private float[] forward(int from, int to, KvCache cache) {
            try (NDScope scope = new NDScope()) {
                int t = to - from;
                long[] ids = new long[b * t];
                for (int r = 0; r < b; r++) System.arraycopy(seq[r], from, ids, r * t, t);
                boolean[][] v = sliceValid(from, to);
                int[][] pos = positions(valid, from, to);
                NDManager m = model.manager();
                NDArray hidden = model.hidden(m.create(ids, new Shape(b, t)), pos, v, cache, false);
                return model.lastLogits(hidden).toFloatArray();
            }
        }

        private boolean[][] sliceValid(int from, int to) {
            boolean[][] v = new boolean[b][];
            for (int r = 0; r < b; r++) v[r] = Arrays.copyOfRange(valid[r], from, to);
            return v;
        }

        /** Position of column j in row r = real tokens before it (padding gets 0; it is masked anyway). */
        private int[][] positions(boolean[][] validRows, int from, int to) {
            int[][] pos = new int[validRows.length][to - from];
            for (int r = 0; r < validRows.length; r++) {
                int count = 0;
                for (int j = 0; j < to; j++) {
                    if (j >= from) pos[r][j - from] = validRows[r][j] ? count : 0;
                    if (validRows[r][j]) count++;
                }
            }
            return pos;
        }

        /** Records a chosen token of row r: EOS, stop strings, streaming. */
        private void accept(int r, int tok) {
            out.get(r).add(tok);
            if (eos.contains(tok)) {
                finish[r] = Generation.Finish.EOS;
                if (listener != null) listener.onToken(r, tok, "");
                return;
            }
            String delta = "";
            // Text is decoded each step only when someone needs it now (stop strings, streaming).
            if (tokenizer != null && (listener != null || !opts.stopStrings().isEmpty())) {
                int[] ids = out.get(r).stream().mapToInt(Integer::intValue).toArray();
                String now = tokenizer.decode(ids);
                int cut = -1;
                for (String s : opts.stopStrings()) {
                    int at = now.indexOf(s);
                    if (!s.isEmpty() && at >= 0 && (cut < 0 || at < cut)) cut = at;
                }
                if (cut >= 0) {
                    now = now.substring(0, cut);
                    finish[r] = Generation.Finish.STOP_STRING;
                }
                delta = now.startsWith(text[r]) ? now.substring(text[r].length()) : "";
                text[r] = now;
            }
            if (listener != null) listener.onToken(r, tok, delta);
        }
    }

    private List<Integer> defaultEos() {
        Set<Integer> ids = new LinkedHashSet<>(model.config().eosTokenIds());
        if (tokenizer != null) ids.addAll(tokenizer.eosIds());
        return new ArrayList<>(ids);
    }
}
