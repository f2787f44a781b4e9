package org.sealworkbench.jobs.history;

import java.util.List;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/** What the History tab reads and does; {@link HistoryService} on a workspace, tests may hand in their own. */
public interface HistoryBackend {
    /** Every inner-loop run, one row per run and grader: the rows of {@code seal runs}. */
    List<RunRow> runs(CancelToken cancel);

    /** One run's settings, seed, loss curve and answers. */
    RunDetail detail(long runId);

    /** The workspace's jobs, newest first, after marking the rows of dead processes interrupted. */
    List<JobItem> jobs();

    /** Resumes a stopped job from its stored request ({@code Jobs.resume}); long, run it as a job. */
    Object resume(long jobId, Progress progress, CancelToken cancel);
}
