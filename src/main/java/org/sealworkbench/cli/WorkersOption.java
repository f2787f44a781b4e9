package org.sealworkbench.cli;

import picocli.CommandLine.Option;

/**
 * {@code --workers N}: how many batches (of inner loops, of self-edit samples) compute side by side, each on a worker
 * thread with a replica of the model (issue 19), for the commands that run inner loops in bulk (eval, rl). An execution
 * setting like {@code --adapter-batch}: which worker computes a batch changes nothing stored, and the settings digest
 * does not include it. Unset: {@code SEAL_WORKERS}, else one per core the model's own PyTorch threads leave free.
 */
final class WorkersOption {
    @Option(names = "--workers", paramLabel = "N",
            description = "Batches computed side by side, each on a worker thread with a replica of the model (the same "
                    + "weights, its own adapters); memory per batch times N. Default: SEAL_WORKERS, else one per core the "
                    + "model's PyTorch threads leave free (2 for seal-tiny on 2 cores, 1 for a 0.5B model, 1 on a GPU).")
    Integer workers;

    /** 0: automatic. */
    int value() {
        if (workers == null) return 0;
        if (workers < 1) throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
        return workers;
    }
}
