package org.sealworkbench.jobs;

import org.sealworkbench.util.Counts;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.seal.InnerLoop;
import org.sealworkbench.seal.RestEm;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/**
 * ReST-EM rounds as a job (see {@link RestEm}), built from its request: it opens the workspace's log, the grader and
 * the device itself. Running the same request again (or {@link Jobs#resume}) resumes where it stopped.
 */
public final class RlJob {
    /** The rounds done (a round already done before this run has no passages), the timing and reuse of this run. */
    public record Report(List<RestEm.Round> rounds, InnerLoop.Timing timing, double seconds, long reused, String settingsPreset,
                         String settingsDigest) {}

    /**
     * What the window watches of a run: the job's row once it exists, then every unit's result as {@link RestEm.Listener}
     * reports it (on the job's thread), and whether to pause between units.
     */
    public interface Watch extends RestEm.Listener {
        Watch NONE = new Watch() {};

        /** The run's row in the jobs table (a resumed run: the stopped job's row); {@link Jobs#resume} takes it. */
        default void jobStarted(long jobId) {}
    }

    private final RlRequest request;
    private final Long resumeId;
    private final Watch watch;

    public RlJob(RlRequest request) {
        this(request, null, Watch.NONE);
    }

    /** A run that reports its units to {@code watch} and pauses when it asks. */
    public RlJob(RlRequest request, Watch watch) {
        this(request, null, watch);
    }

    RlJob(RlRequest request, Long resumeId, Watch watch) {
        this.request = request;
        this.resumeId = resumeId;
        this.watch = watch == null ? Watch.NONE : watch;
    }

    public Report run(Progress listener, CancelToken token) {
        int rounds = request.settings().rl().rounds();
        List<AutoCloseable> toClose = new ArrayList<>();
        try (ExperimentLog log = ExperimentLog.openWritable(request.workspace())) {
            RestEm restEm = new RestEm(log, request.settings(), request.split(),
                    JobGrader.open(request.settings(), request.judge(), log, toClose), Devices.pick()).listener(watch)
                    .adapterBatch(request.adapterBatch()).workers(request.workers());
            JsonObject params = new JsonObject();
            params.addProperty("model", request.model().toAbsolutePath().toString());
            params.addProperty("rounds", rounds);
            params.addProperty("settings_digest", request.settings().digest());
            SealJobRun job = new SealJobRun(log, request.kind(), params, listener, request, resumeId);
            watch.jobStarted(job.jobId());
            long start = System.nanoTime();
            List<RestEm.Round> done = job.run(c -> restEm.run(request.model(), rounds, job.progress(), c), token,
                    r -> Counts.of(r.size(), "RL round") + " done; last model " + (r.isEmpty() ? "-" : r.get(r.size() - 1).modelDir()));
            return new Report(done, restEm.timing(), (System.nanoTime() - start) / 1e9, restEm.reused(), request.settings().preset(),
                    request.settings().digest());
        } finally {
            JobGrader.closeAll(toClose);
        }
    }
}
