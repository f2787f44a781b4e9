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
 * the same samples every time. Each step runs inside an NDScope with gradients off, and each call in an inference
 * session of the model (q/k/v and gate/up as one matmul each, {@link LlamaModel#inference}). Rows that have ended stop
 * costing compute: once at most half the batch is still going, the batch keeps only those rows. Groups of rows with
 * prompts and seeds of their own decode in one batch ({@link #generateGroups}).
 *
 * <p>No position at or past the model's context (its config's max_position_embeddings, C) is ever computed: a row whose
 * prompt (P tokens) and new tokens fill the context stops there, after C - P new tokens, with finish
 * {@link Generation.Finish#CONTEXT}, each row at its own length; a prompt longer than C is refused. The RoPE angles
 * themselves would go on past C, but the model never learnt those positions, and what it writes there is noise.
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
     * are, with finish MAX_TOKENS). A row stops where its sequence fills the model's context (finish CONTEXT).
     */
    public List<Generation> generate(List<int[]> prompts, GenerationOptions opts, TokenListener listener,
                                     BooleanSupplier cancelled) {
        if (prompts.isEmpty()) return List.of();
        check(prompts);
        SplittableRandom master = new SplittableRandom(opts.seed());
        SplittableRandom[] rng = new SplittableRandom[prompts.size()];
        for (int r = 0; r < rng.length; r++) rng[r] = master.split();
        boolean same = true;
        for (int[] p : prompts) same &= Arrays.equals(p, prompts.get(0));
        // all prompts identical: prefill once (not when a delta is per row: each row has its own adapter)
        List<int[]> prefill = same && prompts.size() > 1 && opts.useCache() && !model.hasPerRowDeltas()
                ? List.of(new int[] {0, prompts.size()}) : null;
        return withoutGrad(() -> new Run(prompts, rng, prefill, opts, listener, cancelled).run());
    }

    /**
     * One prompt sampled {@code rows} times with a seed of its own: its rows draw from {@code new SplittableRandom(seed)}
     * split once per row, exactly as {@code generate(nCopies(rows, prompt), opts.withSeed(seed), ...)} draws them.
     */
    public record PromptGroup(int[] prompt, int rows, long seed) {
        public PromptGroup {
            if (rows < 1) throw new IllegalArgumentException("a prompt group needs at least one row, got " + rows);
        }
    }

    /**
     * Several prompt groups in one batch (e.g. the k self-edits of several passages): each group's prompt is prefilled
     * alone, at batch 1, as the one-group call prefills it, and lands left-padded in the batch; then all rows decode
     * together, each with the random stream it gets when its group is generated alone ({@link PromptGroup}), so the
     * samples are those of one call per group except where float rounding of a step's batched matmuls (whose rows do
     * not always round as at a smaller batch) moves a logit across a sampling boundary (see GeneratorTest).
     * {@code opts.seed()} is not used. Returns one list per group, its rows in order.
     */
    public List<List<Generation>> generateGroups(List<PromptGroup> groups, GenerationOptions opts, BooleanSupplier cancelled) {
        if (groups.isEmpty()) return List.of();
        List<int[]> prompts = new ArrayList<>();
        List<SplittableRandom> rng = new ArrayList<>();
        List<int[]> prefill = new ArrayList<>();
        for (PromptGroup g : groups) {
            prefill.add(new int[] {prompts.size(), g.rows()});
            SplittableRandom master = new SplittableRandom(g.seed());
            for (int r = 0; r < g.rows(); r++) {
                prompts.add(g.prompt());
                rng.add(master.split());
            }
        }
        check(prompts);
        boolean perRow = model.hasPerRowDeltas();
        List<Generation> all = withoutGrad(() -> new Run(prompts, rng.toArray(new SplittableRandom[0]),
                opts.useCache() && !perRow ? prefill : null, opts, null, cancelled).run());
        List<List<Generation>> out = new ArrayList<>();
        int at = 0;
        for (PromptGroup g : groups) {
            out.add(List.copyOf(all.subList(at, at + g.rows())));
            at += g.rows();
        }
        return out;
    }

    private void check(List<int[]> prompts) {
        for (int[] p : prompts) if (p.length == 0) throw new IllegalArgumentException("empty prompt: give at least one token (e.g. BOS)");
        int context = model.config().maxPositionEmbeddings();
        for (int[] p : prompts) if (p.length > context) {
            throw new IllegalArgumentException("a prompt of " + p.length + " tokens is longer than the model's context of " + context
                    + " tokens (max_position_embeddings): it never learnt the positions past it");
        }
        int vocab = model.config().vocabSize();
        for (int[] p : prompts) for (int id : p) if (id < 0 || id >= vocab) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + vocab + ")");
        }
    }

    /** Runs a generation with grad mode off, in an inference session of the model (fused projections). */
    private List<Generation> withoutGrad(java.util.function.Supplier<List<Generation>> work) {
        boolean grad = Autograd.isGradMode();
        Autograd.setGradMode(false);
        try (LlamaModel.Inference session = model.inference()) {
            return work.get();
        } finally {
            Autograd.setGradMode(grad);
        }
    }

    /** The state of one generate call. */
    private final class Run {
        final int b, promptLen, maxNew, vocab;
        final int[] room;              // [B]: new tokens row r may take, min(maxNew, context - its prompt length)
        final int steps;               // decoding steps of the call: the most room of any row
        final GenerationOptions opts;
        final TokenListener listener;
        final BooleanSupplier cancelled;
        final List<int[]> prompts;
        final long[][] seq;            // [B][promptLen + steps]: left-padded prompt then new tokens
        final boolean[][] valid;       // false for left padding
        final List<List<Integer>> out = new ArrayList<>();
        final String[] text;
        final Generation.Finish[] finish;
        final SplittableRandom[] rng;
        final Set<Integer> eos;
        final int pad;
        final List<int[]> prefillGroups; // {first row, rows} with one prompt each, prefilled alone; null: the batch at once
        final boolean compact;         // drop ended rows from the batch (with per-row deltas only when they can follow)
        int[] live;                    // the rows in the batch now (all, until ended ones are dropped)
        KvCache cache;
        int len;                       // columns of seq filled

        Run(List<int[]> prompts, SplittableRandom[] rng, List<int[]> prefillGroups, GenerationOptions opts,
            TokenListener listener, BooleanSupplier cancelled) {
            this.prompts = prompts;
            this.b = prompts.size();
            this.rng = rng;
            this.prefillGroups = prefillGroups;
            this.opts = opts;
            this.listener = listener;
            this.cancelled = cancelled;
            this.maxNew = opts.maxNewTokens();
            this.vocab = model.config().vocabSize();
            int max = 0;
            for (int[] p : prompts) max = Math.max(max, p.length);
            this.promptLen = max;
            // Each row's sequence ends where it fills the context: position P + i holds new token i, so a row with a
            // prompt of P tokens takes at most C - P of them (the last one at position C - 1; none is computed past it).
            this.room = new int[b];
            int most = 0;
            for (int r = 0; r < b; r++) {
                room[r] = room(prompts.get(r).length);
                most = Math.max(most, room[r]);
            }
            this.steps = most;
            this.eos = new LinkedHashSet<>(opts.eosTokenIds() != null ? opts.eosTokenIds() : defaultEos());
            int padId = tokenizer != null ? tokenizer.padId()
                    : model.config().padTokenId() != null ? model.config().padTokenId() : eos.isEmpty() ? 0 : eos.iterator().next();
            this.pad = padId >= 0 && padId < vocab ? padId : 0; // padding is masked; it only has to be a valid id
            seq = new long[b][promptLen + steps];
            valid = new boolean[b][promptLen + steps];
            for (int r = 0; r < b; r++) {
                int[] p = prompts.get(r);
                int off = promptLen - p.length;
                Arrays.fill(seq[r], pad);
                for (int j = 0; j < p.length; j++) {
                    seq[r][off + j] = p[j];
                    valid[r][off + j] = true;
                }
                Arrays.fill(valid[r], promptLen, promptLen + steps, true);
                out.add(new ArrayList<>());
            }
            this.compact = model.canKeepRows();
            this.live = new int[b];
            for (int r = 0; r < b; r++) live[r] = r;
            this.len = promptLen;
            text = new String[b];
            Arrays.fill(text, "");
            finish = new Generation.Finish[b];
            // a prompt that fills the context on its own: no new token fits (it is still prefilled with its batch)
            for (int r = 0; r < b; r++) {
                if (maxNew > 0 && room[r] == 0) {
                    finish[r] = Generation.Finish.CONTEXT;
                    ended(r, promptLen);
                }
            }
        }

        /**
         * Row r has ended. Where the batch could still carry it to the context (its prompt plus the call's steps pass C),
         * its columns from {@code from} on become padding (masked, position 0), so it computes no position at or past
         * the context. Otherwise it goes on as before, its tokens thrown away: masking it would cost a mask every step of
         * a batch that needs none (k samples of one prompt) until the batch drops its ended rows.
         */
        void ended(int r, int from) {
            if (prompts.get(r).length + steps <= model.config().maxPositionEmbeddings()) return;
            Arrays.fill(valid[r], from, valid[r].length, false);
        }

        /** New tokens a row with a prompt of {@code n} tokens may take: maxNew, within the model's context. */
        int room(int n) {
            return Math.max(0, Math.min(maxNew, model.config().maxPositionEmbeddings() - n));
        }

        List<Generation> run() {
            if (steps > 0) {
                if (opts.useCache()) {
                    cache = model.newCache(b, promptLen + steps, model.manager());
                    try {
                        loop();
                    } finally {
                        cache.close();
                    }
                } else {
                    loop();
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

        private void loop() {
            for (int step = 0; step < steps; step++) {
                float[] logits = cache == null ? fullForward() : step == 0 ? prefill() : decode();
                int active = 0;
                for (int r = 0; r < b; r++) if (finish[r] != null) seq[r][len] = pad;
                for (int i = 0; i < live.length; i++) {
                    int r = live[i];
                    if (finish[r] != null) continue;
                    int tok = Sampler.next(logits, i * vocab, vocab, opts.temperature(), opts.topK(), opts.topP(), rng[r]);
                    seq[r][len] = tok;
                    accept(r, tok);
                    // the context is full: the next token would sit at position C (the cap alone, when it is reached
                    // first or at the same token, is MAX_TOKENS)
                    if (finish[r] == null && room[r] < maxNew && out.get(r).size() == room[r]) finish[r] = Generation.Finish.CONTEXT;
                    if (finish[r] == null) active++;
                    else ended(r, len + 1);
                }
                len++;
                if (active == 0 || cancelled.getAsBoolean()) break;
                // Ended rows stop costing compute: once at most half the batch is still going, the batch keeps only
                // those rows (one take per layer's keys and values, so about log2(B) times per call at most).
                if (cache != null && compact && active <= live.length / 2) {
                    int[] keep = new int[active], rows = new int[active];
                    int n = 0;
                    for (int i = 0; i < live.length; i++) {
                        if (finish[live[i]] == null) {
                            keep[n] = i;
                            rows[n++] = live[i];
                        }
                    }
                    cache = cache.keepRows(keep);
                    model.keepRows(keep);
                    live = rows;
                }
            }
        }

        /**
         * Prompts through the cache: the batch at once, or each prompt group alone at batch 1 (a cache of its own
         * length, or for a single row of the length a one-prompt call gives it: its prompt and its room), its keys and values
         * copied into its rows at its left-padded place. Logits [B*V].
         */
        private float[] prefill() {
            if (prefillGroups == null) return forward(0, promptLen, cache);
            float[] all = new float[b * vocab];
            for (int[] g : prefillGroups) {
                int first = g[0], rows = g[1];
                int[] p = prompts.get(first);
                int n = p.length;
                try (KvCache one = model.newCache(1, rows > 1 ? n : n + room(n), model.manager()); NDScope scope = new NDScope()) {
                    boolean[][] v = new boolean[1][n];
                    Arrays.fill(v[0], true);
                    long[] ids = new long[n];
                    for (int j = 0; j < n; j++) ids[j] = p[j];
                    NDArray hidden = model.hidden(model.manager().create(ids, new Shape(1, n)), positions(v, 0, n), v, one, false);
                    float[] row = model.lastLogits(hidden).toFloatArray();
                    cache.fillRowsFrom(one, n, first, rows, promptLen - n);
                    for (int r = first; r < first + rows; r++) System.arraycopy(row, 0, all, r * vocab, vocab);
                }
            }
            cache.advance(sliceValid(live, 0, promptLen));
            return all;
        }

        /** The newest token of every row in the batch through the cache. */
        private float[] decode() {
            return forward(len - 1, len, cache);
        }

        /** No cache: the whole sequence so far, every step (reference path). */
        private float[] fullForward() {
            return forward(0, len, null);
        }

        /** Runs columns [from, to) of seq for the rows in the batch; returns the last position's logits, [rows*V]. */
        private float[] forward(int from, int to, KvCache cache) {
            try (NDScope scope = new NDScope()) {
                int t = to - from, n = live.length;
                long[] ids = new long[n * t];
                for (int i = 0; i < n; i++) System.arraycopy(seq[live[i]], from, ids, i * t, t);
                boolean[][] v = sliceValid(live, from, to);
                boolean[][] rowsValid = new boolean[n][];
                for (int i = 0; i < n; i++) rowsValid[i] = valid[live[i]];
                int[][] pos = positions(rowsValid, from, to);
                NDManager m = model.manager();
                NDArray hidden = model.hidden(m.create(ids, new Shape(n, t)), pos, v, cache, false);
                return model.lastLogits(hidden).toFloatArray();
            }
        }

        private boolean[][] sliceValid(int[] rows, int from, int to) {
            boolean[][] v = new boolean[rows.length][];
            for (int i = 0; i < rows.length; i++) v[i] = Arrays.copyOfRange(valid[rows[i]], from, to);
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
