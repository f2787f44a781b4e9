package org.sealworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sealworkbench.jobs.EvaluationJob;
import org.sealworkbench.util.Progress;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.seal.Evaluation;
import org.sealworkbench.seal.InnerLoop;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.store.ExperimentLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate the validation passages (the first --validation passages of the workspace) under SEAL's "
                + "conditions; results go to the workspace for `seal report`. Running the same command again resumes it.",
                "Conditions: no-adaptation, passage-only, base-self-edits (self-edits written by --model), self-edits:NAME "
                        + "(stored or imported self-edits of the model named NAME), seal-round:N (the model of RL round N)."})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workspace", required = true, paramLabel = "DIR", description = "Workspace folder.")
    Path workspace;

    @Option(names = "--model", paramLabel = "DIR", defaultValue = ModelDefaults.DEFAULT_MODEL,
            description = "Base model checkpoint folder (default: the bundled seal-tiny).")
    Path model;

    @Option(names = "--condition", required = true, split = ",", paramLabel = "COND", description = "One or more conditions (comma-separated or repeated).")
    List<String> conditions;

    @Option(names = "--passages", paramLabel = "N", description = "Evaluate the first N validation passages (default: all of them).")
    Integer passages;

    @Mixin
    SealOptions options;

    @Override
    public Integer call() throws Exception {
        List<Evaluation.Condition> parsed = conditions.stream().map(Evaluation.Condition::parse).toList();
        SealSettings settings = options.settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<AutoCloseable> toClose = new ArrayList<>();
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            Evaluation eval = new Evaluation(log, settings, options.split(), options.grader(settings, log, toClose),
                    Devices.pick());
            int n = passages == null ? Integer.MAX_VALUE : passages;
            long start = System.nanoTime();
            for (Evaluation.Condition c : parsed) {
                Progress bar = TerminalProgressBar.forStderr(err);
                InnerLoop.Timing before = eval.timing();
                long t0 = System.nanoTime();
                Evaluation.Result r;
                try (CancelOnInterrupt interrupt = new CancelOnInterrupt()) {
                    r = new EvaluationJob(log, eval, model, c, n).run(bar, interrupt.token());
                } finally {
                    if (bar instanceof TerminalProgressBar t) t.finish();
                }
                out.printf(Locale.ROOT, "%s: macro accuracy %.4f over %d passages (%d runs, experiment %d)%n", r.condition(),
                        r.macroAccuracy(), r.passages().size(), r.runs(), r.experimentId());
                out.println("  " + SealOptions.timingLine(eval.timing().minus(before), (System.nanoTime() - t0) / 1e9));
                out.flush();
            }
            out.println("all: " + SealOptions.timingLine(eval.timing(), (System.nanoTime() - start) / 1e9)
                    + (eval.reused() > 0 ? "; " + eval.reused() + " runs were already stored" : ""));
            out.println("settings " + settings.preset() + " [" + settings.digest() + "]; see: seal report --workspace " + workspace);
        } finally {
            for (AutoCloseable c : toClose) c.close();
        }
        out.flush();
        return 0;
    }
}
