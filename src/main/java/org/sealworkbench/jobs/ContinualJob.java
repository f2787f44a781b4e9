package org.sealworkbench.jobs;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.seal.Continual;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.util.CancelToken;
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
                    request.repeats(), job.progress(), cancelled), token, r -> {
                int n = r.passages().size();
                return String.format(Locale.ROOT, "%d passages x %d repeats: newest %.4f, retention %.4f after the last step",
                        n, r.matrices().size(), r.newest()[n - 1], r.retention()[n - 1]);
            });
            return new Report(result, continual.reused(), continual.trained(), (System.nanoTime() - start) / 1e9,
                    request.settings().preset());
        } finally {
            JobGrader.closeAll(toClose);
        }
    }
}
