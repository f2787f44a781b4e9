package org.sealworkbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.llm.model.ModelConfig;
import org.sealworkbench.llm.io.RandomCheckpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes a random checkpoint folder with a byte-level tokenizer, for trying the CLI without a download. */
@Command(name = "make-random-model", mixinStandardHelpOptions = true,
        description = "Write a random Hugging Face checkpoint (config, safetensors, tokenizer) to a folder.")
final class MakeRandomModelCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, description = "folder to write")
    Path out;

    @Option(names = "--family", required = true, description = "llama or qwen2")
    String family;

    @Option(names = "--shape", defaultValue = "tiny", description = "tiny, qwen2.5-0.5b or smollm-135m (default ${DEFAULT-VALUE})")
    String shape;

    @Option(names = "--seed", defaultValue = "0", description = "weights seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--dtype", defaultValue = "F32", description = "F32, BF16 or F16 (default ${DEFAULT-VALUE})")
    String dtype;

    @Override
    public Integer call() throws Exception {
        if (!family.equals("llama") && !family.equals("qwen2")) {
            throw new IllegalArgumentException("--family must be llama or qwen2, got \"" + family + "\"");
        }
        if (!dtype.equals("F32") && !dtype.equals("BF16") && !dtype.equals("F16")) {
            throw new IllegalArgumentException("--dtype must be F32, BF16 or F16, got \"" + dtype + "\"");
        }
        ModelConfig cfg = RandomCheckpoint.write(out, family, shape, seed, dtype, Devices.pick());
        spec.commandLine().getOut().printf("wrote %s: %s %s, %,d parameters, vocabulary %d, %s%n",
                out, family, shape, cfg.parameterCount(), cfg.vocabSize(), dtype);
        return 0;
    }
}
