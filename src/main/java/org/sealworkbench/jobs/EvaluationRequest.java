package org.sealworkbench.jobs;

import java.nio.file.Path;
import java.util.List;
import org.sealworkbench.seal.CptSettings;
import org.sealworkbench.seal.Evaluation;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.seal.SealSettings;

/**
 * Evaluate the validation passages under SEAL's conditions (see {@link EvaluationJob}).
 *
 * @param conditions the conditions as {@code seal eval --condition} writes them (no-adaptation, passage-only,
 *                   base-self-edits, self-edits:NAME, seal-round:N)
 * @param passages   the first N validation passages ({@link Integer#MAX_VALUE}: all)
 * @param judge      the LLM judge's checkpoint when the settings' grader is llm_judge; else null
 * @param cpt        the multi-passage (cpt:...) conditions' settings; null: the preset's ({@code Presets.cpt})
 */
public record EvaluationRequest(Path workspace, Path model, SealSettings settings, PassageSplit split, List<String> conditions,
                                int passages, Path judge, CptSettings cpt) implements JobRequest<EvaluationJob.Report> {
    public static final String KIND = "evaluation";

    /** With the preset's CPT settings (and as requests stored before CPT read back). */
    public EvaluationRequest(Path workspace, Path model, SealSettings settings, PassageSplit split, List<String> conditions,
                             int passages, Path judge) {
        this(workspace, model, settings, split, conditions, passages, judge, null);
    }

    public EvaluationRequest {
        if (workspace == null || model == null || settings == null || split == null) {
            throw new IllegalArgumentException("an evaluation needs a workspace, a model, settings and a validation split");
        }
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        if (conditions.isEmpty()) throw new IllegalArgumentException("an evaluation needs at least one condition");
        conditions.forEach(Evaluation.Condition::parse); // refused here, before any work, when one is not a condition
        if (passages < 1) throw new IllegalArgumentException("passages must be at least 1, got " + passages);
    }

    @Override
    public String kind() {
        return KIND;
    }
}
