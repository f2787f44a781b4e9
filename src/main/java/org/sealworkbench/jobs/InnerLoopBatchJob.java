package org.sealworkbench.jobs;

import org.sealworkbench.util.Progress;
import org.sealworkbench.util.CancelToken;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.sealworkbench.seal.InnerLoop;
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

    public InnerLoopBatchJob(ExperimentLog log, InnerLoop inner, List<InnerLoop.Spec> specs) {
        this.log = log;
        this.inner = inner;
        this.specs = List.copyOf(specs);
    }

    public List<InnerLoop.Outcome> run(Progress listener, CancelToken token) {
        JsonObject params = new JsonObject();
        params.addProperty("model", inner.model().dir().toString());
        params.addProperty("inner_loops", specs.size());
        params.addProperty("settings_digest", inner.settings().digest());
        SealJobRun job = new SealJobRun(log, "inner loops", params, listener);
        return job.run(cancelled -> {
            StoredRuns stored = new StoredRuns(log);
            List<InnerLoop.Outcome> out = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                if (cancelled.getAsBoolean()) throw new CancellationException("cancelled");
                InnerLoop.Spec s = specs.get(i);
                job.progress().update(i, specs.size(), String.format(Locale.ROOT, "inner loop %d of %d", i + 1, specs.size()));
                out.add(stored.find(s.experimentId(), inner.model().modelId(), s.passageId(), s.selfEditId(), s.condition(), s.seed())
                        .map(r -> stored.outcome(r, inner.grader().name()))
                        .orElseGet(() -> inner.run(s, cancelled)));
            }
            return out;
        }, token, r -> String.format(Locale.ROOT, "%d inner loops, mean accuracy %.3f", r.size(),
                r.stream().mapToDouble(InnerLoop.Outcome::accuracy).average().orElse(Double.NaN)));
    }
}
