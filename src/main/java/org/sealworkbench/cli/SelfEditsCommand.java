package org.sealworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sealworkbench.jobs.GenerationJob;
import org.sealworkbench.util.Progress;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.seal.GenerationSettings;
import org.sealworkbench.seal.PromptTemplates;
import org.sealworkbench.seal.SealModel;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.PassageSummary;
import org.sealworkbench.store.SelfEditRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "self-edits", mixinStandardHelpOptions = true,
        description = {"Have a model write k self-edits per passage with one of SEAL's prompt templates (implications, "
                + "implications-long, implications-very-long, rewrite, self-qa), stored with their prompt, model and sampling "
                + "settings. Passages that already have them (same model, template and --tag) are skipped, so a rerun resumes."})
final class SelfEditsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workspace", required = true, paramLabel = "DIR", description = "Workspace folder.")
    Path workspace;

    @Option(names = "--model", paramLabel = "DIR", defaultValue = ModelDefaults.DEFAULT_MODEL,
            description = "The writing model's checkpoint folder (default: the bundled seal-tiny).")
    Path model;

    @Option(names = "--passages", paramLabel = "N", description = "The first N passages of the workspace (default: all).")
    Integer passages;

    @Option(names = "--template", paramLabel = "NAME", description = "Prompt template (default: the preset's).")
    String template;

    @Option(names = "--k", paramLabel = "K", description = "Self-edits per passage (default: the preset's).")
    Integer k;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Most new tokens per self-edit (default: the preset's).")
    Integer maxTokens;

    @Option(names = "--tag", defaultValue = "cli", paramLabel = "TAG", description = "Label of this batch (default ${DEFAULT-VALUE}).")
    String tag;

    @Mixin
    SealOptions options;

    /** The preset's generation settings with this command's options applied. */
    GenerationSettings generation() {
        return options.overrides().template(template == null ? null : PromptTemplates.byKey(template)).k(k).maxTokens(maxTokens)
                .apply(options.base()).generation();
    }

    @Override
    public Integer call() {
        GenerationSettings g = generation();
        PrintWriter out = spec.commandLine().getOut();
        try (ExperimentLog log = ExperimentLog.open(workspace); SealModel m = SealModel.open(model, log, Devices.pick())) {
            List<Long> ids = log.passages().stream().map(PassageSummary::id).toList();
            if (ids.isEmpty()) throw new IllegalArgumentException(workspace + ": the workspace has no passages (seal import FILE first)");
            if (passages != null) ids = ids.subList(0, Math.min(passages, ids.size()));
            Progress bar = TerminalProgressBar.forStderr(spec.commandLine().getErr());
            long t0 = System.nanoTime();
            Map<Long, List<SelfEditRecord>> made;
            try (CancelOnInterrupt interrupt = new CancelOnInterrupt()) {
                made = new GenerationJob(log, m, g, ids, tag).run(bar, interrupt.token());
            } finally {
                if (bar instanceof TerminalProgressBar t) t.finish();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "%d passages x %d self-edits by %s (template %s, tag %s) in %.1f s%n", made.size(), g.k(), m.name(),
                    g.template().key(), tag, secs);
        }
        out.flush();
        return 0;
    }
}
