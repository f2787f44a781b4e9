package org.sealworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sealworkbench.jobs.GenerationJob;
import org.sealworkbench.jobs.GenerationRequest;
import org.sealworkbench.util.Progress;
import org.sealworkbench.seal.GenerationSettings;
import org.sealworkbench.seal.PromptTemplates;
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

    /** The flags as a request: everything the job needs to build itself. */
    GenerationRequest request() {
        return new GenerationRequest(workspace, model, generation(), List.of(), passages == null ? 0 : passages, tag);
    }

    @Override
    public Integer call() {
        GenerationRequest request = request();
        PrintWriter out = spec.commandLine().getOut();
        Progress bar = TerminalProgressBar.forStderr(spec.commandLine().getErr());
        GenerationJob.Report report;
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt()) {
            report = new GenerationJob(request).run(bar, interrupt.token());
        } finally {
            if (bar instanceof TerminalProgressBar t) t.finish();
        }
        GenerationSettings g = request.generation();
        out.printf(Locale.ROOT, "%d passages x %d self-edits by %s (template %s, tag %s) in %.1f s%n", report.selfEdits().size(), g.k(),
                report.modelName(), g.template().key(), tag, report.seconds());
        out.flush();
        return 0;
    }
}
