package org.sealworkbench.llm.training;

import org.sealworkbench.llm.lora.StackedLora;
import org.sealworkbench.llm.model.Autograd;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Many LoRA fine-tunes in one batch (issue 19 part 2): the n adapters of a {@link StackedLora} over one frozen base
 * train together, each on its own data with its own {@link TrainSettings} (plan, data order, learning-rate schedule,
 * gradient clipping, AdamW state), exactly as n {@link Trainer} runs one after the other would, up to float rounding.
 *
 * <p>Global step t takes step t of every adapter whose plan is that long: all their rows go into one forward and one
 * backward. Each row's loss weights are divided by its own adapter's target count for that step, so the summed loss
 * is the sum of the adapters' mean losses and adapter k's gradient is exactly the gradient of its own loss (the
 * adapters share no parameter). Clipping uses each adapter's own gradient norm, and AdamW runs on the stacked
 * tensors (one flat [n, P] tensor, {@link StackedLora#flat}) with per-adapter numbers broadcast over its rows; an adapter that has finished its plan has no rows, and
 * its factors are the identity (decay 1, moment weights 0 and 1, step size 0), so its weights and moments stay as
 * they were. AdamW's per-element arithmetic is {@link AdamW}'s, in the same order.
 *
 * <p>Not equal to the one-at-a-time run: LoRA dropout (the random masks are drawn for the whole batch, not per
 * adapter and step as {@link Trainer} draws them), so with dropout > 0 the losses are only statistically alike.
 */
public final class BatchedTrainer implements AutoCloseable {
    private final TrainableModel model;
    private final StackedLora stack;
    private final List<TrainSettings> settings;
    private final int padId;
    private final Map<String, NDArray> params;
    private final NDArray flat;                    // [n, P]: the stack's weights, which params are views of
    private final NDArray m;                       // AdamW's moments, laid out as flat
    private final NDArray v;
    private final AdamW.Config[] opt;

    /** Adapter k trains with {@code settings.get(k)}; AdamW's betas and eps are {@link AdamW.Config#defaults}'. */
    public BatchedTrainer(TrainableModel model, StackedLora stack, List<TrainSettings> settings, int padId) {
        if (settings.size() != stack.size()) {
            throw new IllegalArgumentException(settings.size() + " settings for a stack of " + stack.size() + " adapters");
        }
        this.model = model;
        this.stack = stack;
        this.settings = List.copyOf(settings);
        this.padId = padId;
        this.params = stack.parameters();
        this.flat = stack.flat();
        this.opt = new AdamW.Config[settings.size()];
        for (int k = 0; k < opt.length; k++) {
            TrainSettings s = settings.get(k);
            opt[k] = new AdamW.Config(s.lr(), 0.9, 0.999, 1e-8, s.weightDecay());
        }
        m = flat.zerosLike();
        v = flat.zerosLike();
        NDScope.unregister(m, v);
        for (NDArray p : params.values()) p.setRequiresGradient(true);
    }

    /**
     * Trains every adapter on its data to the end of its plan, or until {@code cancel} says stop (checked before each
     * global step); returns one result per adapter, with its steps numbered and reported as its own run's.
     */
    public List<TrainResult> run(List<List<SftExample>> data, BooleanSupplier cancel) {
        int n = stack.size();
        if (data.size() != n) throw new IllegalArgumentException(data.size() + " data sets for a stack of " + n + " adapters");
        TrainPlan[] plans = new TrainPlan[n];
        LrSchedule[] schedules = new LrSchedule[n];
        List<List<StepInfo>> done = new ArrayList<>();
        int longest = 0;
        for (int k = 0; k < n; k++) {
            TrainSettings s = settings.get(k);
            plans[k] = TrainPlan.of(data.get(k).size(), s);
            schedules[k] = new LrSchedule(s.schedule(), s.lr(), s.warmupSteps(), plans[k].size());
            longest = Math.max(longest, plans[k].size());
            done.add(new ArrayList<>());
        }
        boolean cancelled = false;
        for (int t = 0; t < longest; t++) {
            if (cancel != null && cancel.getAsBoolean()) {
                cancelled = true;
                break;
            }
            step(t, data, plans, schedules, done);
        }
        List<TrainResult> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            out.add(new TrainResult(done.get(k), cancelled, done.get(k).size(), plans[k].size()));
        }
        return out;
    }

    /** Global step t: one forward and backward over the rows of every adapter still training, then clip and AdamW per adapter. */
    private void step(int t, List<List<SftExample>> data, TrainPlan[] plans, LrSchedule[] schedules, List<List<StepInfo>> done) {
        long t0 = System.nanoTime();
        int n = stack.size();
        boolean[] active = new boolean[n];
        double[] lr = new double[n];
        double[] targets = new double[n];
        int[] epoch = new int[n];
        List<SftBatch> groups = new ArrayList<>();
        List<Integer> groupAdapter = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (t >= plans[k].size()) continue;
            active[k] = true;
            lr[k] = schedules[k].lr(t);
            TrainPlan.Step ps = plans[k].steps().get(t);
            epoch[k] = ps.epoch();
            List<SftExample> rows = new ArrayList<>();
            for (List<Integer> mb : ps.microBatches()) for (int i : mb) rows.add(data.get(k).get(i));
            SftBatch b = SftBatch.collate(rows, padId, settings.get(k).mask());
            targets[k] = b.targetCount();
            groups.add(b);
            groupAdapter.add(k);
        }
        // every active adapter's rows, each cut to its own length, weights divided by its adapter's target count
        List<Row> rows = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            SftBatch b = groups.get(g);
            int k = groupAdapter.get(g);
            float norm = (float) Math.max(targets[k], 1);
            for (int r = 0; r < b.rows(); r++) {
                int len = b.cols();
                while (len > 1 && b.ids()[r * b.cols() + len - 1] == padId && b.weights()[r * b.cols() + len - 1] == 0f) len--;
                long[] ids = Arrays.copyOfRange(b.ids(), r * b.cols(), r * b.cols() + len);
                float[] w = new float[len];
                for (int c = 0; c < len; c++) w[c] = b.weights()[r * b.cols() + c] / norm;
                rows.add(new Row(k, ids, w));
            }
        }
        Engine.getEngine("PyTorch").setRandomSeed((int) (settings.get(0).seed() * 7919 + t));
        double[] loss = new double[n];
        double[] gradNorm = new double[n];
        long tCompute;
        boolean gradBefore = Autograd.isGradMode();
        Autograd.setGradMode(true);
        try (NDScope scope = new NDScope()) {
            // rows of similar length go through together (forward and backward per group; gradients add up in .grad):
            // one batch padded to the longest row cost up to 5x the tokens on seal-tiny's self-edits (the passage is
            // several times longer than an implication line), and trailing padding changes nothing a causal model
            // computes for the real tokens
            for (List<Row> chunk : lengthGroups(rows)) {
                try (NDScope micro = new NDScope()) {
                    int cols = 0;
                    for (Row row : chunk) cols = Math.max(cols, row.ids.length);
                    long[] ids = new long[chunk.size() * cols];
                    float[] w = new float[chunk.size() * cols];
                    int[] adapterOfRow = new int[chunk.size()];
                    Arrays.fill(ids, padId);
                    for (int r = 0; r < chunk.size(); r++) {
                        Row row = chunk.get(r);
                        adapterOfRow[r] = row.adapter;
                        System.arraycopy(row.ids, 0, ids, r * cols, row.ids.length);
                        System.arraycopy(row.weights, 0, w, r * cols, row.weights.length);
                    }
                    stack.setRows(adapterOfRow);
                    NDManager nd = model.manager();
                    NDArray idsT = nd.create(ids, new Shape(chunk.size(), cols));
                    NDArray wT = nd.create(w, new Shape(chunk.size(), cols));
                    NDArray logits = model.forward(idsT, true);
                    NDArray rowLoss = CausalLmLoss.weightedRowSums(logits, idsT, wT);        // [rows]
                    float[] perRow = rowLoss.toFloatArray();
                    for (int r = 0; r < chunk.size(); r++) loss[adapterOfRow[r]] += perRow[r];
                    Autograd.backward(rowLoss.sum());
                }
            }
            tCompute = System.nanoTime();
            NDArray grads = stack.flatGradients();                                        // [n, P]
            clipPerAdapter(grads, active, gradNorm);
            adamW(grads, active, lr, t + 1);
            for (NDArray p : params.values()) Autograd.zeroGradient(p);
        } finally {
            Autograd.setGradMode(gradBefore);
        }
        long t1 = System.nanoTime();
        double secs = (t1 - t0) / 1e9;
        for (int g = 0; g < groups.size(); g++) {
            int k = groupAdapter.get(g);
            long tokens = (long) groups.get(g).rows() * groups.get(g).cols();
            done.get(k).add(new StepInfo(t + 1, plans[k].size(), epoch[k], loss[k], lr[k], gradNorm[k], tokens, tokens / secs,
                    (tCompute - t0) / 1e9, (t1 - tCompute) / 1e9));
        }
    }

    private record Row(int adapter, long[] ids, float[] weights) {}

    /**
     * Padded tokens that one more forward and backward costs as much as, on seal-tiny on this project's 2-core CPU (a
     * group's fixed cost is its ~600 ops, about 17 ms single-threaded, against ~0.3 ms per padded token; issue 19).
     */
    static final int GROUP_COST_TOKENS = Integer.getInteger("seal.batch.groupCostTokens", 96);

    /**
     * Rows sorted by length and cut into the groups that cost least, each group costing {@link #GROUP_COST_TOKENS}
     * plus its rows times its longest row (padding included): a dynamic programme over the cut points (at most a few
     * hundred rows). A fixed length ratio per group (the first form, 1.25x) made 4 to 5 groups a step on seal-tiny's
     * own self-edits, each paying the fixed cost; one group padded to the longest row wasted up to 5x the tokens on
     * self-edits whose passage is much longer than their lines. Within a group the rows go adapter by adapter, the
     * order {@link StackedLora} computes without a gather.
     */
    static List<List<Row>> lengthGroups(List<Row> rows) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(java.util.Comparator.comparingInt(r -> r.ids.length));
        int[] lengths = sorted.stream().mapToInt(r -> r.ids.length).toArray();
        List<List<Row>> out = new ArrayList<>();
        int from = 0;
        for (int to : groupEnds(lengths, GROUP_COST_TOKENS)) {
            List<Row> g = new ArrayList<>(sorted.subList(from, to));
            g.sort(java.util.Comparator.comparingInt(Row::adapter));
            out.add(g);
            from = to;
        }
        return out;
    }

    /**
     * Where the cheapest grouping of rows of these lengths (ascending) cuts them: the end (exclusive) of each group in
     * order, the last being {@code lengths.length}. A group of rows i..j-1 costs {@code groupCost + (j - i) * lengths[j-1]}.
     */
    static int[] groupEnds(int[] lengths, int groupCost) {
        int count = lengths.length;
        long[] best = new long[count + 1];
        int[] cut = new int[count + 1];
        for (int i = 1; i <= count; i++) {
            best[i] = Long.MAX_VALUE;
            for (int j = 0; j < i; j++) {
                long c = best[j] + groupCost + (long) (i - j) * lengths[i - 1];
                if (c < best[i]) {
                    best[i] = c;
                    cut[i] = j;
                }
            }
        }
        List<Integer> ends = new ArrayList<>();
        for (int i = count; i > 0; i = cut[i]) ends.add(0, i);
        return ends.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Each adapter's global L2 gradient norm over all its tensors (a row of grads [n, P]); its row scaled as torch's clip_grad_norm_ would. */
    private void clipPerAdapter(NDArray grads, boolean[] active, double[] normOut) {
        int n = stack.size();
        float[] norms;
        try (NDArray nrm = grads.norm(new int[] {1})) {
            norms = nrm.toFloatArray();                                             // [n]
        }
        float[] coef = new float[n];
        boolean any = false;
        for (int k = 0; k < n; k++) {
            normOut[k] = norms[k];
            double maxNorm = settings.get(k).maxGradNorm();
            double c = maxNorm > 0 && active[k] ? maxNorm / (normOut[k] + 1e-6) : 1.0;
            coef[k] = c < 1.0 ? (float) c : 1f;
            any |= c < 1.0;
        }
        if (!any) return;
        Autograd.noGrad(() -> {
            try (NDArray c = perAdapter(coef)) {
                grads.muli(c);
            }
        });
    }

    /**
     * AdamW on the stack's flat [n, P] weights in {@link AdamW}'s order of operations, with each adapter's numbers
     * broadcast over its row. All adapters that train at global step t take their step t + 1; a finished one gets
     * factors that leave its weights and moments as they are.
     */
    private void adamW(NDArray g, boolean[] active, double[] lr, long stepNo) {
        int n = stack.size();
        float[] decay = new float[n], oneMinusB1 = new float[n], beta2 = new float[n], oneMinusB2 = new float[n],
                sqrtBc2 = new float[n], stepSize = new float[n], eps = new float[n];
        boolean anyDecay = false;
        for (int k = 0; k < n; k++) {
            AdamW.Config c = opt[k];
            eps[k] = (float) c.eps();
            if (!active[k]) {
                decay[k] = 1f;
                oneMinusB1[k] = 0f;
                beta2[k] = 1f;
                oneMinusB2[k] = 0f;
                sqrtBc2[k] = 1f;
                stepSize[k] = 0f;
                continue;
            }
            double bc1 = 1 - Math.pow(c.beta1(), stepNo), bc2 = 1 - Math.pow(c.beta2(), stepNo);
            decay[k] = (float) (1 - lr[k] * c.weightDecay());
            anyDecay |= c.weightDecay() != 0;
            oneMinusB1[k] = (float) (1 - c.beta1());
            beta2[k] = (float) c.beta2();
            oneMinusB2[k] = (float) (1 - c.beta2());
            sqrtBc2[k] = (float) Math.sqrt(bc2);
            stepSize[k] = (float) (lr[k] / bc1);
        }
        boolean decays = anyDecay;
        Autograd.noGrad(() -> {
            try (NDScope scope = new NDScope()) {
                NDArray decayT = perAdapter(decay), omb1 = perAdapter(oneMinusB1), b2 = perAdapter(beta2), omb2 = perAdapter(oneMinusB2),
                        sbc2 = perAdapter(sqrtBc2), ss = perAdapter(stepSize), epsT = perAdapter(eps);
                // a few adapters' rows at a time: each op of the step then works on about 2 MB that the next op finds in
                // cache, not on all n rows (9.5 MB a tensor for 16 seal-tiny adapters) from memory; measured on this
                // 2-core machine with caches evicted between steps (16 adapters): 14-36 ms a step whole, 6-8 ms in
                // blocks of 4 rows. The ops and their order per element are the same, so the numbers are too.
                int block = (int) Math.max(1, Math.min(n, adamWBlockValues / Math.max(1, flat.getShape().get(1))));
                for (int from = 0; from < n; from += block) {
                    try (NDScope rows = new NDScope()) {
                        NDIndex r = new NDIndex("{}:{}", from, Math.min(n, from + block));
                        NDArray p = flat.get(r), mr = m.get(r), vr = v.get(r), gr = g.get(r);
                        if (decays) p.muli(decayT.get(r));
                        vr.muli(b2.get(r)).addi(gr.square().muli(omb2.get(r)));     // v = b2 v + (1-b2) g^2
                        mr.addi(gr.subi(mr).muli(omb1.get(r)));                    // m += (1-b1)(g - m); g is spent
                        NDArray denom = vr.sqrt().divi(sbc2.get(r)).addi(epsT.get(r));
                        // m / denom * step size, every layer's A and B at once (views of flat); a new tensor rather than m
                        // copied into g's rows, which DJL's copyTo does through two Java buffers and a new storage for g
                        p.subi(mr.div(denom).muli(ss.get(r)));
                    }
                }
            }
        });
    }

    /** About how many values of each [n, P] tensor one block of AdamW's rows holds (2 MB of floats). */
    static final long ADAMW_BLOCK_VALUES = 1L << 19;

    long adamWBlockValues = ADAMW_BLOCK_VALUES;    // tests set it to put each adapter in a block of its own

    /** Per-adapter numbers as [n, 1], broadcast over the rows of [n, P]. */
    private NDArray perAdapter(float[] values) {
        return model.manager().create(values, new Shape(values.length, 1)).toDevice(flat.getDevice(), false);
    }

    @Override
    public void close() {
        m.close();
        v.close();
        for (NDArray p : params.values()) p.setRequiresGradient(false);
    }
}
