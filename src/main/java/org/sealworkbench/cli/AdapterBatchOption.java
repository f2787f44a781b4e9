package org.sealworkbench.cli;

import org.sealworkbench.seal.StoredRuns;
import picocli.CommandLine.Option;

/**
 * {@code --adapter-batch N}: how many inner loops train together as one batch (issue 19), for the commands that run inner
 * loops in bulk (eval, rl). An execution setting: the stored runs are the same for every N up to float rounding (like the
 * thread count), and the settings digest does not include it. The memory figure: peak resident memory of `./seal bench --only inner-loop --adapters N --inner-loops 2N
 * --memory-every N` on this 2-core machine (issue 19; 448 MB at 1, 816 MB at 4, 1568 MB at 16, 2871 MB at 32: 75-80 MB more
 * per adapter from 16 on).
 */
final class AdapterBatchOption {
    @Option(names = "--adapter-batch", paramLabel = "N", defaultValue = "" + StoredRuns.DEFAULT_ADAPTER_BATCH,
            description = "Inner loops trained together as one batch: one frozen base, one LoRA adapter per inner loop, "
                    + "the same runs as one at a time (1) up to float rounding (a few greedy answers of long inner loops may differ, "
                    + "as with another thread count). Memory grows with N: on seal-tiny with the seal-tiny-cpu "
                    + "preset about 80 MB per adapter (peak resident 0.45 GB at 1, 1.6 GB at 16, 2.9 GB at 32). "
                    + "Default: ${DEFAULT-VALUE}.")
    int adapterBatch = StoredRuns.DEFAULT_ADAPTER_BATCH;

    int value() {
        if (adapterBatch < 1) throw new IllegalArgumentException("--adapter-batch must be at least 1, got " + adapterBatch);
        return adapterBatch;
    }
}
