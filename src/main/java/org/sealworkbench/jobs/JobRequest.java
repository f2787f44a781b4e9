package org.sealworkbench.jobs;

import java.nio.file.Path;

/**
 * A plain description of one piece of long work: which workspace, which model (a checkpoint folder), which settings,
 * which passages or self-edits, which conditions. A job is built from it alone (it opens the log, the model, the
 * grader and the device itself), and it is stored with the job's row as JSON ({@link RequestJson}), so that a stopped
 * job can be resumed from its row ({@link Jobs#resume}). {@code R} is what the job returns.
 */
public sealed interface JobRequest<R> permits ImportRequest, ExportRequest, GenerationRequest, InnerLoopsRequest,
        EvaluationRequest, RlRequest, FinetuneRequest, PerplexityRequest, ContinualRequest,
        ArcRequest, ArcRlRequest {
    /** The workspace folder (its {@code workspace.db} holds the job's row); null only for a fine-tune not recorded anywhere. */
    Path workspace();

    /** The job's kind in the jobs table. */
    String kind();
}
