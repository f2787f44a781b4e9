package org.sealworkbench.jobs.rl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.sealworkbench.jobs.JobRequest;
import org.sealworkbench.jobs.Jobs;
import org.sealworkbench.jobs.RlJob;
import org.sealworkbench.jobs.RlRequest;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.JobRecord;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/** The real {@link RlBackend}: the workspace's log for the lists, {@link RlJob} and {@link Jobs#resume} for the work. */
public final class RlService implements RlBackend {
    @Override
    public List<String> passageSets(Path workspace) {
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            return log.passageSources();
        }
    }

    @Override
    public List<StoppedRl> stopped(Path workspace) {
        List<StoppedRl> out = new ArrayList<>();
        for (JobRecord j : Jobs.resumable(workspace)) {
            if (!RlRequest.KIND.equals(j.kind())) continue;
            int rounds;
            try {
                JobRequest<?> r = Jobs.requestOf(workspace, j);
                rounds = ((RlRequest) r).settings().rl().rounds();
            } catch (RuntimeException e) {
                continue; // a row this build cannot read back is not offered for resuming
            }
            out.add(new StoppedRl(j.id(), j.status(), j.message() == null ? "" : j.message(), rounds));
        }
        Collections.reverse(out);
        return out;
    }

    @Override
    public RlJob.Report run(RlRequest request, RlJob.Watch watch, Progress progress, CancelToken cancel) {
        return new RlJob(request, watch).run(progress, cancel);
    }

    @Override
    public RlJob.Report resume(Path workspace, long jobId, RlJob.Watch watch, Progress progress, CancelToken cancel) {
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            JobRecord row = log.job(jobId).orElseThrow(() -> new IllegalArgumentException(workspace + ": no job with id " + jobId));
            if (!RlRequest.KIND.equals(row.kind())) {
                throw new IllegalArgumentException(workspace + ": job " + jobId + " is a " + row.kind() + " job, not an RL job");
            }
        }
        return (RlJob.Report) Jobs.resume(workspace, jobId, progress, cancel, watch);
    }
}
