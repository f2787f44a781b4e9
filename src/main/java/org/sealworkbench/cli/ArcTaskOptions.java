package org.sealworkbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options {@code seal arc} and {@code seal arc-rl} share: which tasks of the file, how a self-edit is sampled and
 * run (the inner loop's fixed recipe), and the seed. Each command keeps its own {@code --tasks} and {@code --model},
 * whose meaning differs (tasks to evaluate or to train on; the model to adapt or the generator a round starts from).
 */
final class ArcTaskOptions {
    @Option(names = "--solutions", paramLabel = "FILE",
            description = "The solutions of a challenges file (default: the file named …solutions… beside it, if any).")
    Path solutions;

    @Option(names = "--task", paramLabel = "ID", split = ",", description = "Only these tasks (ids, comma-separated).")
    List<String> taskIds = new ArrayList<>();

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "At most N tasks (0: all).")
    int limit;

    @Option(names = "--distinct", description = "Drop a sampled config equal to one already kept for the task.")
    boolean distinct;

    @Option(names = "--preset", defaultValue = "tiny-cpu", paramLabel = "NAME",
            description = "The inner loop's fixed recipe: tiny-cpu (SEAL's, with at most 24 training texts) or reference "
                    + "(SEAL's: 250).")
    String preset;

    @Option(names = "--max-examples", defaultValue = "0", paramLabel = "N",
            description = "Training texts per self-edit (0: the preset's).")
    int maxExamples;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Seed (SEAL: 0).")
    long seed;

    @Option(names = "--self-edit-tokens", defaultValue = "0", paramLabel = "N",
            description = "New tokens a sampled self-edit may take (0: SEAL's 128, which holds a config in Llama 3's tokens; "
                    + "seal-tiny's tokenizer needs about 150). Give `seal arc` the same as `seal arc-rl` when it evaluates "
                    + "a round's model.")
    int selfEditTokens;
}
