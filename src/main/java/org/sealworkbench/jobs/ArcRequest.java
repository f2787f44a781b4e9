package org.sealworkbench.jobs;

import java.nio.file.Path;
import java.util.List;

/**
 * SEAL's few-shot ARC setting on a set of tasks (see {@link ArcJob}): for each task, test-time training with each
 * self-edit (configs given as JSON, and/or {@code selfEdits} sampled from the model), then a prediction voted over
 * test-time augmentations, scored pass@2 against the solution.
 *
 * @param workspace   where every finished inner loop is stored (and looked up first, so a rerun resumes); null:
 *                    the results are only returned
 * @param tasks       a challenges file, a single-task file, or a folder of single-task files
 * @param solutions   the solutions file for a challenges file (null: found beside it by name, or none)
 * @param taskIds     only these tasks (empty: all), in the file's order
 * @param limit       at most this many tasks (0: no limit)
 * @param preset      the fixed recipe: "tiny-cpu" or "reference" ({@code seal.arc.ArcSettings})
 * @param maxExamples training texts per self-edit (0: the preset's)
 * @param configs     self-edits given as SEAL's JSON, tried on every task
 * @param selfEdits   self-edits to sample from the model per task (SEAL's prompt, temperature 0.8)
 * @param distinct    drop a sampled config equal to one already kept for the task (SEAL's skip_repeated_configs)
 * @param baseline    also predict with the model as it is (no test-time training)
 * @param workers     inner loops side by side, each on its own replica of the model (0: automatic, as `eval` and `rl`:
 *                    one per core the model's own threads leave free); an execution setting, results do not depend on it
 * @param selfEditTokens new tokens a sampled self-edit may take (0: the preset's, SEAL's 128, which holds a config in
 *                    Llama 3's tokens; a tokenizer that spends more tokens on JSON needs more); part of the stored settings
 */
public record ArcRequest(Path workspace, Path model, Path tasks, Path solutions, List<String> taskIds, int limit,
        String preset, int maxExamples, List<String> configs, int selfEdits, boolean distinct, boolean baseline,
        long seed, int workers, int selfEditTokens) implements JobRequest<ArcJob.Report> {
    public static final String KIND = "arc";

    public ArcRequest {
        if (model == null || tasks == null) {
            throw new IllegalArgumentException("the ARC setting needs a model and a tasks file or folder");
        }
        taskIds = taskIds == null ? List.of() : List.copyOf(taskIds);
        configs = configs == null ? List.of() : List.copyOf(configs);
        if (limit < 0 || maxExamples < 0 || selfEdits < 0 || workers < 0 || selfEditTokens < 0) {
            throw new IllegalArgumentException("limit, max examples, self-edits, workers and self-edit tokens must be 0 or more");
        }
        if (configs.isEmpty() && selfEdits == 0 && !baseline) {
            throw new IllegalArgumentException("nothing to run: give a config, self-edits to sample, or the baseline");
        }
    }

    /** A request with the preset's bound on a self-edit's tokens. */
    public ArcRequest(Path workspace, Path model, Path tasks, Path solutions, List<String> taskIds, int limit, String preset,
            int maxExamples, List<String> configs, int selfEdits, boolean distinct, boolean baseline, long seed, int workers) {
        this(workspace, model, tasks, solutions, taskIds, limit, preset, maxExamples, configs, selfEdits, distinct, baseline,
                seed, workers, 0);
    }

    @Override
    public String kind() {
        return KIND;
    }
}
