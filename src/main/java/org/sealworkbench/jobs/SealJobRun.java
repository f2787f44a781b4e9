package org.sealworkbench.jobs;

import org.sealworkbench.util.CancelToken;
import com.google.gson.JsonObject;
import java.util.concurrent.CancellationException;
import org.sealworkbench.util.CancelledException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.sealworkbench.util.Progress;
import org.sealworkbench.store.ExperimentLog;

/**
 * What the SEAL jobs share: a row in the jobs table (kind, parameters, status, progress, message), progress to
 * a listener with an ETA, progress written to the row at most once a second (so the GUI can show it from the
 * store), cancellation through the token, and the row's final status: done, cancelled, refused or failed. Everything
 * the work computed before a cancel or a failure stays stored; re-running the same job resumes it.
 */
final class SealJobRun {
    private static final long DB_INTERVAL_NANOS = 1_000_000_000L;

    private final ExperimentLog log;
    private final long jobId;
    private final ProgressMeter progress;
    private long lastDbNanos;
    private double lastFraction;

    SealJobRun(ExperimentLog log, String kind, JsonObject params, Progress listener) {
        this(log, kind, params, listener, null, null);
    }

    /** A run recorded with its request, in a new row or (resumeId not null) in the stopped job's row. */
    SealJobRun(ExperimentLog log, String kind, JsonObject params, Progress listener, JobRequest<?> request, Long resumeId) {
        this.log = log;
        this.progress = new ProgressMeter(listener);
        try (ExperimentLog.Registration waiting = log.onWriteWait(
                ms -> progress.report(0, -1, ExperimentLog.waitingMessage(ms), true))) {
            this.jobId = JobRow.open(log, kind, params, request, resumeId);
        }
    }

    long jobId() {
        return jobId;
    }

    Progress progress() {
        return (done, total, message) -> {
            progress.report(done, total, message, false);
            long now = System.nanoTime();
            if (total > 0) lastFraction = Math.min(1.0, done / (double) total);
            if (now - lastDbNanos >= DB_INTERVAL_NANOS) {
                lastDbNanos = now;
                log.updateJob(jobId, "running", lastFraction, message);
            }
        };
    }

    /** Runs the work; {@code summary} words its result for the job row and the listener. */
    <T> T run(Function<BooleanSupplier, T> work, CancelToken token, Function<T, String> summary) {
        progress.report(0, -1, "starting", true);
        T result;
        try {
            try (ExperimentLog.Registration waiting = log.onWriteWait(ms -> {
                token.throwIfCancelled();
                progress.report(0, -1, ExperimentLog.waitingMessage(ms), true);
            })) {
                result = work.apply(token::isCancelled);
            }
        } catch (CancellationException | CancelledException e) {
            boolean paused = org.sealworkbench.seal.RestEm.PAUSED.equals(e.getMessage());
            String msg = paused ? "paused after the unit in flight; what was finished is stored, resume to go on"
                    : "cancelled; what was finished is stored, run the same command again to resume";
            log.endJob(jobId, "cancelled", lastFraction, msg);
            throw new JobCancelledException(msg);
        } catch (org.sealworkbench.util.Refusal e) {
            // refused as the request stands (e.g. a passage longer than the model's context): the same request is refused
            // again, so the row is "refused" and not offered for resume; the refusal goes on as it is
            log.endJob(jobId, Jobs.REFUSED, lastFraction, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            String msg = (e.getMessage() == null ? e.toString() : e.getMessage()) + " (what was finished is stored)";
            // endJob, not updateJob: when the failure is a full disk, the row cannot be written either, and the
            // failure, not that, is what the user must read.
            log.endJob(jobId, "failed", lastFraction, msg);
            throw new JobFailedException(msg, e);
        }
        String s = summary.apply(result);
        log.updateJob(jobId, "done", 1.0, s);
        progress.report(1, 1, s, true);
        return result;
    }
}
