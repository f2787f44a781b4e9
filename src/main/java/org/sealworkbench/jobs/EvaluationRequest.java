package org.sealworkbench.jobs;

import java.nio.file.Path;
import java.util.List;
import org.sealworkbench.seal.CptSettings;
import org.sealworkbench.seal.Evaluation;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.seal.StoredRuns;

/**
 * Evaluate the validation passages under SEAL's conditions (see {@link EvaluationJob}).
 *
 * @param conditions the conditions as {@code seal eval --condition} writes them (no-adaptation, passage-only,
 *                   base-self-edits, self-edits:NAME, seal-round:N, cpt:...)
 * @param passages   the first N validation passages ({@link Integer#MAX_VALUE}: all)
 * @param judge      the LLM judge's checkpoint when the settings' grader is llm_judge; else null
 * @param passageIds the passages to evaluate, by id, in place of the split's first {@code passages} (the window's
 *                   choice); null or empty: the split's. A run does not depend on which list it came from, so the
 *                   same passage, condition, model and settings are one stored run either way.
 * @param cpt        the multi-passage (cpt:...) conditions' settings; null: the preset's ({@code Presets.cpt})
 * @param adapterBatch how many inner loops train together as one batch (1: one at a time); an execution setting that
 *                   changes stored results only by float rounding. 0 (also what a stored request from before this field reads as): the
 *                   default, {@link StoredRuns#DEFAULT_ADAPTER_BATCH}
 * @param workers    how many batches (of inner loops, of self-edit samples) compute side by side, each on a worker
 *                   thread with a replica of the model (memory per batch times this); an execution setting like the
 *                   adapter batch. 0 (also what a stored request from before this field reads as): automatic,
 *                   {@code Devices.workers}
 */
public record EvaluationRequest(Path workspace, Path model, SealSettings settings, PassageSplit split, List<String> conditions,
                                int passages, Path judge, List<Long> passageIds, CptSettings cpt, int adapterBatch, int workers)
        implements JobRequest<EvaluationJob.Report> {
    public static final String KIND = "evaluation";

    public EvaluationRequest {
        if (workspace == null || model == null || settings == null || split == null) {
            throw new IllegalArgumentException("an evaluation needs a workspace, a model, settings and a validation split");
        }
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        if (conditions.isEmpty()) throw new IllegalArgumentException("an evaluation needs at least one condition");
        conditions.forEach(Evaluation.Condition::parse); // refused here, before any work, when one is not a condition
        passageIds = passageIds == null ? List.of() : List.copyOf(passageIds);
        if (passages < 1) throw new IllegalArgumentException("passages must be at least 1, got " + passages);
        if (adapterBatch < 0) throw new IllegalArgumentException("the adapter batch must be at least 1, got " + adapterBatch);
        if (adapterBatch == 0) adapterBatch = StoredRuns.DEFAULT_ADAPTER_BATCH;
        if (workers < 0) throw new IllegalArgumentException("workers must be at least 1 (or 0: automatic), got " + workers);
    }

    /** With automatic workers. */
    public EvaluationRequest(Path workspace, Path model, SealSettings settings, PassageSplit split, List<String> conditions,
                             int passages, Path judge, List<Long> passageIds, CptSettings cpt, int adapterBatch) {
        this(workspace, model, settings, split, conditions, passages, judge, passageIds, cpt, adapterBatch, 0);
    }

    /** The given passages (null or empty: the split's first {@code passages}), the default adapter batch. */
    public EvaluationRequest(Path workspace, Path model, SealSettings settings, PassageSplit split, List<String> conditions,
                             int passages, Path judge, List<Long> passageIds, CptSettings cpt) {
        this(workspace, model, settings, split, conditions, passages, judge, passageIds, cpt, 0);
    }

    /** This request with another adapter batch size (0: the default). */
    public EvaluationRequest withAdapterBatch(int n) {
        return new EvaluationRequest(workspace, model, settings, split, conditions, passages, judge, passageIds, cpt, n, workers);
    }

    /** This request with another worker count (0: automatic). */
    public EvaluationRequest withWorkers(int n) {
        return new EvaluationRequest(workspace, model, settings, split, conditions, passages, judge, passageIds, cpt, adapterBatch, n);
    }

    /** The same request with these settings for its multi-passage (cpt:...) conditions; null: the preset's. */
    public EvaluationRequest withCpt(CptSettings c) {
        return new EvaluationRequest(workspace, model, settings, split, conditions, passages, judge, passageIds, c, adapterBatch, workers);
    }

    /** The first {@code passages} passages of the split (as {@code seal eval --passages N}), the preset's CPT settings. */
    public EvaluationRequest(Path workspace, Path model, SealSettings settings, PassageSplit split, List<String> conditions,
                             int passages, Path judge) {
        this(workspace, model, settings, split, conditions, passages, judge, null, null);
    }

    /** The first {@code passages} passages of the split, with the CPT conditions' settings (null: the preset's). */
    public EvaluationRequest(Path workspace, Path model, SealSettings settings, PassageSplit split, List<String> conditions,
                             int passages, Path judge, CptSettings cpt) {
        this(workspace, model, settings, split, conditions, passages, judge, null, cpt);
    }

    /** The given passages, by id. */
    public static EvaluationRequest ofPassages(Path workspace, Path model, SealSettings settings, List<String> conditions,
                                               List<Long> passageIds, Path judge) {
        if (passageIds == null || passageIds.isEmpty()) throw new IllegalArgumentException("choose at least one passage to evaluate");
        return new EvaluationRequest(workspace, model, settings, new PassageSplit(passageIds.size()), conditions, passageIds.size(),
                judge, passageIds, null);
    }

    @Override
    public String kind() {
        return KIND;
    }
}
