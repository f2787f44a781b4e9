package org.sealworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sealworkbench.jobs.ArcJob;
import org.sealworkbench.jobs.ArcRlJob;
import org.sealworkbench.jobs.ArcRlRequest;
import org.sealworkbench.jobs.Jobs;
import org.sealworkbench.seal.RlSettings;
import org.sealworkbench.seal.arc.ArcRestEm;
import org.sealworkbench.util.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** One ReST-EM round of SEAL's few-shot setting: sample, run, reward, SFT on the solved self-edits, save the model. */
@Command(name = "arc-rl", mixinStandardHelpOptions = true,
        description = {"One ReST-EM round of SEAL's few-shot ARC setting over a training task set: K self-edits sampled "
                + "per task (SEAL's prompt), each run as `seal arc` runs it (test-time training, voted predictions, pass@2), "
                + "reward 1 when it trained and solved its task; the generator is fine-tuned on every rewarded (prompt -> "
                + "self-edit) pair (SEAL's BC-self-edit recipe: LoRA r 16, alpha 16, lr 5e-5, 8 epochs, batch 5, cosine), "
                + "the LoRA merged and the model saved as models/arc-round-N/ in the workspace, its parent the input model.",
                "Stop it any time (Ctrl-C); running the same command again resumes by lookup. Evaluate the round's model "
                        + "with: seal arc --model WORKSPACE/models/arc-round-N --tasks EVAL_TASKS --self-edits K"})
final class ArcRlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workspace", required = true, paramLabel = "DIR",
            description = "Workspace: the inner loops, the round's record and its model are stored here.")
    Path workspace;

    @Option(names = "--tasks", required = true, paramLabel = "PATH",
            description = "Training tasks with solutions, e.g. sample-data/arc/arc-agi_training_challenges_filtered_1B_training_set.json "
                    + "(SEAL's 12 RL tasks); a challenges file, a single-task file or a folder.")
    Path tasks;

    @Option(names = "--model", paramLabel = "DIR", defaultValue = ModelDefaults.DEFAULT_MODEL,
            description = "The generator the round starts from (default: the bundled seal-tiny, whose 512-token context "
                    + "holds no self-edit prompt: give a model with a longer one).")
    Path model;

    @Option(names = "--k", defaultValue = "15", paramLabel = "K",
            description = "Self-edits sampled per task (default: SEAL's ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--sft-epochs", defaultValue = "0", paramLabel = "N", description = "The generator's SFT epochs (0: SEAL's 8).")
    int sftEpochs;

    @Option(names = "--sft-lr", defaultValue = "0", paramLabel = "LR", description = "The SFT's learning rate (0: SEAL's 5e-5).")
    double sftLr;

    @Option(names = "--sft-batch", defaultValue = "0", paramLabel = "N",
            description = "The SFT's batch, by gradient accumulation (0: SEAL's 5).")
    int sftBatch;

    @picocli.CommandLine.Mixin
    ArcTaskOptions arc;

    @picocli.CommandLine.Mixin
    WorkersOption workers;

    ArcRlRequest request() {
        return new ArcRlRequest(workspace, model, tasks, arc.solutions, arc.taskIds, arc.limit, arc.preset, arc.maxExamples,
                k, arc.distinct, arc.seed, workers.value(), sftEpochs, sftLr, sftBatch, arc.selfEditTokens);
    }

    @Override
    public Integer call() {
        ArcRlRequest request = request();
        PrintWriter out = spec.commandLine().getOut();
        Progress bar = TerminalProgressBar.forStderr(spec.commandLine().getErr());
        ArcRlJob.Report r;
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt()) {
            r = Jobs.run(request, bar, interrupt.token());
        } finally {
            if (bar instanceof TerminalProgressBar t) t.finish();
        }
        out.print(text(r, workspace));
        out.flush();
        return 0;
    }

    /** The round as the command prints it. */
    static String text(ArcRlJob.Report r, Path workspace) {
        StringBuilder sb = new StringBuilder();
        if (r.stored()) {
            sb.append(String.format(Locale.ROOT, "round %d [%s] already run in %s: read back, nothing computed%n", r.round(),
                    r.digest().substring(0, 8), workspace));
        }
        for (ArcJob.Sampling s : r.sampling()) {
            sb.append(String.format(Locale.ROOT, "%s: %d self-edits from %d draws%n", s.task(), s.kept(), s.draws()));
        }
        for (ArcRestEm.Pair p : r.pairs()) {
            sb.append(String.format(Locale.ROOT, "%s | self-edit %d | %s | %s | %s | reward %d%n", p.task(), p.index() + 1,
                    p.config() == null ? "?" : p.config().shortForm(), p.trained() ? "trained" : "not trained: " + p.notTrained(),
                    p.solved() == null ? "no solution" : p.solved() ? "SOLVED" : "not solved", p.reward()));
        }
        sb.append("rewards per task (self-edits solved / sampled):\n");
        for (ArcRestEm.TaskRewards t : r.perTask()) {
            sb.append(String.format(Locale.ROOT, "  %-12s %d of %d (%.1f %%)%n", t.task(), t.rewarded(), t.pairs(),
                    100 * t.share()));
        }
        long tasksSolved = r.perTask().stream().filter(t -> t.rewarded() > 0).count();
        sb.append(String.format(Locale.ROOT, "round %d on %s: (task, self-edit) pairs solved: %d of %d (%.1f %%); tasks with "
                        + "a solved self-edit: %d of %d%n", r.round(), r.taskSet(), r.rewarded(), r.pairs().size(),
                r.pairs().isEmpty() ? 0.0 : 100.0 * r.rewarded() / r.pairs().size(), tasksSolved, r.perTask().size()));
        if (!r.stored()) {
            sb.append(String.format(Locale.ROOT, "inner loops: %d run, %d found stored%n", r.innerLoops(), r.reused()));
        }
        for (String s : r.leftOut()) {
            sb.append("left out of the SFT: ").append(s).append('\n');
        }
        if (r.modelOutId() == null) {
            sb.append("no self-edit solved its task: nothing to fine-tune the generator on, so this round saves no model. "
                    + "Sample more self-edits (--k), train more texts (--max-examples, --preset reference), or start from a "
                    + "model that writes better configs.\n");
        } else {
            RlSettings.Sft s = r.sft();
            sb.append(String.format(Locale.ROOT, "SFT of the generator on %d rewarded self-edits (LoRA r %d, alpha %s, lr %s, "
                            + "%d epochs, batch %d, cosine); model %s (model id %d, parent %d)%n", r.sftExamples(), s.loraRank(),
                    fmt(s.loraAlpha()), fmt(s.learningRate()), s.epochs(), s.effectiveBatch(), r.modelDir(), r.modelOutId(),
                    r.modelInId()));
            sb.append("evaluate it with: seal arc --workspace ").append(workspace).append(" --model ").append(r.modelDir())
                    .append(" --tasks EVAL_TASKS --self-edits K\n");
        }
        return sb.toString();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e6 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
