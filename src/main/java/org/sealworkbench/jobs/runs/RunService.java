package org.sealworkbench.jobs.runs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sealworkbench.jobs.EvaluationJob;
import org.sealworkbench.jobs.EvaluationRequest;
import org.sealworkbench.jobs.charts.ChartsData.LossPoint;
import org.sealworkbench.seal.Evaluation;
import org.sealworkbench.seal.InnerLoop;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.ModelRecord;
import org.sealworkbench.store.RlRoundRecord;
import org.sealworkbench.store.SelfEditRecord;
import org.sealworkbench.store.TrainingStepRecord;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/**
 * Fine-tune &amp; evaluate for the window: builds the {@link EvaluationRequest} that {@code seal eval} builds from its
 * flags and runs it with {@link EvaluationJob}, the same job, so that runs started here and from the command line are
 * stored alike (same experiment, seeds, settings digest) and each finds the other's runs instead of redoing them. Every
 * call opens the workspace's log for its own use; call off the FX thread.
 */
public final class RunService {
    private final Path workspace;

    public RunService(Path workspace) {
        this.workspace = workspace;
    }

    public Path workspace() {
        return workspace;
    }

    /**
     * The conditions the form offers for passages: no adaptation, passage only, self-edits the model writes now
     * (base-self-edits), self-edits of each model the workspace knows (generated or imported; a passage without one is
     * refused by the job, naming it), and SEAL round N for each finished RL round.
     */
    public List<String> conditionChoices() {
        List<String> out = new ArrayList<>(List.of("no-adaptation", "passage-only", "base-self-edits"));
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            Set<String> authors = new LinkedHashSet<>();
            for (ModelRecord m : log.models()) authors.add(m.name());
            authors.forEach(a -> out.add("self-edits:" + a));
            Set<Integer> rounds = new java.util.TreeSet<>();
            for (RlRoundRecord r : log.rlRounds()) if ("done".equals(r.status()) && r.modelOutId() != null) rounds.add(r.roundNumber());
            rounds.forEach(r -> out.add("seal-round:" + r));
        }
        // the multi-passage (CPT) forms of the same conditions, after them (no-adaptation has none: nothing is trained)
        List<String> cpt = new ArrayList<>();
        for (String c : out) if (!c.equals("no-adaptation")) cpt.add(Evaluation.Condition.CPT + c);
        out.addAll(cpt);
        return out;
    }

    /**
     * The condition a column is evaluated under: passage-only for the "Passage only" column (selfEditId null);
     * self-edits:NAME when the self-edit is the one {@code seal eval --condition self-edits:NAME} takes for its passage
     * (the first original by that model), so both find the same stored run; else self-edit:ID, a row of its own (a
     * person's edit, another sample).
     */
    public String conditionForColumn(Long selfEditId) {
        if (selfEditId == null) return "passage-only";
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            SelfEditRecord e = log.selfEdit(selfEditId).orElseThrow(() -> new IllegalArgumentException(
                    workspace + ": no self-edit with id " + selfEditId));
            if (e.modelId() != null && e.parentId() == null) {
                Optional<ModelRecord> author = log.model(e.modelId());
                if (author.isPresent()) {
                    Set<Long> sameName = new java.util.HashSet<>();
                    for (ModelRecord m : log.models()) if (m.name().equals(author.get().name())) sameName.add(m.id());
                    Optional<SelfEditRecord> first = log.selfEdits(e.passageId()).stream()
                            .filter(x -> x.modelId() != null && sameName.contains(x.modelId()) && x.parentId() == null).findFirst();
                    if (first.isPresent() && first.get().id() == e.id()) return "self-edits:" + author.get().name();
                }
            }
            return "self-edit:" + e.id();
        }
    }

    /** The request a plan makes: the same record {@code seal eval} builds, for the given passages. */
    public EvaluationRequest request(Path model, RunSettings settings, RunPlan plan) {
        return request(model, settings, plan, 0);
    }

    /**
     * As {@link #request(Path, RunSettings, RunPlan)}, with {@code seal eval --adapter-batch N}: up to N of a condition's
     * inner loops train together as one batch (0: the default).
     */
    public EvaluationRequest request(Path model, RunSettings settings, RunPlan plan, int adapterBatch) {
        return request(model, settings, plan, adapterBatch, 0);
    }

    /** As above, with {@code seal eval --workers N}: N batches side by side (0: automatic). */
    public EvaluationRequest request(Path model, RunSettings settings, RunPlan plan, int adapterBatch, int workers) {
        if (model == null) throw new IllegalArgumentException("choose a model first (Self-edits > Models…)");
        return EvaluationRequest.ofPassages(workspace, model, settings.runnableSettings(), plan.conditions(), plan.passageIds(), settings.judge())
                .withAdapterBatch(adapterBatch).withWorkers(workers).withCpt(plan.cpt());
    }

    /** Runs the request as its job (a row in the jobs table, resumable), telling {@code live} of steps and finished runs. */
    public EvaluationJob.Report run(EvaluationRequest request, Progress progress, CancelToken token, LiveListener live) {
        LiveListener l = live == null ? LiveListener.NONE : live;
        return new EvaluationJob(request).run(progress, token, new InnerLoop.StepListener() {
            @Override
            public void step(InnerLoop.Step s) {
                l.step(new LiveStep(s.runId(), s.passageId(), s.condition(), s.step(), s.totalSteps(), s.loss(), s.lr(), s.tokensPerSecond()));
            }

            @Override
            public void runDone(long runId, long passageId, String condition) {
                l.runDone(runId, passageId, condition);
            }
        });
    }

    /** A stored run's loss per step (empty for a run without training, such as no adaptation). */
    public List<LossPoint> lossCurve(long runId) {
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            List<LossPoint> out = new ArrayList<>();
            for (TrainingStepRecord s : log.trainingSteps(runId)) out.add(new LossPoint(s.step(), s.loss()));
            return out;
        }
    }
}
