package org.sealworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sealworkbench.jobs.EvaluationJob;
import org.sealworkbench.jobs.EvaluationRequest;
import org.sealworkbench.util.Progress;
import org.sealworkbench.seal.CptSettings;
import org.sealworkbench.seal.Evaluation;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.SealSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate the validation passages (the first --validation passages of the workspace) under SEAL's "
                + "conditions; results go to the workspace for `seal report`. Running the same command again resumes it.",
                "Conditions: no-adaptation, passage-only, base-self-edits (self-edits written by --model), self-edits:NAME "
                        + "(stored or imported self-edits of the model named NAME), seal-round:N (the model of RL round N).",
                "Multi-passage (CPT, SEAL's continued pretraining): cpt:passage-only, cpt:base-self-edits, cpt:self-edits:NAME, "
                        + "cpt:seal-round:N train ONE adapter over the first min(--passages, the preset's CPT passages) "
                        + "validation passages together and report micro accuracy with a 95%% bootstrap interval."})
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

    @Option(names = "--cpt-passages", paramLabel = "N", description = "CPT: passages trained together (default: the preset's; SEAL 200).")
    Integer cptPassages;

    @Option(names = "--cpt-epochs", paramLabel = "E", description = "CPT: epochs (default: the preset's; SEAL 3).")
    Integer cptEpochs;

    @Option(names = "--cpt-lr", paramLabel = "LR", description = "CPT: learning rate (default: the preset's; SEAL 1e-3).")
    Double cptLr;

    @Option(names = "--cpt-batch", paramLabel = "B", description = "CPT: sequences per micro-batch (default: the preset's; SEAL 4).")
    Integer cptBatch;

    @Option(names = "--cpt-grad-accum", paramLabel = "A", description = "CPT: micro-batches per optimizer step (default: the preset's; SEAL 2).")
    Integer cptAccum;

    @Mixin
    SealOptions options;

    @Mixin
    AdapterBatchOption adapterBatch;

    @Mixin
    WorkersOption workers;

    /** The flags as a request: everything the job needs to build itself. */
    EvaluationRequest request() {
        SealSettings s = options.settings();
        CptSettings c = Presets.cpt(s.preset());
        c = new CptSettings(cptPassages != null ? cptPassages : c.passages(), cptEpochs != null ? cptEpochs : c.epochs(),
                cptLr != null ? cptLr : c.learningRate(), cptBatch != null ? cptBatch : c.batchSize(),
                cptAccum != null ? cptAccum : c.gradAccum(), c.repeats(), c.bootstrapSamples(), c.bootstrapSeed());
        return new EvaluationRequest(workspace, model, s, options.split(), conditions,
                passages == null ? Integer.MAX_VALUE : passages, options.judge, null, c, adapterBatch.value(), workers.value());
    }

    @Override
    public Integer call() throws Exception {
        EvaluationRequest request = request();
        PrintWriter out = spec.commandLine().getOut();
        Progress bar = TerminalProgressBar.forStderr(spec.commandLine().getErr());
        EvaluationJob.Report report;
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt()) {
            report = new EvaluationJob(request).run(bar, interrupt.token());
        } finally {
            if (bar instanceof TerminalProgressBar t) t.finish();
        }
        for (EvaluationJob.ConditionReport c : report.conditions()) {
            Evaluation.Result r = c.result();
            if (!Double.isNaN(r.microAccuracy())) {
                // Multi-passage (CPT): one adapter over all the passages; SEAL reports the micro accuracy.
                out.printf(Locale.ROOT, "%s: micro accuracy %.4f [%.4f, %.4f] (95%% bootstrap over passages), macro %.4f, "
                                + "over %d passages trained together (%d runs, experiment %d)%n", r.condition(), r.microAccuracy(),
                        r.microCiLow(), r.microCiHigh(), r.macroAccuracy(), r.passages().size(), r.runs(), r.experimentId());
            } else {
                out.printf(Locale.ROOT, "%s: macro accuracy %.4f over %d passages (%d runs, experiment %d)%n", r.condition(),
                        r.macroAccuracy(), r.passages().size(), r.runs(), r.experimentId());
            }
            out.println("  " + SealOptions.timingLine(c.timing(), c.seconds()));
        }
        out.println("all: " + SealOptions.timingLine(report.timing(), report.seconds())
                + (report.reused() > 0 ? "; " + report.reused() + " runs were already stored" : ""));
        out.println("settings " + report.settingsPreset() + " [" + report.settingsDigest() + "]; see: seal report --workspace " + workspace);
        out.flush();
        return 0;
    }
}
