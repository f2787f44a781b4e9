package org.sealworkbench.jobs;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.JobRecord;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/**
 * Runs any request as its job, and resumes a stopped job from its row in the jobs table. Every job is resumable by
 * lookup: what it finished is in the log (runs, self-edits, rewards, rounds' models) and is found rather than redone,
 * and an import or export that stopped left nothing behind, so running the stored request again in the same row
 * finishes the job.
 */
public final class Jobs {
    private Jobs() {}

    /**
     * Statuses of a job that did not finish: cancelled, failed, interrupted (its process is gone), or still "running"
     * in a row a killed process left behind.
     */
    public static final List<String> STOPPED = List.of("running", "cancelled", "failed", "interrupted");

    /**
     * The status of a job that refused its request as it stands ({@link JobRefusedException}, e.g. a few-shot round whose
     * prompts do not fit the generator's context): not stopped, as running it again is refused again, so it is never
     * offered for resume. Rows of older builds that wrote such a refusal as "failed" become "refused" when resumed once.
     */
    public static final String REFUSED = "refused";

    /** Runs the request's job in a new row of its workspace's jobs table. */
    public static <R> R run(JobRequest<R> request, Progress progress, CancelToken token) {
        return run(request, null, progress, token, RlJob.Watch.NONE);
    }

    @SuppressWarnings("unchecked")
    private static <R> R run(JobRequest<R> request, Long resumeId, Progress progress, CancelToken token, RlJob.Watch watch) {
        Object result;
        if (request instanceof ImportRequest r) result = ImportJob.run(r, resumeId, progress, token);
        else if (request instanceof ExportRequest r) result = ExportJob.run(r, resumeId, progress, token);
        else if (request instanceof GenerationRequest r) result = new GenerationJob(r, resumeId).run(progress, token);
        else if (request instanceof InnerLoopsRequest r) result = InnerLoopBatchJob.run(r, resumeId, progress, token);
        else if (request instanceof EvaluationRequest r) result = new EvaluationJob(r, resumeId).run(progress, token);
        else if (request instanceof RlRequest r) result = new RlJob(r, resumeId, watch).run(progress, token);
        else if (request instanceof FinetuneRequest r) result = new FinetuneJob(r, resumeId).run(progress, token);
        else if (request instanceof PerplexityRequest r) result = PerplexityJob.run(r, resumeId, progress, token);
        else if (request instanceof ContinualRequest r) result = new ContinualJob(r, resumeId).run(progress, token);
        else if (request instanceof ArcRequest r) result = ArcJob.run(r, resumeId, progress, token);
        else if (request instanceof ArcRlRequest r) result = ArcRlJob.run(r, resumeId, progress, token);
        else throw new IllegalArgumentException("no job for " + request.getClass().getSimpleName());
        return (R) result;
    }

    /** The request stored with a job's row; its workspace is the one the row was read from. */
    public static JobRequest<?> requestOf(Path workspace, JobRecord row) {
        if (row.requestJson() == null) {
            throw new IllegalArgumentException(workspace + ": job " + row.id() + " (" + row.kind() + ") was recorded without its "
                    + "request (by an older version, or built from objects); run its command again instead");
        }
        JsonObject o;
        try {
            o = JsonParser.parseString(row.requestJson()).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(workspace + ": job " + row.id() + ": the stored request is not a JSON object", e);
        }
        o.addProperty("workspace", workspace.toString()); // the folder may have moved since the job was recorded
        try {
            return RequestJson.read(row.kind(), o.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(workspace + ": job " + row.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Resumes a stopped job (status running after a kill, cancelled, or failed) from its row alone: reads its request
     * and runs it again in the same row, which ends "done" when it finishes. Returns the job's result.
     */
    public static Object resume(Path workspace, long jobId, Progress progress, CancelToken token) {
        return resume(workspace, jobId, progress, token, RlJob.Watch.NONE);
    }

    /** As {@link #resume(Path, long, Progress, CancelToken)}; an RL job reports its units to {@code watch} and pauses when it asks. */
    public static Object resume(Path workspace, long jobId, Progress progress, CancelToken token, RlJob.Watch watch) {
        JobRecord row;
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            row = log.job(jobId).orElseThrow(() -> new IllegalArgumentException(workspace + ": no job with id " + jobId));
        }
        return resume(workspace, row, progress, token, watch);
    }

    /** As {@link #resume(Path, long, Progress, CancelToken)}, for a row already read from {@code workspace}'s log. */
    public static Object resume(Path workspace, JobRecord row, Progress progress, CancelToken token) {
        return resume(workspace, row, progress, token, RlJob.Watch.NONE);
    }

    private static Object resume(Path workspace, JobRecord row, Progress progress, CancelToken token, RlJob.Watch watch) {
        checkStopped(workspace, row);
        return run(requestOf(workspace, row), row.id(), progress, token, watch);
    }

    /**
     * Refuses to resume a row that did not stop: one that is done, or {@link #REFUSED} (its request would be refused
     * again; the message says what to change).
     */
    static void checkStopped(Path workspace, JobRecord row) {
        if (REFUSED.equals(row.status())) {
            throw new IllegalArgumentException(workspace + ": job " + row.id() + " was refused, and its request would be "
                    + "refused again: " + row.message() + " (run it anew with what the refusal names changed)");
        }
        if (!STOPPED.contains(row.status())) {
            throw new IllegalArgumentException(workspace + ": job " + row.id() + " is " + row.status() + "; only a stopped job is resumed");
        }
    }

    /** The jobs of a workspace that stopped before they finished and can be resumed from their rows, oldest first. */
    public static List<JobRecord> resumable(Path workspace) {
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            return log.jobs().stream().filter(j -> STOPPED.contains(j.status()) && j.requestJson() != null).toList();
        }
    }
}
