package org.sealworkbench.jobs;

import java.nio.file.Path;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.seal.StoredRuns;

/**
 * ReST-EM rounds from the model in {@code model} ({@code settings.rl()} says how many and how big; see {@link RlJob}).
 *
 * @param judge the LLM judge's checkpoint when the settings' grader is llm_judge; else null
 * @param adapterBatch how many of a passage's inner loops train together as one batch (1: one at a time); an execution
 *              setting that changes stored results only by float rounding. 0 (also what a stored request from before this field reads as):
 *              the default, {@link StoredRuns#DEFAULT_ADAPTER_BATCH}
 * @param workers how many batches compute side by side, each on a worker thread with a replica of the model (memory
 *              per batch times this); an execution setting like the adapter batch. 0 (also what a stored request from
 *              before this field reads as): automatic, {@code Devices.workers}
 */
public record RlRequest(Path workspace, Path model, SealSettings settings, PassageSplit split, Path judge, int adapterBatch,
                        int workers)
        implements JobRequest<RlJob.Report> {
    public static final String KIND = "rl";

    public RlRequest {
        if (workspace == null || model == null || settings == null || split == null) {
            throw new IllegalArgumentException("RL needs a workspace, a model, settings and a validation split");
        }
        if (adapterBatch < 0) throw new IllegalArgumentException("the adapter batch must be at least 1, got " + adapterBatch);
        if (adapterBatch == 0) adapterBatch = StoredRuns.DEFAULT_ADAPTER_BATCH;
        if (workers < 0) throw new IllegalArgumentException("workers must be at least 1 (or 0: automatic), got " + workers);
    }

    /** With automatic workers. */
    public RlRequest(Path workspace, Path model, SealSettings settings, PassageSplit split, Path judge, int adapterBatch) {
        this(workspace, model, settings, split, judge, adapterBatch, 0);
    }

    /** With the default adapter batch and automatic workers. */
    public RlRequest(Path workspace, Path model, SealSettings settings, PassageSplit split, Path judge) {
        this(workspace, model, settings, split, judge, 0, 0);
    }

    @Override
    public String kind() {
        return KIND;
    }
}
