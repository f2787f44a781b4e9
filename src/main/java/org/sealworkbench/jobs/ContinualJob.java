package org.sealworkbench.jobs;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.seal.Continual;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Counts;
import org.sealworkbench.util.Shares;
import org.sealworkbench.util.Progress;

/**
 * Continual self-edits (see {@link Continual}) built from its request: it opens the workspace's log, the grader (and
 * judge model) and the device itself; one row in the jobs table. Running the same request again (or
 * {@link Jobs#resume}) resumes it: finished steps are read back from the log.
 */
public final class ContinualJob {
    /** The matrices, how many steps were found stored, the wall time, and the settings preset. */
    public record Report(Continual.Result result, long reusedSteps, long trainedSteps, double seconds, String settingsPreset) {}

    private final ContinualRequest request;
    private final Long resumeId;

    public ContinualJob(ContinualRequest request) {
        this(request, null);
    }

    ContinualJob(ContinualRequest request, Long resumeId) {
        this.request = request;
        this.resumeId = resumeId;
    }

    public Report run(Progress listener, CancelToken token) {
        List<AutoCloseable> toClose = new ArrayList<>();
        try (ExperimentLog log = ExperimentLog.openWritable(request.workspace())) {
            Continual continual = new Continual(log, request.settings(), request.split(),
                    JobGrader.open(request.settings(), request.judge(), log, toClose), Devices.pick());
            JsonObject params = new JsonObject();
            params.addProperty("model", request.model().toAbsolutePath().toString());
            params.addProperty("passages", request.passages());
            params.addProperty("repeats", request.repeats());
            params.addProperty("source", request.source());
            params.addProperty("settings_digest", request.settings().digest());
            SealJobRun job = new SealJobRun(log, request.kind(), params, listener, request, resumeId);
            long start = System.nanoTime();
            Continual.Result result = job.run(cancelled -> continual.run(request.model(), request.source(), request.passages(),
                    request.repeats(), job.progress(), cancelled), token, ContinualJob::resultMessage);
            return new Report(result, continual.reused(), continual.trained(), (System.nanoTime() - start) / 1e9,
                    request.settings().preset());
        } finally {
            JobGrader.closeAll(toClose);
        }
    }

    /**
     * The job's last word, which the window's status bar and jobs lists show and {@code seal jobs} prints: "8 passages x 1
     * repeat: newest 20.0 %, retention 7.1 % after the last step" (the mean over repeats, in percent as the window writes
     * accuracies; a sequence of one passage has no earlier ones to retain). {@code seal continual} prints the matrices.
     */
    static String resultMessage(Continual.Result r) {
        int n = r.passages().size();
        int repeats = r.matrices().size();
        double retention = r.retention()[n - 1];
        return Counts.of(n, "passage") + " x " + Counts.of(repeats, "repeat")
                + ": newest " + Shares.percent(r.newest()[n - 1])
                + (Double.isNaN(retention) ? "" : ", retention " + Shares.percent(retention)) + " after the last step";
    }
}
