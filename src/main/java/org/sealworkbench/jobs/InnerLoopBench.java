package org.sealworkbench.jobs;

import com.google.gson.JsonObject;
import org.sealworkbench.llm.Benchmark;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.llm.OpenArrays;
import org.sealworkbench.llm.ProcMemory;
import org.sealworkbench.seal.InnerLoop;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.SealModel;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.seal.StoredRuns;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.PassageSummary;
import org.sealworkbench.store.SelfEditRecord;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.FileTrees;
import org.sealworkbench.util.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * SEAL's real unit of work as a benchmark (issue 19): N inner loops of the seal-tiny-cpu preset (or any preset)
 * on stored self-edits, exactly as an evaluation runs them: a temporary workspace, the self-edits file imported
 * into it, then {@link InnerLoop#run} per (self-edit, seed), which writes its run, steps, answers and grades to the
 * log. Reports inner loops per minute and where the time went (training, answering, the rest: sequences, store,
 * grading), and resident memory as the loops go (memory must stay flat).
 *
 * <p>Two modes, one line each: one at a time ({@link InnerLoop#run}), and batched ({@link InnerLoop#runBatched}: the same
 * inner loops, {@code adapters} at a time, trained as one batch of stacked adapters and answered in one decoding batch).
 */
public final class InnerLoopBench {
    private InnerLoopBench() {}

    /**
     * Runs {@code n} timed inner loops (after one untimed warm-up) of {@code preset} with the model at {@code model} on
     * the self-edits in {@code selfEdits} (SEAL's self-edit JSON, e.g. sample-data/self-edits-example.json, or a workspace
     * folder, whose model-written self-edits are used from a copy of its store), cycling
     * through them with a fresh seed each time; a memory line every {@code memoryEvery} loops (0: none).
     */
    public static void run(Path model, Path selfEdits, String preset, int n, int memoryEvery, Consumer<JsonObject> sink) throws IOException {
        run(model, selfEdits, preset, n, memoryEvery, DEFAULT_ADAPTERS, sink);
    }

    /** Adapters trained together per batch in the batched mode when not told otherwise. */
    public static final int DEFAULT_ADAPTERS = 15;

    /**
     * As above; the batched mode ({@link InnerLoop#runBatched}) runs the same n inner loops in batches of
     * {@code adapters}.
     */
    public static void run(Path model, Path selfEdits, String preset, int n, int memoryEvery, int adapters, Consumer<JsonObject> sink)
            throws IOException {
        run(model, selfEdits, preset, n, memoryEvery, adapters, false, sink);
    }

    /** As above; {@code batchedOnly} leaves out the one-at-a-time mode (e.g. 1,000 batched loops to watch memory). */
    public static void run(Path model, Path selfEdits, String preset, int n, int memoryEvery, int adapters, boolean batchedOnly,
                           Consumer<JsonObject> sink) throws IOException {
        if (n < 1) throw new IllegalArgumentException("--inner-loops must be at least 1, got " + n);
        SealSettings settings = Presets.byName(preset);
        Path ws = Files.createTempDirectory("seal-bench-ws");
        boolean fromWorkspace = Files.isDirectory(selfEdits);
        try {
            if (fromWorkspace) {
                // a workspace's own model-written self-edits (e.g. seal-tiny's on its world): the store copied, never changed
                Path db = selfEdits.resolve(ExperimentLog.DB_FILE);
                if (!Files.isRegularFile(db)) throw new IllegalArgumentException(selfEdits + ": not a workspace (no " + ExperimentLog.DB_FILE + ")");
                for (String suffix : new String[] {"", "-wal"}) {
                    Path f = selfEdits.resolve(ExperimentLog.DB_FILE + suffix);
                    if (Files.isRegularFile(f)) Files.copy(f, ws.resolve(f.getFileName()));
                }
            } else {
                ImportJob.run(new ImportRequest(ws, selfEdits, null), Progress.none(), new CancelToken());
            }
            try (ExperimentLog log = ExperimentLog.open(ws);
                 SealModel sm = SealModel.open(model, log, Devices.pick())) {
                List<SelfEditRecord> edits = new ArrayList<>();
                for (PassageSummary p : log.passages()) {
                    for (SelfEditRecord e : log.selfEdits(p.id())) if (!fromWorkspace || e.author() == AuthorKind.MODEL) edits.add(e);
                }
                if (edits.isEmpty()) {
                    throw new IllegalArgumentException(selfEdits + (fromWorkspace ? ": no model-written self-edits in this workspace"
                            : ": no self-edits in this file (a SEAL self-edit file has \"completions\")"));
                }
                InnerLoop inner = new InnerLoop(log, sm, settings, JobGrader.open(settings, null, log, new ArrayList<>()));
                sink.accept(Benchmark.matmulAtModelShapes(sm.model(), adapters * 40));
                CancelToken never = new CancelToken();
                if (!batchedOnly) {
                    inner.run(spec(edits, 0, -1), never);                   // warm-up: JIT, allocator, tables
                    measure(inner, sm, settings, edits, n, 1, memoryEvery, sink);
                }
                StoredRuns stored = new StoredRuns(log);
                List<InnerLoop.Spec> warm = new ArrayList<>();
                for (int i = 0; i < 2 * inner.workers(); i++) warm.add(spec(edits, i, -1 - i));
                stored.orRunAll(inner, warm, Math.max(2, adapters), never, StoredRuns.Batches.NONE);   // warm-up of the batched path
                measure(inner, sm, settings, edits, n, Math.max(1, adapters), memoryEvery, sink);
            }
        } finally {
            FileTrees.deleteTree(ws);
        }
    }

    /** n timed inner loops, one at a time ({@code adapters} 1) or in batches of {@code adapters}; one line, memory lines as they go. */
    private static void measure(InnerLoop inner, SealModel sm, SealSettings settings, List<SelfEditRecord> edits, int n, int adapters,
                                int memoryEvery, Consumer<JsonObject> sink) {
        String mode = adapters == 1 ? "one_at_a_time" : "batched";
        CancelToken never = new CancelToken();
        StoredRuns stored = new StoredRuns(inner.log());
        int workers = adapters == 1 ? 1 : inner.workers();
        long tokens = 0;                                  // counted before the clock starts: it tokenizes every loop's sequences
        for (int i = 0; i < n; i++) tokens += inner.trainTokens(spec(edits, i, 0));
        InnerLoop.Timing before = inner.timing();
        long rss0 = ProcMemory.rss();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        int steps = 0;
        List<String> notes = new ArrayList<>();
        int nextMemory = memoryEvery;
        // one at a time: each loop on its own; batched: as an evaluation runs them (StoredRuns.orRunAll: batches of similar
        // plan length, `workers` side by side), in chunks of memoryEvery loops when memory lines are asked for
        int chunk = adapters == 1 ? 1 : memoryEvery > 0 ? Math.max(memoryEvery, adapters) : n;
        for (int i = 0; i < n; i += chunk) {
            if (adapters == 1) {
                steps += inner.run(spec(edits, i, i), never).steps();
            } else {
                List<InnerLoop.Spec> specs = new ArrayList<>();
                // seeds of their own: the one-at-a-time mode's runs are stored "done" in this log and would be reused
                for (int j = i; j < Math.min(n, i + chunk); j++) specs.add(spec(edits, j, BATCHED_SEEDS + j));
                for (InnerLoop.Outcome o : stored.orRunAll(inner, specs, adapters, never, new StoredRuns.Batches() {
                    @Override
                    public void note(String message) {
                        notes.add(message);                // batches cut to fit memory: the line says so
                    }
                })) {
                    steps += o.steps();
                }
            }
            int done = Math.min(n, i + chunk);
            if (memoryEvery > 0 && done >= nextMemory) {
                nextMemory = (done / memoryEvery + 1) * memoryEvery;
                JsonObject m = line("inner_loop_memory");
                m.addProperty("mode", mode);
                m.addProperty("inner_loops_done", done);
                m.addProperty("rss_bytes", ProcMemory.rss());
                m.addProperty("rss_growth_bytes", ProcMemory.rss() - rss0);
                m.addProperty("open_arrays", OpenArrays.count(sm.model().manager()));   // deterministic: must not grow
                sink.accept(m);
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpuSecs = (processCpuNanos() - cpu0) / 1e9;
        InnerLoop.Timing t = inner.timing().minus(before);
        JsonObject o = line("inner_loop");
        o.addProperty("mode", mode);
        o.addProperty("adapters", adapters);
        o.addProperty("workers", workers);
        o.addProperty("preset", settings.preset());
        o.addProperty("inner_loops", n);
        o.addProperty("self_edits", edits.size());
        o.addProperty("optimizer_steps", steps);
        o.addProperty("seconds", round(secs));
        o.addProperty("inner_loops_per_minute", round(n * 60.0 / secs));
        // CPU time of the whole process (all threads): on a shared machine it moves far less than wall time
        o.addProperty("cpu_s", round(cpuSecs));
        o.addProperty("inner_loops_per_cpu_minute", round(n * 60.0 / cpuSecs));
        o.addProperty("train_s", round(t.trainNanos() / 1e9));
        o.addProperty("answer_s", round(t.answerNanos() / 1e9));
        // tokens trained on (padding left out) per second of training; with workers, per second of one worker's training
        o.addProperty("train_tokens", tokens);
        o.addProperty("train_tokens_per_s", round(tokens / (t.trainNanos() / 1e9)));
        // a LoRA fine-tune of a frozen base: 2 x matmul params per token forward, 2 x for the input gradients backward
        // (no weight gradients); LoRA's own and attention's products left out. Set it against the matmul_fp32 line
        o.addProperty("train_gflops", round(4.0 * Benchmark.matmulParams(sm.model()) * tokens / (t.trainNanos() / 1e9) / 1e9));
        // with workers, training and answering overlap: their seconds are summed over the workers and can exceed the wall
        // time, so "the rest" is only said for one worker
        if (workers == 1) o.addProperty("other_s", round(secs - (t.trainNanos() + t.answerNanos()) / 1e9));
        o.addProperty("rss_bytes", ProcMemory.rss());
        o.addProperty("peak_rss_bytes", ProcMemory.peakRss());
        if (adapters > 1) {
            // what the adapter batch's memory bound assumes per adapter (StoredRuns.orRunAll), to set against the resident memory
            List<InnerLoop.Spec> all = new ArrayList<>();
            for (int i = 0; i < n; i++) all.add(spec(edits, i, 0));
            o.addProperty("memory_per_adapter_estimate_bytes", inner.memoryPerAdapter(all));
            if (!notes.isEmpty()) o.addProperty("memory_note", String.join("; ", new java.util.LinkedHashSet<>(notes)));
        }
        sink.accept(o);
    }

    private static final long BATCHED_SEEDS = 1L << 32;

    /** Loop i: self-edit i mod count, seed from the index (warm-up: -1), as repeats of an evaluation would vary it. */
    private static InnerLoop.Spec spec(List<SelfEditRecord> edits, int i, long seed) {
        SelfEditRecord e = edits.get(Math.floorMod(i, edits.size()));
        return new InnerLoop.Spec(null, e.passageId(), e.id(), e.text(), "bench", 1000 + seed);
    }

    /** CPU time used by this process so far (user + system, all threads), or 0 when the JVM cannot say. */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
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
