package org.sealworkbench.jobs;

import org.sealworkbench.util.Progress;
import org.sealworkbench.util.CancelToken;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Locale;
import org.sealworkbench.seal.Evaluation;
import org.sealworkbench.store.ExperimentLog;

/** An evaluation of the validation passages under one condition as a job (see {@link Evaluation}). */
public final class EvaluationJob {
    private final ExperimentLog log;
    private final Evaluation evaluation;
    private final Path model;
    private final Evaluation.Condition condition;
    private final int passages;

    public EvaluationJob(ExperimentLog log, Evaluation evaluation, Path model, Evaluation.Condition condition, int passages) {
        this.log = log;
        this.evaluation = evaluation;
        this.model = model;
        this.condition = condition;
        this.passages = passages;
    }

    public Evaluation.Result run(Progress listener, CancelToken token) {
        JsonObject params = new JsonObject();
        params.addProperty("model", model.toAbsolutePath().toString());
        params.addProperty("condition", condition.kind() + (condition.arg() == null ? "" : ":" + condition.arg()));
        params.addProperty("passages", passages);
        SealJobRun job = new SealJobRun(log, "evaluation", params, listener);
        return job.run(c -> evaluation.run(model, condition, passages, job.progress(), c), token,
                r -> String.format(Locale.ROOT, "%s: macro accuracy %.4f over %d passages", r.condition(), r.macroAccuracy(),
                        r.passages().size()));
    }
}
