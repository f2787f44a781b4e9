package org.sealworkbench.cli;

import org.sealworkbench.seal.StoredRuns;
import picocli.CommandLine.Option;

/**
 * {@code --adapter-batch N}: how many inner loops train together as one batch (issue 19), for the commands that run inner
 * loops in bulk (eval, rl). An execution setting: the stored runs are the same for every N, and the settings digest does
 * not include it.
 */
final class AdapterBatchOption {
    @Option(names = "--adapter-batch", paramLabel = "N", defaultValue = "" + StoredRuns.DEFAULT_ADAPTER_BATCH,
            description = "Inner loops trained together as one batch: one frozen base, one LoRA adapter per inner loop, "
                    + "the same stored results as one at a time (1). Memory grows with N (seal-tiny-cpu: about MEMORY per "
                    + "adapter). Default: ${DEFAULT-VALUE}.")
    int adapterBatch = StoredRuns.DEFAULT_ADAPTER_BATCH;

    int value() {
        if (adapterBatch < 1) throw new IllegalArgumentException("--adapter-batch must be at least 1, got " + adapterBatch);
        return adapterBatch;
    }
}
