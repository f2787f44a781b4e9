package org.sealworkbench.jobs;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.seal.Evaluation;
import org.sealworkbench.seal.InnerLoop;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Counts;
import org.sealworkbench.util.Decimals;
import org.sealworkbench.util.Progress;
import org.sealworkbench.util.Shares;

/**
 * An evaluation of the validation passages under one or more conditions (see {@link Evaluation}), built from its
 * request: it opens the workspace's log, the grader (and judge model) and the device itself. One row in the jobs
 * table for all the conditions; running the same request again (or {@link Jobs#resume}) resumes it.
 */
public final class EvaluationJob {
    /** One condition's result and what it cost. */
    public record ConditionReport(Evaluation.Result result, InnerLoop.Timing timing, double seconds) {}

    /** Every condition's result, the whole job's timing, how many runs were found stored, and the settings' digest. */
    public record Report(List<ConditionReport> conditions, InnerLoop.Timing timing, double seconds, long reused,
                         String settingsPreset, String settingsDigest) {}

    private final EvaluationRequest request;
    private final Long resumeId;

    public EvaluationJob(EvaluationRequest request) {
        this(request, null);
    }

    EvaluationJob(EvaluationRequest request, Long resumeId) {
        this.request = request;
        this.resumeId = resumeId;
    }

    public Report run(Progress listener, CancelToken token) {
        return run(listener, token, null);
    }

    /**
     * As {@link #run(Progress, CancelToken)}, telling {@code steps} of every inner loop's optimizer step and finished
     * run as they happen (on this thread; the window's live loss chart).
     */
    public Report run(Progress listener, CancelToken token, InnerLoop.StepListener steps) {
        List<Evaluation.Condition> conditions = request.conditions().stream().map(Evaluation.Condition::parse).toList();
        List<AutoCloseable> toClose = new ArrayList<>();
        try (ExperimentLog log = ExperimentLog.openWritable(request.workspace())) {
            Evaluation eval = new Evaluation(log, request.settings(), request.cpt(), request.split(),
                    JobGrader.open(request.settings(), request.judge(), log, toClose), Devices.pick());
            eval.onStep(steps);
            eval.adapterBatch(request.adapterBatch()).workers(request.workers());
            JsonObject params = new JsonObject();
            params.addProperty("model", request.model().toAbsolutePath().toString());
            params.addProperty("condition", String.join(",", request.conditions()));
            params.addProperty("passages", request.passages());
            if (!request.passageIds().isEmpty()) {
                params.addProperty("passage_ids", String.join(",", request.passageIds().stream().map(String::valueOf).toList()));
            }
            params.addProperty("settings_digest", request.settings().digest());
            SealJobRun job = new SealJobRun(log, request.kind(), params, listener, request, resumeId);
            long start = System.nanoTime();
            List<ConditionReport> done = job.run(cancelled -> {
                // passages that do not fit the model's context: the whole job refused before any condition runs
                eval.checkContext(request.model(), conditions, request.passageIds(), request.passages());
                List<ConditionReport> out = new ArrayList<>();
                int n = conditions.size();
                for (int i = 0; i < n; i++) {
                    Evaluation.Condition c = conditions.get(i);
                    int index = i;
                    String label = request.conditions().get(i);
                    // Each condition's progress scaled into its share of the whole job, in thousandths.
                    Progress scaled = (d, t, m) -> job.progress().update(1000L * index + Math.round(1000 * Math.max(0, Progress.fraction(d, t))),
                            1000L * n, conditionMessage(n, label, m));
                    InnerLoop.Timing before = eval.timing();
                    long t0 = System.nanoTime();
                    Evaluation.Result r = request.passageIds().isEmpty()
                            ? eval.run(request.model(), c, request.passages(), scaled, cancelled)
                            : eval.run(request.model(), c, request.passageIds(), scaled, cancelled);
                    out.add(new ConditionReport(r, eval.timing().minus(before), (System.nanoTime() - t0) / 1e9));
                }
                return out;
            }, token, r -> String.join("; ", r.stream().map(x -> resultMessage(x.result())).toList()));
            return new Report(done, eval.timing(), (System.nanoTime() - start) / 1e9, eval.reused(), request.settings().preset(),
                    request.settings().digest());
        } finally {
            JobGrader.closeAll(toClose);
        }
    }

    /**
     * A condition's result as the job's last word, which the window's status bar and jobs list show and {@code seal jobs}
     * prints: "passage only: macro accuracy 16.7 % over 1 passage", or for a CPT condition "cpt:passage-only: micro
     * accuracy 12.5 % [5.0, 20.0] over 3 passages trained together" (percent as the window writes accuracies;
     * {@code seal eval} prints its own lines with the exact numbers).
     */
    static String resultMessage(Evaluation.Result r) {
        String over = " over " + Counts.of(r.passages().size(), "passage");
        if (Double.isNaN(r.microAccuracy())) return r.condition() + ": macro accuracy " + Shares.percent(r.macroAccuracy()) + over;
        return r.condition() + ": micro accuracy " + Shares.percent(r.microAccuracy()) + " ["
                + Decimals.fixed(100 * r.microCiLow(), 1) + ", " + Decimals.fixed(100 * r.microCiHigh(), 1) + "]" + over
                + " trained together";
    }

    /**
     * A condition's progress message within a job of {@code conditions}: after its label when there are several; a note
     * ({@link Progress#NOTE}) unchanged, since {@link org.sealworkbench.seal.Evaluation} names the condition in its notes
     * (with the label in front, the window and the terminal did not see a note).
     */
    static String conditionMessage(int conditions, String label, String message) {
        if (conditions <= 1 || message == null || Progress.isNote(message)) return message;
        return label + ": " + message;
    }
}
