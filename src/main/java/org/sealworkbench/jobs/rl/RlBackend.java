package org.sealworkbench.jobs.rl;

import java.nio.file.Path;
import java.util.List;
import org.sealworkbench.jobs.RlJob;
import org.sealworkbench.jobs.RlRequest;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/**
 * What the window's RL form asks of a workspace ({@link RlService} is the real one). Every method reads the log or
 * runs the model, so the window calls them off the FX thread. {@code watch} hears each unit's result on the job's
 * thread and may pause the run between units.
 */
public interface RlBackend {
    /** The files the workspace's passages were imported from (the names the validation and RL sets are chosen by). */
    List<String> passageSets(Path workspace);

    /**
     * The workspace's RL jobs that can be resumed, newest first: for each run's settings (model, settings, split, judge)
     * only its latest job, when that one stopped (cancelled, paused, failed, interrupted). An older stopped job whose
     * settings a later job finished, or still runs, is not among them.
     */
    List<StoppedRl> stopped(Path workspace);

    /** Runs ReST-EM rounds as a new job, as {@code ./seal rl} does with the same request. */
    RlJob.Report run(RlRequest request, RlJob.Watch watch, Progress progress, CancelToken cancel);

    /** Resumes a stopped RL job from its row ({@link org.sealworkbench.jobs.Jobs#resume}); finished units are found, not redone. */
    RlJob.Report resume(Path workspace, long jobId, RlJob.Watch watch, Progress progress, CancelToken cancel);

    /** A stopped RL job: its row's id, status ("cancelled" after a pause or stop), message and the request's rounds. */
    record StoppedRl(long jobId, String status, String message, int rounds) {
        public String label() {
            return "job " + jobId + " (" + status + ", " + rounds + " round" + (rounds == 1 ? "" : "s") + "): " + message;
        }
    }
}
