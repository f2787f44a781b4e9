package org.sealworkbench.cli;

import org.sealworkbench.seal.StoredRuns;
import picocli.CommandLine.Option;

/**
 * {@code --adapter-batch N}: how many inner loops train together as one batch (issue 19), for the commands that run inner
 * loops in bulk (eval, rl). An execution setting: the stored runs are the same for every N up to float rounding (like the
 * thread count), and the settings digest does not include it. The memory figure: peak resident memory of `SEAL_WORKERS=1 ./seal bench --only inner-loop --batched-only
 * --inner-loops 64 --adapters N` on this 2-core machine (session 13: 554 MiB at 1, 638 at 8, 675 at 16, 793 at 32).
 */
final class AdapterBatchOption {
    @Option(names = "--adapter-batch", paramLabel = "N", defaultValue = "" + StoredRuns.DEFAULT_ADAPTER_BATCH,
            description = "Inner loops trained together as one batch: one frozen base, one LoRA adapter per inner loop, "
                    + "the same runs as one at a time (1) up to float rounding (a few greedy answers of long inner loops may differ, "
                    + "as with another thread count). Memory grows with N: on seal-tiny with the seal-tiny-cpu "
                    + "preset about 8 MB per adapter (peak resident 554 MiB at 1, 675 MiB at 16, 793 MiB at 32), far more on a larger model; "
                    + "batches in flight are kept within 60 %% of the memory available (fewer workers, then smaller batches, with a note). "
                    + "Default: ${DEFAULT-VALUE}.")
    int adapterBatch = StoredRuns.DEFAULT_ADAPTER_BATCH;

    int value() {
        if (adapterBatch < 1) throw new IllegalArgumentException("--adapter-batch must be at least 1, got " + adapterBatch);
        return adapterBatch;
    }
}
