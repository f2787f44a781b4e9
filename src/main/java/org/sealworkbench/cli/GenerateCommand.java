package org.sealworkbench.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sealworkbench.llm.tokenizer.ChatMessage;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.llm.generation.Generation;
import org.sealworkbench.llm.generation.GenerationOptions;
import org.sealworkbench.llm.generation.Generator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Generates a continuation of a prompt (text or token ids) and prints it, or its ids and text as JSON. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate text from a checkpoint. Greedy unless --temperature > 0.")
final class GenerateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", defaultValue = ModelDefaults.DEFAULT_MODEL,
            description = "Hugging Face checkpoint folder (default: the bundled seal-tiny).")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--prompt", description = "prompt text (BOS added when the model expects it)")
        String prompt;

        @Option(names = "--ids", description = "prompt as comma-separated token ids")
        String ids;
    }

    @Option(names = "--max-new", defaultValue = "64", description = "maximum new tokens (default ${DEFAULT-VALUE})")
    int maxNew;

    @Option(names = "--temperature", defaultValue = "0", description = "0 = greedy (default ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--top-p", defaultValue = "1", description = "nucleus sampling mass, 1 = off (default ${DEFAULT-VALUE})")
    double topP;

    @Option(names = "--top-k", defaultValue = "0", description = "keep the k most likely tokens, 0 = off (default ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--seed", defaultValue = "0", description = "sampling seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--stop", description = "stop string (repeatable)")
    List<String> stops = new ArrayList<>();

    @Option(names = "--chat", description = "wrap --prompt as a user message with the model's chat template")
    boolean chat;

    @Option(names = "--adapter", description = "PEFT LoRA adapter folder")
    Path adapter;

    @Option(names = "--json", description = "print {\"ids\": [...], \"text\": \"...\"} with the generated ids only")
    boolean json;

    @Option(names = "--verbose", description = "print the device and natives in use on stderr")
    boolean verbose;

    @Override
    public Integer call() {
        GenerationOptions opts = new GenerationOptions(maxNew, temperature, topK, topP, seed, stops, null, true);
        if (verbose) spec.commandLine().getErr().println("seal generate: " + Devices.describe());
        try (CliModel m = CliModel.open(model, adapter, input.prompt != null)) {
            int[] prompt;
            if (input.prompt != null) {
                prompt = chat ? m.tokenizer.encodeChat(List.of(ChatMessage.user(input.prompt)), true) : m.tokenizer.encode(input.prompt);
            } else {
                if (chat) throw new IllegalArgumentException("--chat needs --prompt");
                prompt = CliModel.parseIds(input.ids, m.model.config().vocabSize());
            }
            PrintWriter out = spec.commandLine().getOut();
            Generator gen = new Generator(m.model, m.tokenizer);
            long start = System.nanoTime();
            Generation g = gen.generate(List.of(prompt), opts, json ? null : (row, tok, delta) -> {
                out.print(delta);
                out.flush();
            }).get(0);
            double secs = (System.nanoTime() - start) / 1e9;
            if (json) {
                JsonObject o = new JsonObject();
                JsonArray ids = new JsonArray();
                for (int id : g.tokens()) ids.add(id);
                o.add("ids", ids);
                o.addProperty("text", g.text());
                Gson gson = new GsonBuilder().disableHtmlEscaping().create();
                out.println(gson.toJson(o));
            } else {
                out.println();
            }
            out.flush();
            if (g.finish() == Generation.Finish.CONTEXT) {
                // said whatever --verbose: the text ends there because the model can read no further, not because it ended
                spec.commandLine().getErr().printf("seal generate: %s after %d prompt + %d new tokens (asked for up to %d new)%n",
                        Generation.contextFull(m.model.config().maxPositionEmbeddings()), prompt.length, g.tokens().length, maxNew);
            }
            if (verbose) {
                spec.commandLine().getErr().printf("seal generate: %d prompt + %d new tokens in %.2f s (%.2f tokens/s), finish %s%n",
                        prompt.length, g.tokens().length, secs, g.tokens().length / secs, g.finish());
            }
        }
        return 0;
    }
}
