package org.sealworkbench.cli;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
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
        description = "Measure matmul GFLOP/s, checkpoint load, prefill, decode (cache on/off, batch 1 and 5), LoRA and full training; one JSON line each.")
final class BenchCommand implements Callable<Integer> {
    static final class Source {
        @Option(names = "--model", description = "Hugging Face checkpoint folder") Path model;
        @Option(names = "--shape", description = "random model of a named shape: tiny, qwen2.5-0.5b, smollm-135m") String shape;
    }

    @ArgGroup(exclusive = true, multiplicity = "1") Source source;
    @Option(names = "--family", defaultValue = "qwen2", description = "family of a --shape model") String family;
    @Option(names = "--prompt-len", defaultValue = "128") int promptLen;
    @Option(names = "--decode-tokens", defaultValue = "16") int decodeTokens;
    @Option(names = "--train-seq", defaultValue = "256") int trainSeq;
    @Option(names = "--train-steps", defaultValue = "3") int trainSteps;
    @Option(names = "--skip-full", description = "skip full fine-tuning") boolean skipFull;
    @Option(names = "--only", split = ",", description = "run only these parts: load, prefill, decode, lora, full") java.util.Set<String> only;

    private boolean part(String name) {
        return only == null || only.contains(name);
    }

    @Override
    public Integer call() throws Exception {
        Gson gson = new Gson();
        Benchmark b = new Benchmark(o -> {
            System.out.println(gson.toJson(o));
            System.out.flush();
        });
        JsonObject env = new JsonObject();
        env.addProperty("measure", "environment");
        env.addProperty("device", Devices.describe());
        env.addProperty("cpus", Runtime.getRuntime().availableProcessors());
        env.addProperty("load_average", Files.readString(Path.of("/proc/loadavg")).trim());
        env.addProperty("omp_wait_policy", System.getenv().getOrDefault("OMP_WAIT_POLICY", "(libgomp default: spin)"));
        System.out.println(gson.toJson(env));
        ComputeDevice device = Devices.pick();
        b.matmul(device);
        LlamaModel model;
        if (source.model != null) {
            model = LlamaModel.load(source.model, device);
        } else {
            int vocab = ModelShapes.defaultVocab(source.shape);
            ModelConfig cfg = ModelShapes.of(family, source.shape, vocab > 0 ? vocab : 261);
            model = LlamaModel.random(cfg, 1, device);
        }
        try (model) {
            JsonObject m = new JsonObject();
            m.addProperty("measure", "model");
            m.addProperty("source", source.model != null ? source.model.toString() : source.shape);
            m.addProperty("parameters", model.config().parameterCount());
            m.addProperty("matmul_parameters", Benchmark.matmulParams(model));
            System.out.println(gson.toJson(m));
            Path tmp = Files.createTempDirectory("seal-bench");
            try {
                if (part("load")) b.checkpointLoad(model, tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
            if (part("prefill")) b.prefill(model, promptLen);
            if (part("decode")) b.decode(model, Math.min(promptLen, 32), decodeTokens);
            if (part("lora")) b.training(model, trainSeq, trainSteps, false);
            if (part("full") && !skipFull) b.training(model, trainSeq, trainSteps, true);
        }
        b.matmul(device);
        b.memory();
        return 0;
    }
}
