package org.sealworkbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sealworkbench.jobs.ContinualJob;
import org.sealworkbench.jobs.ContinualRequest;
import org.sealworkbench.seal.Continual;
import org.sealworkbench.util.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "continual", mixinStandardHelpOptions = true,
        description = {"SEAL's continual self-edits: the first --passages validation passages are adapted one after another "
                + "(the inner loop of the preset on passage + self-edit, its LoRA merged into the weights before the next), and "
                + "after every step the questions of all passages so far are answered again. Prints the step x passage "
                + "accuracy matrix of each repeat and their mean, the accuracy on the newest passage and the retention of "
                + "earlier ones; results go to the workspace. Running the same command again resumes it."})
final class ContinualCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workspace", required = true, paramLabel = "DIR", description = "Workspace folder.")
    Path workspace;

    @Option(names = "--model", paramLabel = "DIR", defaultValue = ModelDefaults.DEFAULT_MODEL,
            description = "Base model checkpoint folder (default: the bundled seal-tiny).")
    Path model;

    @Option(names = "--passages", required = true, paramLabel = "N", description = "Passages in the sequence (SEAL: 8).")
    int passages;

    @Option(names = "--repeats", defaultValue = "1", paramLabel = "R", description = "Sequences from the base weights with fresh seeds (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--self-edits", defaultValue = "base-self-edits", paramLabel = "SOURCE",
            description = "Where each passage's self-edit comes from: " + Continual.SOURCES + " (default ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the matrices as CSV (repeat,step,passage,passage_id,accuracy).")
    Path csv;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the matrices, newest, retention and forgetting as JSON.")
    Path json;

    @Mixin
    SealOptions options;

    ContinualRequest request() {
        return new ContinualRequest(workspace, model, options.settings(), options.split(), passages, repeats, source, options.judge);
    }

    @Override
    public Integer call() throws Exception {
        ContinualRequest request = request();
        PrintWriter out = spec.commandLine().getOut();
        Progress bar = TerminalProgressBar.forStderr(spec.commandLine().getErr());
        ContinualJob.Report report;
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt()) {
            report = new ContinualJob(request).run(bar, interrupt.token());
        } finally {
            if (bar instanceof TerminalProgressBar t) t.finish();
        }
        Continual.Result r = report.result();
        out.print(r.text());
        if (csv != null) write(csv, r.csv());
        if (json != null) write(json, r.json());
        out.printf(Locale.ROOT, "%.1f s; %d steps trained, %d found stored; settings %s [%s] (experiment %d)%n", report.seconds(),
                report.trainedSteps(), report.reusedSteps(), report.settingsPreset(), r.settingsDigest(), r.experimentId());
        out.flush();
        return 0;
    }

    private static void write(Path file, String text) throws IOException {
        org.sealworkbench.util.TextFiles.writeAtomically(file, text);
    }
}
