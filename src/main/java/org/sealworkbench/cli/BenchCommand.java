package org.sealworkbench.cli;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import org.sealworkbench.jobs.InnerLoopBench;
import org.sealworkbench.llm.Benchmark;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.model.ModelConfig;
import org.sealworkbench.llm.model.ModelShapes;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `seal bench`: engine throughput as JSON lines (see {@link Benchmark}). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure matmul GFLOP/s, checkpoint load, prefill, decode (cache on/off, batch 1 and 5), LoRA and full training,"
                + " and SEAL's inner loop (--only inner-loop); one JSON line each.")
final class BenchCommand implements Callable<Integer> {
    static final class Source {
        @Option(names = "--model", description = "Hugging Face checkpoint folder") Path model;
        @Option(names = "--shape", description = "random model of a named shape: tiny, qwen2.5-0.5b, smollm-135m") String shape;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1") Source source;
    @Option(names = "--family", defaultValue = "qwen2", description = "family of a --shape model") String family;
    @Option(names = "--prompt-len", defaultValue = "128") int promptLen;
    @Option(names = "--decode-tokens", defaultValue = "32", description = "decode part: new tokens per call (default ${DEFAULT-VALUE}, as torch_peer.py)") int decodeTokens;
    @Option(names = "--warm-seconds", defaultValue = "8", description = "decode (with the cache) and LoRA parts: after the first figures, run on"
            + " this long and measure again (the *_warm figures: the JIT-compiled steady state of a long run; 0: skip) (default ${DEFAULT-VALUE})")
    double warmSeconds;
    @Option(names = "--train-seq", defaultValue = "256") int trainSeq;
    @Option(names = "--train-steps", defaultValue = "3") int trainSteps;
    @Option(names = "--skip-full", description = "skip full fine-tuning") boolean skipFull;
    @Option(names = "--only", split = ",", description = "run only these parts: load, prefill, decode, lora, full, inner-loop"
            + " (inner-loop is not in the default set)") java.util.Set<String> only;
    @Option(names = "--inner-loops", defaultValue = "15", description = "inner-loop part: timed inner loops (default ${DEFAULT-VALUE})") int innerLoops;
    @Option(names = "--self-edits", description = "inner-loop part: a SEAL self-edit file, or a workspace folder whose model-written self-edits"
            + " are used (from a copy; the workspace is not changed) (default: sample-data/self-edits-example.json)") Path selfEdits;
    @Option(names = "--preset", defaultValue = "seal-tiny-cpu", description = "inner-loop part: settings preset (default ${DEFAULT-VALUE})") String preset;
    @Option(names = "--memory-every", defaultValue = "0", description = "inner-loop part: print resident memory every N inner loops (0: never)") int memoryEvery;
    @Option(names = "--batched-only", description = "inner-loop part: only the batched mode (e.g. many loops to watch memory)") boolean batchedOnly;
    @Option(names = "--adapters", defaultValue = "15", description = "inner-loop part: adapters trained as one batch in the batched mode (default ${DEFAULT-VALUE})") int adapters;

    private boolean part(String name) {
        return only == null ? !name.equals("inner-loop") : only.contains(name);
    }

    private static final java.util.Set<String> PARTS = java.util.Set.of("load", "prefill", "decode", "lora", "full", "inner-loop");

    @Override
    public Integer call() throws Exception {
        if (only != null) {
            for (String p : only) if (!PARTS.contains(p)) throw new IllegalArgumentException("--only: unknown part '" + p + "'; parts: " + new java.util.TreeSet<>(PARTS));
        }
        Path modelDir = source == null ? Path.of(System.getProperty("seal.defaultModel", "assets/models/seal-tiny")) : source.model;
        if (source != null && source.shape != null && part("inner-loop")) {
            throw new IllegalArgumentException("--only inner-loop needs a real checkpoint (--model DIR), not a random --shape: it answers questions with a tokenizer");
        }
        Gson gson = new Gson();
        Benchmark b = new Benchmark(o -> {
            System.out.println(gson.toJson(o));
            System.out.flush();
        });
        JsonObject env = new JsonObject();
        env.addProperty("measure", "environment");
        env.addProperty("device", Devices.describe());
        env.addProperty("mkl_kernels", org.sealworkbench.app.MklCodePath.status());
        env.addProperty("cpus", Runtime.getRuntime().availableProcessors());
        env.addProperty("load_average", Files.readString(Path.of("/proc/loadavg")).trim());
        env.addProperty("omp_wait_policy", System.getenv().getOrDefault("OMP_WAIT_POLICY", "(libgomp default: spin)"));
        env.addProperty("malloc_trim_threshold", System.getenv().getOrDefault("MALLOC_TRIM_THRESHOLD_", "(glibc default)"));
        env.addProperty("malloc_mmap_threshold", System.getenv().getOrDefault("MALLOC_MMAP_THRESHOLD_", "(glibc default)"));
        System.out.println(gson.toJson(env));
        if (only != null && only.equals(java.util.Set.of("inner-loop"))) {
            innerLoops(gson, modelDir);
            b.memory();
            return 0;
        }
        ComputeDevice device = Devices.pick();
        b.matmul(device);
        LlamaModel model;
        if (source == null || source.model != null) {
            model = LlamaModel.load(modelDir, device);
        } else {
            int vocab = ModelShapes.defaultVocab(source.shape);
            ModelConfig cfg = ModelShapes.of(family, source.shape, vocab > 0 ? vocab : 261);
            model = LlamaModel.random(cfg, 1, device);
        }
        try (model) {
            JsonObject m = new JsonObject();
            m.addProperty("measure", "model");
            m.addProperty("source", source == null || source.model != null ? modelDir.toString() : source.shape);
            m.addProperty("parameters", model.config().parameterCount());
            m.addProperty("matmul_parameters", Benchmark.matmulParams(model));
            m.addProperty("threads", Devices.threads());   // after the load fitted them
            System.out.println(gson.toJson(m));
            Path tmp = Files.createTempDirectory("seal-bench");
            try {
                if (part("load")) b.checkpointLoad(model, tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
            if (part("prefill")) b.prefill(model, promptLen);
            if (part("decode")) b.decode(model, Math.min(promptLen, 32), decodeTokens, warmSeconds);
            if (part("lora")) b.training(model, trainSeq, trainSteps, false, warmSeconds);
            if (part("full") && !skipFull) b.training(model, trainSeq, trainSteps, true);
        }
        if (part("inner-loop")) {
            innerLoops(gson, modelDir);
        }
        b.matmul(device);
        b.memory();
        return 0;
    }

    /** The inner-loop part: N inner loops on stored self-edits (see {@link InnerLoopBench}). */
    private void innerLoops(Gson gson, Path modelDir) throws java.io.IOException {
        Path file = selfEdits != null ? selfEdits
                : Path.of(System.getProperty("seal.sampleData", "sample-data")).resolve("self-edits-example.json");
        InnerLoopBench.run(modelDir, file, preset, innerLoops, memoryEvery, adapters, batchedOnly, o -> {
            System.out.println(gson.toJson(o));
            System.out.flush();
        });
    }
}
