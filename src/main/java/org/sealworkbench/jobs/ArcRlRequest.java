package org.sealworkbench.jobs;

import java.nio.file.Path;
import java.util.List;
import org.sealworkbench.seal.RlSettings;
import org.sealworkbench.seal.arc.ArcRestEm;

/**
 * One ReST-EM round of SEAL's few-shot setting over a training task set (see {@link ArcRlJob}): {@code k} self-edits
 * sampled per task, each run as {@code ./seal arc} runs it, rewarded 1 when it solved its task, the generator SFT'd on
 * the rewarded ones and saved as a model version of the workspace.
 *
 * @param workspace   where the inner loops, the round and its model are stored (required: the round is a model version)
 * @param model       the generator (and test-time-training base) the round starts from
 * @param tasks       a challenges file (with its solutions), a single-task file or a folder; every task needs a solution
 * @param solutions   the solutions file of a challenges file (null: found beside it by name)
 * @param taskIds     only these tasks (empty: all)
 * @param limit       at most this many tasks (0: no limit)
 * @param preset      the inner loop's fixed recipe, as {@link ArcRequest#preset()}
 * @param maxExamples training texts per self-edit (0: the preset's)
 * @param k           self-edits sampled per task (SEAL: 15 on its 12 training tasks)
 * @param distinct    drop a sampled config equal to one already kept for the task
 * @param seed        the seed of sampling and of the inner loops (SEAL: 0)
 * @param workers     inner loops side by side (0: automatic), as {@link ArcRequest#workers()}
 * @param sftEpochs   the generator's SFT epochs (0: SEAL's 8)
 * @param sftLearningRate the SFT's learning rate (0: SEAL's 5e-5)
 * @param sftBatch    the SFT's batch (0: SEAL's 5; by gradient accumulation)
 * @param selfEditTokens new tokens a sampled self-edit may take (0: SEAL's 128), as {@link ArcRequest#selfEditTokens()}
 */
public record ArcRlRequest(Path workspace, Path model, Path tasks, Path solutions, List<String> taskIds, int limit,
        String preset, int maxExamples, int k, boolean distinct, long seed, int workers, int sftEpochs,
        double sftLearningRate, int sftBatch, int selfEditTokens) implements JobRequest<ArcRlJob.Report> {
    public static final String KIND = "arc-rl";

    public ArcRlRequest {
        if (workspace == null) {
            throw new IllegalArgumentException("a few-shot RL round needs a workspace: its model is saved there");
        }
        if (model == null || tasks == null) {
            throw new IllegalArgumentException("a few-shot RL round needs a model and a training tasks file or folder");
        }
        taskIds = taskIds == null ? List.of() : List.copyOf(taskIds);
        if (k < 1) {
            throw new IllegalArgumentException("a few-shot RL round samples at least 1 self-edit per task, got " + k);
        }
        if (limit < 0 || maxExamples < 0 || workers < 0 || sftEpochs < 0 || sftBatch < 0 || sftLearningRate < 0
                || selfEditTokens < 0) {
            throw new IllegalArgumentException("limit, max examples, workers, self-edit tokens and the SFT's epochs, lr and "
                    + "batch must be 0 or more");
        }
    }

    /** The inner loops of the round as `./seal arc --self-edits K` would run them (no given config, no baseline). */
    public ArcRequest arcRequest() {
        return new ArcRequest(workspace, model, tasks, solutions, taskIds, limit, preset, maxExamples, List.of(), k, distinct,
                false, seed, workers, selfEditTokens);
    }

    /** The generator's SFT recipe: SEAL's ({@link ArcRestEm#reference()}) with this request's overrides. */
    public RlSettings.Sft sft() {
        return ArcRestEm.recipe(sftEpochs, sftLearningRate, sftBatch);
    }

    @Override
    public String kind() {
        return KIND;
    }
}
