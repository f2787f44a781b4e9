package org.sealworkbench.jobs.history;

import java.util.List;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/** What the History tab reads and does; {@link HistoryService} on a workspace, tests may hand in their own. */
public interface HistoryBackend {
    /**
     * Every run: each inner-loop run, one row per run and grader, then each few-shot (ARC) run (kind {@link
     * RunRow#FEW_SHOT}): the rows of {@code seal runs}.
     */
    List<RunRow> runs(CancelToken cancel);

    /** One inner-loop run's settings, seed, loss curve and answers. */
    RunDetail detail(long runId);

    /**
     * One few-shot run's task, self-edit, training and attempts ({@code arcRunId}: a row's {@code runId} where {@link
     * RunRow#fewShot()}). A backend whose {@link #runs} lists no few-shot run is never asked; by default it says so.
     */
    default ArcRunDetail arcDetail(long arcRunId) {
        throw new UnsupportedOperationException("this history lists no few-shot runs (asked for few-shot run "
                + org.sealworkbench.jobs.charts.ChartsData.RunId.fewShot(arcRunId) + ")");
    }

    /**
     * The workspace's jobs, newest first, after marking the rows of dead processes interrupted; a stopped job with its
     * request is resumable (an RL job only when it is the latest of its settings, as the ReST-EM window offers it).
     */
    List<JobItem> jobs();

    /** Resumes a stopped job from its stored request ({@code Jobs.resume}); long, run it as a job. */
    Object resume(long jobId, Progress progress, CancelToken cancel);
}
