package org.sealworkbench.llm;

import org.sealworkbench.llm.generation.GenerationOptions;
import org.sealworkbench.llm.generation.Generator;
import org.sealworkbench.llm.io.Checkpoint;
import org.sealworkbench.llm.lora.LoraAdapter;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.model.Autograd;
import org.sealworkbench.llm.model.Linear;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.training.LrSchedule;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.llm.training.StepInfo;
import org.sealworkbench.llm.training.TrainSettings;
import org.sealworkbench.llm.training.TrainableModel;
import org.sealworkbench.llm.training.Trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Engine throughput on this machine, each figure set against the same run's measured fp32 matmul
 * throughput (model FLOPs utilisation: 2 * matmul params * tokens for inference, 6 * for training,
 * where matmul params are the projections plus the LM head, i.e. the weights that do FLOPs).
 * Every measurement is reported as one JSON object to the sink.
 */
public final class Benchmark {
    public record Options(int promptLen, int decodeTokens, int trainSeqLen, int trainSteps, boolean full) {}

    private final Consumer<JsonObject> sink;
    private double matmulGflops;

    public Benchmark(Consumer<JsonObject> sink) {
        this.sink = sink;
    }

    /** As {@link #matmul(NDManager)} in memory of its own on {@code device}. */
    public double matmul(ComputeDevice device) {
        try (NDManager nd = NDManager.newBaseManager(device.toDjl())) {
            return matmul(nd);
        }
    }

    /** fp32 GFLOP/s of [1024, 896] @ [896, 4864] (a Qwen2.5-0.5B MLP projection over 1024 tokens). */
    public double matmul(NDManager nd) {
        int m = 1024, k = 896, n = 4864, reps = 8;
        try (NDScope s = new NDScope()) {
            NDArray a = nd.randomUniform(-1, 1, new Shape(m, k));
            NDArray b = nd.randomUniform(-1, 1, new Shape(k, n));
            for (int i = 0; i < 2; i++) a.matMul(b).close();
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) a.matMul(b).close();
            double secs = (System.nanoTime() - t0) / 1e9;
            double g = 2.0 * m * k * n * reps / secs / 1e9;
            matmulGflops = Math.max(matmulGflops, g);
            JsonObject o = line("matmul_fp32");
            o.addProperty("shape", m + "x" + k + " @ " + k + "x" + n);
            o.addProperty("gflops", round(g));
            sink.accept(o);
            return g;
        }
    }

    /**
     * The fp32 matmul rate at the model's own products, on this thread's PyTorch threads (the model's intra-op count):
     * {@code rows} tokens times each projection's and the LM head's weight, as a batched step multiplies them, timed
     * together and weighted by their FLOPs. What {@code train_gflops} can at most reach per worker if every other op
     * were free; the bench's {@code matmul_fp32} line is a larger product on all threads. Hand-timed rather than
     * {@link #matmul}: that one is a fixed Qwen-sized shape.
     */
    public static JsonObject matmulAtModelShapes(LlamaModel model, int rows) {
        List<long[]> shapes = new ArrayList<>();                               // {in, out}, one per distinct product
        for (Linear l : model.linears().values()) {
            long[] sh = {l.inFeatures(), l.outFeatures()};
            if (shapes.stream().noneMatch(x -> x[0] == sh[0] && x[1] == sh[1])) shapes.add(sh);
        }
        shapes.add(new long[] {model.config().hiddenSize(), model.config().vocabSize()});
        double flops = 0;
        long nanos = 0;
        try (NDManager nd = model.manager().newSubManager()) {
            for (long[] sh : shapes) {
                NDArray x = nd.randomUniform(-1, 1, new Shape(rows, sh[0]));
                NDArray w = nd.randomUniform(-1, 1, new Shape(sh[0], sh[1]));
                for (int i = 0; i < 3; i++) x.matMul(w).close();
                int reps = 20;
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) x.matMul(w).close();
                nanos += System.nanoTime() - t0;
                flops += 2.0 * rows * sh[0] * sh[1] * reps;
            }
        }
        JsonObject o = line("matmul_model_shapes");
        o.addProperty("rows", rows);
        o.addProperty("products", shapes.size());
        o.addProperty("gflops", round(flops / (nanos / 1e9) / 1e9));
        return o;
    }

    /** Weights that do matmul FLOPs per token: every projection plus the LM head. */
    public static long matmulParams(LlamaModel model) {
        long n = (long) model.config().vocabSize() * model.config().hiddenSize();
        for (Linear l : model.linears().values()) n += (long) l.inFeatures() * l.outFeatures();
        return n;
    }

    /** Writes the model as an F32 checkpoint to a temp folder, then times loading it and its resident memory. */
    public void checkpointLoad(LlamaModel model, Path tmpDir) throws IOException {
        Path dir = tmpDir.resolve("bench-ckpt");
        long weightBytes = 0;
        for (NDArray p : model.parameters().values()) weightBytes += p.size() * 4;
        model.save(dir, "F32");
        try {
            System.gc();
            long rss0 = ProcMemory.rss();
            long t0 = System.nanoTime();
            try (LlamaModel loaded = LlamaModel.load(dir, model.device())) {
                double secs = (System.nanoTime() - t0) / 1e9;
                long rss1 = ProcMemory.rss();
                JsonObject o = line("checkpoint_load");
                o.addProperty("seconds", round(secs));
                o.addProperty("f32_weight_bytes", weightBytes);
                o.addProperty("resident_bytes_added", rss1 - rss0);
                o.addProperty("resident_over_f32_weights", round((double) (rss1 - rss0) / weightBytes));
                o.addProperty("file_bytes", Files.size(dir.resolve(Checkpoint.WEIGHTS)));
                sink.accept(o);
                if (loaded.config().numHiddenLayers() < 0) throw new IllegalStateException();   // keep it alive until measured
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Prefill: one forward over promptLen tokens, no gradient. tokens_per_s is the second run's (the first warms up);
     * tokens_per_s_median the median of 10 runs after 5 more: the steady state of a JIT-compiled engine, which a Python
     * peer has from its first call.
     */
    public void prefill(LlamaModel model, int promptLen) {
        long params = matmulParams(model);
        long[] ids = randomIds(model, promptLen, 1);
        Autograd.withGradMode(false, () -> {
            double[] later = new double[10];
            JsonObject o = line("prefill");
            for (int rep = 0; rep < 2 + 5 + later.length; rep++) {   // first run warms up
                // in an inference session, as the generator prefills (fused projections); the session's stacked weights
                // are made before the clock starts (a generate call makes them once for all its steps)
                try (NDScope s = new NDScope(); LlamaModel.Inference session = model.inference()) {
                    NDArray x = model.manager().create(ids, new Shape(1, promptLen));
                    long t0 = System.nanoTime();
                    model.forward(x, false).toFloatArray();
                    double secs = (System.nanoTime() - t0) / 1e9;
                    if (rep == 1) {
                        o.addProperty("tokens", promptLen);
                        o.addProperty("tokens_per_s", round(promptLen / secs));
                        mfu(o, 2.0 * params * promptLen / secs);
                    } else if (rep >= 7) {
                        later[rep - 7] = promptLen / secs;
                    }
                }
            }
            o.addProperty("tokens_per_s_median", round(median(later)));
            sink.accept(o);
            return null;
        });
    }

    /**
     * Decode tokens/s with and without the KV cache at batch 1 and 5: the time of (n+1) new tokens
     * minus the time of 1 (prefill + first token), over n.
     */
    public void decode(LlamaModel model, int promptLen, int n) {
        decode(model, promptLen, n, 0);
    }

    /**
     * As {@link #decode(LlamaModel, int, int)}, and with the KV cache, after decoding for {@code warmSeconds} more (0: not),
     * the median step again ({@code ms_per_step_median_warm}): the steady state of a long run. The engine's per-op work is
     * Java code that the JIT's optimising compiler (C2) compiles only after thousands of steps; on seal-tiny the median
     * step fell from about 2.3 ms in the first calls to 0.9-1.1 ms after some 8,000 steps, and stayed at about 2.3 ms
     * with C2 turned off ({@code -XX:TieredStopAtLevel=1}). A Python peer has its steady state from the first call; an
     * inner loop that answers hundreds of questions spends nearly all its decoding in it.
     */
    public void decode(LlamaModel model, int promptLen, int n, double warmSeconds) {
        int context = model.config().maxPositionEmbeddings();
        if (promptLen + n + 1 > context) {
            // the generator stops a row where it fills the context: the steps timed would not be the steps asked for
            throw new IllegalArgumentException("decode: a prompt of " + promptLen + " tokens and " + (n + 1) + " new ones do not fit"
                    + " the model's context of " + context + " tokens; ask for fewer decode tokens");
        }
        long params = matmulParams(model);
        Generator gen = new Generator(model, null);
        double matmulOnly = matmulOnlyPerToken(model);
        for (boolean cache : new boolean[]{true, false}) {
            for (int batch : new int[]{1, 5}) {
                int steps = cache ? n : Math.max(2, n / 4);   // the no-cache path re-runs the whole sequence per token
                List<int[]> prompts = new ArrayList<>();
                SplittableRandom r = new SplittableRandom(batch);
                for (int i = 0; i < batch; i++) prompts.add(r.ints(promptLen, 0, model.config().vocabSize()).toArray());
                GenerationOptions one = GenerationOptions.greedy(1).withEos(List.of()).withCache(cache);
                GenerationOptions many = GenerationOptions.greedy(steps + 1).withEos(List.of()).withCache(cache);
                gen.generate(prompts, one, null);          // warm-up
                double tOne = Double.MAX_VALUE, tMany = Double.MAX_VALUE;   // best of 2: the machine is shared
                List<Long> stepEnds = new ArrayList<>();   // row 0's token callbacks in the last call: one per step
                for (int rep = 0; rep < 2; rep++) {
                    stepEnds.clear();
                    long t0 = System.nanoTime();
                    gen.generate(prompts, one, null);
                    long t1 = System.nanoTime();
                    gen.generate(prompts, many, (row, token, text) -> {
                        if (row == 0) stepEnds.add(System.nanoTime());
                    });
                    long t2 = System.nanoTime();
                    tOne = Math.min(tOne, (t1 - t0) / 1e9);
                    tMany = Math.min(tMany, (t2 - t1) / 1e9);
                }
                double perStep = (tMany - tOne) / steps;
                double median = medianGapSeconds(stepEnds);
                JsonObject o = line("decode");
                o.addProperty("cache", cache);
                o.addProperty("batch", batch);
                o.addProperty("prompt_tokens", promptLen);
                o.addProperty("new_tokens", steps);
                o.addProperty("tokens_per_s", round(batch / perStep));
                o.addProperty("ms_per_step", round(perStep * 1000));
                o.addProperty("ms_per_step_median", round(median * 1000));   // the peer's statistic
                mfu(o, 2.0 * params * batch / perStep);
                if (cache && batch == 1) {
                    o.addProperty("matmul_only_ms_per_token", round(matmulOnly * 1000));
                    o.addProperty("step_over_matmul_only", round(perStep / matmulOnly));
                }
                if (cache && warmSeconds > 0) warmDecode(gen, prompts, many, warmSeconds, o);
                sink.accept(o);
            }
        }
    }

    /** Decodes {@code many} until {@code warmSeconds} have passed, then the median step of 3 more calls, into {@code o}. */
    private static void warmDecode(Generator gen, List<int[]> prompts, GenerationOptions many, double warmSeconds, JsonObject o) {
        long t0 = System.nanoTime(), steps = 0;
        while (System.nanoTime() - t0 < warmSeconds * 1e9) {
            gen.generate(prompts, many, null);
            steps += many.maxNewTokens();
        }
        List<Double> gaps = new ArrayList<>();
        for (int rep = 0; rep < 3; rep++) {
            List<Long> ends = new ArrayList<>();
            gen.generate(prompts, many, (row, token, text) -> {
                if (row == 0) ends.add(System.nanoTime());
            });
            for (int i = 2; i < ends.size(); i++) gaps.add((ends.get(i) - ends.get(i - 1)) / 1e9);
        }
        o.addProperty("warm_up_steps", steps);
        o.addProperty("warm_up_s", round((System.nanoTime() - t0) / 1e9));
        o.addProperty("ms_per_step_median_warm", round(median(gaps.stream().mapToDouble(Double::doubleValue).toArray()) * 1000));
    }

    /**
     * The median time between consecutive decode steps of a call that followed one of the same length (the JIT warm):
     * each step is the batch's forward, logits to Java and sampling. torch_peer.py times each step and takes the median.
     * The first gap (prefill's end to the first decode step) is left out.
     */
    static double medianGapSeconds(List<Long> stepEnds) {
        double[] gaps = new double[Math.max(0, stepEnds.size() - 2)];
        for (int i = 2; i < stepEnds.size(); i++) gaps[i - 2] = (stepEnds.get(i) - stepEnds.get(i - 1)) / 1e9;
        return median(gaps);
    }

    static double median(double[] xs) {
        if (xs.length == 0) return Double.NaN;
        double[] s = xs.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The time of one token's projections and LM head alone (x [1, 1, in] times each weight), no other op. */
    double matmulOnlyPerToken(LlamaModel model) {
        return Autograd.withGradMode(false, () -> {
            List<NDArray> weights = new ArrayList<>();
            for (Linear l : model.linears().values()) weights.add(l.weight());
            weights.add(model.lmHead().weight());
            double best = Double.MAX_VALUE;
            try (NDScope s = new NDScope()) {
                NDArray[] xs = new NDArray[weights.size()];
                for (int i = 0; i < xs.length; i++) xs[i] = model.manager().ones(new Shape(1, 1, weights.get(i).getShape().get(1)), model.dtype());
                for (int rep = 0; rep < 5; rep++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < xs.length; i++) ai.djl.nn.core.Linear.linear(xs[i], weights.get(i)).singletonOrThrow().close();
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                }
            }
            return best;
        });
    }

    /** LoRA training steps before the timed ones, at most (fewer when fewer are timed; full fine-tuning warms up with one). */
    static final int WARMUP_STEPS = 10;

    /** Training tokens/s (LoRA r=32 alpha=64 on q_proj,v_proj as SEAL's inner loop, or full) over batch 1 x seqLen. */
    public void training(LlamaModel model, int seqLen, int steps, boolean full) {
        training(model, seqLen, steps, full, 0);
    }

    /**
     * As {@link #training(LlamaModel, int, int, boolean)}; for LoRA, after training on for {@code warmSeconds} more (0:
     * not), the median of {@code steps} more steps ({@code tokens_per_s_median_warm}): the steady state of a long run,
     * as for {@link #decode(LlamaModel, int, int, double) decode}.
     */
    public void training(LlamaModel model, int seqLen, int steps, boolean full, double warmSeconds) {
        long params = matmulParams(model);
        if (full && model.dtype() != ai.djl.ndarray.types.DataType.FLOAT32) {
            JsonObject o = line("train_full");
            o.addProperty("skipped", "full fine-tuning needs F32 base weights; these are " + Devices.dtypeName(model.dtype())
                    + " (" + Devices.BASE_DTYPE_SETTING + "=f32 to measure it)");
            sink.accept(o);
            return;
        }
        long need = full ? 16L * model.parameters().values().stream().mapToLong(NDArray::size).sum() : 0;
        if (full && ProcMemory.available() > 0 && need + (1L << 30) > ProcMemory.available()) {
            JsonObject o = line("train_full");
            o.addProperty("skipped", "needs about " + (need >> 20) + " MiB for gradients and AdamW state beyond the weights; "
                    + (ProcMemory.available() >> 20) + " MiB available");
            sink.accept(o);
            return;
        }
        List<SftExample> data = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(7);
        // the first WARMUP_STEPS warm up (the JIT compiles the step's Java code over its first tens of steps; a Python peer's
        // steady state starts at once), the rest are timed
        int warm = full ? 1 : Math.min(WARMUP_STEPS, Math.max(1, steps / 2));   // a few when few are timed (a large model's steps)
        for (int i = 0; i < steps + warm; i++) data.add(SftExample.plain(r.ints(seqLen, 0, model.config().vocabSize()).toArray()));
        TrainSettings s = TrainSettings.defaults().withBatch(1, 1).withLr(1e-4, LrSchedule.Kind.CONSTANT, 0).withSeed(1, false);
        LoraAdapter adapter = null;
        var trainable = model.parameters();
        if (!full) {
            adapter = LoraAdapter.create("bench", model.linears(), LoraConfig.of(32, 64, 0, List.of("q_proj", "v_proj")), 1, model.manager());
            adapter.attach(model.linears());
            trainable = adapter.parameters();
        }
        List<StepInfo> infos = new ArrayList<>();
        List<StepInfo> warmInfos = new ArrayList<>();
        long warmSteps = 0;
        double warmSecs = 0;
        try {
            try (Trainer tr = adapter != null ? new Trainer(TrainableModel.of(model), adapter.flatParameters(), s, 0)
                    : new Trainer(TrainableModel.of(model), trainable, s, 0)) {
                tr.run(data, infos::add, null);
            }
            if (adapter != null && warmSeconds > 0) {
                // train on until warmSeconds have passed (a step at a time: the trainer stops where the clock says), then time
                // as many steps again
                long t0 = System.nanoTime(), deadline = t0 + (long) (warmSeconds * 1e9);
                List<SftExample> more = new ArrayList<>();
                int perPass = Math.max(steps, 50);
                for (int i = 0; i < perPass; i++) more.add(SftExample.plain(r.ints(seqLen, 0, model.config().vocabSize()).toArray()));
                List<StepInfo> passInfos = new ArrayList<>();
                while (System.nanoTime() < deadline) {
                    passInfos.clear();
                    try (Trainer tr = new Trainer(TrainableModel.of(model), adapter.flatParameters(), s, 0)) {
                        tr.run(more, passInfos::add, () -> System.nanoTime() >= deadline);
                    }
                    warmSteps += passInfos.size();
                }
                warmSecs = (System.nanoTime() - t0) / 1e9;
                try (Trainer tr = new Trainer(TrainableModel.of(model), adapter.flatParameters(), s, 0)) {
                    tr.run(data.subList(0, steps), warmInfos::add, null);
                }
            }
        } finally {
            if (adapter != null) adapter.close();
        }
        double secs = 0, compute = 0, optim = 0;
        long tokens = 0;
        List<StepInfo> timed = infos.subList(warm, infos.size());
        for (StepInfo i : timed) {
            secs += i.tokens() / i.tokensPerSecond();
            compute += i.computeSeconds();
            optim += i.optimizerSeconds();
            tokens += i.tokens();
        }
        JsonObject o = line(full ? "train_full" : "train_lora");
        o.addProperty("seq_len", seqLen);
        o.addProperty("steps_timed", timed.size());
        o.addProperty("steps_warm_up", warm);
        o.addProperty("tokens_per_s", round(tokens / secs));
        double[] perStep = timed.stream().mapToDouble(StepInfo::tokensPerSecond).toArray();
        o.addProperty("tokens_per_s_median", round(median(perStep)));   // the peer's statistic (median step)
        o.addProperty("last_loss", round(infos.get(infos.size() - 1).loss()));
        o.addProperty("forward_backward_s_per_step", round(compute / timed.size()));
        o.addProperty("optimizer_s_per_step", round(optim / timed.size()));
        mfu(o, 6.0 * params * tokens / secs);
        if (!warmInfos.isEmpty()) {
            o.addProperty("warm_up_steps", warmSteps);
            o.addProperty("warm_up_s", round(warmSecs));
            o.addProperty("tokens_per_s_median_warm", round(median(warmInfos.stream().mapToDouble(StepInfo::tokensPerSecond).toArray())));
        }
        o.addProperty("peak_rss_bytes", ProcMemory.peakRss());
        sink.accept(o);
    }

    public void memory() {
        JsonObject o = line("memory");
        o.addProperty("rss_bytes", ProcMemory.rss());
        o.addProperty("peak_rss_bytes", ProcMemory.peakRss());
        sink.accept(o);
    }

    private void mfu(JsonObject o, double flopsPerSecond) {
        o.addProperty("model_gflops", round(flopsPerSecond / 1e9));
        if (matmulGflops > 0) o.addProperty("share_of_matmul", round(flopsPerSecond / 1e9 / matmulGflops));
    }

    private static long[] randomIds(LlamaModel model, int n, long seed) {
        return new SplittableRandom(seed).longs(n, 0, model.config().vocabSize()).toArray();
    }

    private static JsonObject line(String measure) {
        JsonObject o = new JsonObject();
        o.addProperty("measure", measure);
        return o;
    }

    private static double round(double x) {
        return Math.round(x * 1000.0) / 1000.0;
    }
}
