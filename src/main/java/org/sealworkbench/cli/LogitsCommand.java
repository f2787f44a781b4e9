package org.sealworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints the model's logits for a sequence of token ids, one row of vocabulary size per position. */
@Command(name = "logits", mixinStandardHelpOptions = true,
        description = "Print {\"logits\": [[...], ...]} (one row of vocab-size floats per input position) for token ids.")
final class LogitsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", defaultValue = ModelDefaults.DEFAULT_MODEL,
            description = "Hugging Face checkpoint folder (default: the bundled seal-tiny).")
    Path model;

    @Option(names = "--ids", required = true, description = "comma-separated token ids, e.g. 1,2,3")
    String ids;

    @Option(names = "--adapter", description = "PEFT LoRA adapter folder")
    Path adapter;

    @Override
    public Integer call() {
        try (CliModel m = CliModel.open(model, adapter, false)) {
            int[] tokens = CliModel.parseIds(ids, m.model.config().vocabSize());
            float[] logits = m.model.logitsOf(tokens);
            int v = m.model.config().vocabSize();
            PrintWriter out = spec.commandLine().getOut();
            StringBuilder sb = new StringBuilder(logits.length * 12);
            sb.append("{\"logits\": [");
            for (int t = 0; t < tokens.length; t++) {
                sb.append(t == 0 ? "[" : ", [");
                for (int j = 0; j < v; j++) {
                    if (j > 0) sb.append(", ");
                    float x = logits[t * v + j];
                    if (!Float.isFinite(x)) throw new IllegalStateException("non-finite logit at position " + t + ", token " + j);
                    sb.append(x);
                }
                sb.append(']');
            }
            sb.append("]}");
            out.println(sb);
            out.flush();
        }
        return 0;
    }
}
