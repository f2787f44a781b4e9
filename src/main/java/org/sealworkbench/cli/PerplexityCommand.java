package org.sealworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sealworkbench.jobs.Jobs;
import org.sealworkbench.jobs.PerplexityRequest;
import org.sealworkbench.seal.Learnability;
import org.sealworkbench.util.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "perplexity", mixinStandardHelpOptions = true,
        description = {"Score every self-edit a run adapted on: its mean per-token loss under the model fine-tuned on it, before "
                + "training (the Charts tab's Learnability chart plots it against the reward). Stored in the workspace; pairs "
                + "already stored are skipped."})
final class PerplexityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workspace", required = true, paramLabel = "DIR", description = "Workspace folder.")
    Path workspace;

    @Override
    public Integer call() {
        if (!java.nio.file.Files.isRegularFile(workspace.resolve(org.sealworkbench.store.ExperimentLog.DB_FILE))) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), workspace + ": no workspace here (no "
                    + org.sealworkbench.store.ExperimentLog.DB_FILE + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        Progress bar = TerminalProgressBar.forStderr(spec.commandLine().getErr());
        Learnability.Summary s;
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt()) {
            s = Jobs.run(new PerplexityRequest(workspace), bar, interrupt.token());
        } finally {
            if (bar instanceof TerminalProgressBar t) t.finish();
        }
        out.printf("%d self-edits scored, %d already stored, %d not scored%n", s.computed(), s.reused(), s.skipped());
        for (String p : s.problems()) out.println("  not scored: " + p);
        return 0;
    }
}
