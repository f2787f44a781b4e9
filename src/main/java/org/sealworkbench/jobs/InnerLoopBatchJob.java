package org.sealworkbench.jobs;

import org.sealworkbench.util.Progress;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Shares;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.seal.InnerLoop;
import org.sealworkbench.seal.InnerLoopSettings;
import org.sealworkbench.seal.SealModel;
import org.sealworkbench.store.SelfEditRecord;
import org.sealworkbench.seal.StoredRuns;
import org.sealworkbench.store.ExperimentLog;

/**
 * A batch of inner loops as a job: each spec once, in order; a spec whose run is already stored (same
 * experiment, model, passage, self-edit, condition and seed, status done) is skipped, so the job resumes.
 * Cancellation is checked before each inner loop and between its training steps.
 */
public final class InnerLoopBatchJob {
    private final ExperimentLog log;
    private final InnerLoop inner;
    private final List<InnerLoop.Spec> specs;
    private final JobRequest<?> request;
    private final Long resumeId;

    /** A batch of given inner loops on an open log (recorded without a request, so it cannot be resumed from its row). */
    public InnerLoopBatchJob(ExperimentLog log, InnerLoop inner, List<InnerLoop.Spec> specs) {
        this(log, inner, specs, null, null);
    }

    private InnerLoopBatchJob(ExperimentLog log, InnerLoop inner, List<InnerLoop.Spec> specs, JobRequest<?> request, Long resumeId) {
        this.log = log;
        this.inner = inner;
        this.specs = List.copyOf(specs);
        this.request = request;
        this.resumeId = resumeId;
    }

    /**
     * The inner loops of a request, built from it alone: the log, the model on the device and the grader are opened
     * here; each self-edit runs with its passage {@code repeats} times, repeat r with the settings' repeat seed r.
     */
    public static List<InnerLoop.Outcome> run(InnerLoopsRequest request, Progress listener, CancelToken token) {
        return run(request, null, listener, token);
    }

    static List<InnerLoop.Outcome> run(InnerLoopsRequest request, Long resumeId, Progress listener, CancelToken token) {
        List<AutoCloseable> toClose = new ArrayList<>();
        try (ExperimentLog log = ExperimentLog.openWritable(request.workspace());
             SealModel model = SealModel.open(request.model(), log, Devices.pick())) {
            InnerLoop inner = new InnerLoop(log, model, request.settings(), JobGrader.open(request.settings(), request.judge(), log, toClose));
            List<InnerLoop.Spec> specs = new ArrayList<>();
            InnerLoopSettings s = request.settings().innerLoop();
            for (long id : request.selfEdits()) {
                SelfEditRecord e = log.selfEdit(id).orElseThrow(
                        () -> new IllegalArgumentException(request.workspace() + ": no self-edit with id " + id));
                for (int rep = 0; rep < s.repeats(); rep++) {
                    specs.add(new InnerLoop.Spec(null, e.passageId(), e.id(), e.text(), request.condition(), s.repeatSeed(rep)));
                }
            }
            return new InnerLoopBatchJob(log, inner, specs, request, resumeId).run(listener, token);
        } finally {
            JobGrader.closeAll(toClose);
        }
    }

    public List<InnerLoop.Outcome> run(Progress listener, CancelToken token) {
        JsonObject params = new JsonObject();
        params.addProperty("model", inner.model().dir().toString());
        params.addProperty("inner_loops", specs.size());
        params.addProperty("settings_digest", inner.settings().digest());
        SealJobRun job = new SealJobRun(log, InnerLoopsRequest.KIND, params, listener, request, resumeId);
        return job.run(cancelled -> {
            inner.checkFits(specs);   // a training sequence longer than the context: refused before any inner loop
            StoredRuns stored = new StoredRuns(log);
            List<InnerLoop.Outcome> out = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                if (cancelled.getAsBoolean()) throw new CancellationException("cancelled");
                InnerLoop.Spec s = specs.get(i);
                job.progress().update(i, specs.size(), String.format(Locale.ROOT, "inner loop %d of %d", i + 1, specs.size()));
                out.add(stored.orRun(inner, s, cancelled, () -> {}));
            }
            return out;
        }, token, r -> (r.size() == 1 ? "1 inner loop, accuracy " : r.size() + " inner loops, mean accuracy ")
                + Shares.percent(r.stream().mapToDouble(InnerLoop.Outcome::accuracy).average().orElse(Double.NaN)));
    }
}
