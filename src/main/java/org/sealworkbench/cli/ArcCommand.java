package org.sealworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sealworkbench.jobs.ArcJob;
import org.sealworkbench.jobs.ArcRequest;
import org.sealworkbench.jobs.Jobs;
import org.sealworkbench.seal.arc.ArcTtt;
import org.sealworkbench.util.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** SEAL's few-shot ARC setting: test-time training per self-edit, voted predictions, pass@2. */
@Command(name = "arc", mixinStandardHelpOptions = true,
        description = {"SEAL's few-shot ARC setting: for each task, train a fresh LoRA on augmented leave-out tasks of "
                + "its demonstrations as each self-edit (a JSON config) says, predict the test output under test-time "
                + "augmentations, vote two attempts and score them against the solution (pass@2). Self-edits are given "
                + "(--config) or sampled from the model (--self-edits K). Prints one line per (task, self-edit); "
                + "with --workspace, stores each finished inner loop there."})
final class ArcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "Store every finished inner loop in this workspace (created if need be); a rerun reads stored "
                    + "ones back instead of training them again. Without it nothing is stored.")
    Path workspace;

    @Option(names = "--tasks", required = true, paramLabel = "PATH",
            description = "A challenges file (e.g. sample-data/arc/arc-agi_evaluation_challenges_filtered_1B_eval_set.json), "
                    + "a single-task file, or a folder of them.")
    Path tasks;

    @Option(names = "--model", paramLabel = "DIR", defaultValue = ModelDefaults.DEFAULT_MODEL,
            description = "Checkpoint folder (default: the bundled seal-tiny).")
    Path model;

    @Option(names = "--config", paramLabel = "JSON",
            description = "A self-edit as SEAL's JSON, or @FILE to read it from a file; repeatable.")
    List<String> configs = new ArrayList<>();

    @Option(names = "--self-edits", defaultValue = "0", paramLabel = "K",
            description = "Sample K self-edits per task from the model (SEAL's prompt, temperature 0.8; invalid JSON is "
                    + "drawn again, at most 20 draws per self-edit).")
    int selfEdits;

    @Option(names = "--baseline", description = "Also predict with the model as it is (no test-time training).")
    boolean baseline;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every result as JSON.")
    Path json;

    @picocli.CommandLine.Mixin
    ArcTaskOptions arc;

    @picocli.CommandLine.Mixin
    WorkersOption workers;

    @Override
    public Integer call() throws Exception {
        List<String> texts = new ArrayList<>();
        for (String c : configs) {
            texts.add(c.startsWith("@") ? Files.readString(Path.of(c.substring(1))) : c);
        }
        ArcRequest request = new ArcRequest(workspace, model, tasks, arc.solutions, arc.taskIds, arc.limit, arc.preset,
                arc.maxExamples, texts, selfEdits, arc.distinct, baseline, arc.seed, workers.value(), arc.selfEditTokens);
        PrintWriter out = spec.commandLine().getOut();
        Progress bar = TerminalProgressBar.forStderr(spec.commandLine().getErr());
        ArcJob.Report report;
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt()) {
            report = Jobs.run(request, bar, interrupt.token());
        } finally {
            if (bar instanceof TerminalProgressBar t) t.finish();
        }
        for (ArcJob.Sampling s : report.sampling()) {
            out.printf(Locale.ROOT, "%s: %d self-edits from %d draws%s%n", s.task(), s.kept(), s.draws(),
                    s.invalidExamples().isEmpty() ? "" : "; an invalid one: " + oneLine(s.invalidExamples().get(0)));
        }
        for (ArcTtt.Result r : report.results()) {
            out.println(line(r));
        }
        List<ArcTtt.Result> scored = report.scoredSelfEdits();
        long solved = scored.stream().filter(ArcTtt.Result::solved).count();
        long tasksSolved = scored.stream().filter(ArcTtt.Result::solved).map(r -> r.task()).distinct().count();
        out.printf(Locale.ROOT, "%d tasks; (task, self-edit) pairs solved: %d of %d (%.1f %%); tasks solved by at least "
                + "one self-edit: %d%n", report.tasks(), solved, scored.size(),
                scored.isEmpty() ? 0.0 : 100.0 * solved / scored.size(), tasksSolved);
        if (workspace != null) {
            out.printf(Locale.ROOT, "stored in %s: %d inner loops trained, %d found stored%n", workspace,
                    report.results().size() - report.reused(), report.reused());
        }
        if (json != null) {
            org.sealworkbench.util.TextFiles.writeAtomically(json, ArcJob.resultsJson(report.tasks(), report.results()));
        }
        out.flush();
        return 0;
    }

    static String line(ArcTtt.Result r) {
        String what = r.config() == null ? "baseline" : r.config().shortForm();
        String training = r.trained()
                ? String.format(Locale.ROOT, "%d texts, %d steps, loss %.3f", r.texts(), r.steps(), r.lastLoss())
                : "not trained: " + r.notTrained();
        String outcome = r.solved() == null ? "no solution to score" : r.solved() ? "SOLVED" : "not solved";
        return String.format(Locale.ROOT, "%s | %s | %s | %d of %d predictions readable | %s | %.1f s", r.task(), what,
                training, r.readable(), r.prompts(), outcome, (r.trainNanos() + r.predictNanos()) / 1e9);
    }

    private static String oneLine(String s) {
        String t = s.replace("\n", " ⏎ ").strip();
        return t.length() > 80 ? t.substring(0, 80) + "…" : t;
    }

}
