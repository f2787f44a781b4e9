package org.sealworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;
import org.sealworkbench.jobs.annotate.AnnotationService;
import org.sealworkbench.jobs.annotate.ImportResult;
import org.sealworkbench.jobs.annotate.MeasuresFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "annotations", mixinStandardHelpOptions = true,
        description = {"Measures of the pairwise judgements in a workspace: per-annotator counts, position bias with a "
                + "95%% Clopper-Pearson interval, agreement (percent, Cohen's kappa, Krippendorff's alpha), authors by win "
                + "rate, and how often the preferred self-edit has the higher reward.",
                "With --import, first merges judgements exported from another workspace; --export-csv/--export-jsonl write them out."})
final class AnnotationsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workspace", required = true, paramLabel = "DIR", description = "Workspace folder.")
    Path workspace;

    @Option(names = "--json", description = "Print the measures as JSON.")
    boolean json;

    @Option(names = "--import", paramLabel = "FILE", description = "Judgements (JSONL, as --export-jsonl writes) to merge in first.")
    Path importFile;

    @Option(names = "--export-csv", paramLabel = "FILE", description = "Write every judgement as CSV.")
    Path exportCsv;

    @Option(names = "--export-jsonl", paramLabel = "FILE", description = "Write judgements and retractions as JSON lines.")
    Path exportJsonl;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(workspace.resolve("workspace.db"))) {
            throw new IllegalArgumentException("no workspace at " + workspace + " (no workspace.db)");
        }
        PrintWriter out = spec.commandLine().getOut();
        // Messages go to stderr when stdout carries JSON.
        PrintWriter info = json ? spec.commandLine().getErr() : out;
        try (AnnotationService service = AnnotationService.open(workspace)) {
            if (importFile != null) {
                ImportResult r = service.importJsonl(importFile, Progress.none(), new CancelToken());
                info.println("Imported " + r.judgements() + " judgements and " + r.retractions() + " retractions from "
                        + importFile + "; " + r.alreadyPresent() + " were already here");
            }
            if (exportCsv != null) {
                int n = service.exportCsv(exportCsv, Progress.none(), new CancelToken());
                info.println("Wrote " + n + " judgements to " + exportCsv);
            }
            if (exportJsonl != null) {
                int n = service.exportJsonl(exportJsonl, Progress.none(), new CancelToken());
                info.println("Wrote " + n + " lines to " + exportJsonl);
            }
            var m = service.measures();
            // An empty read-only workspace: not "start a session", which it would refuse.
            out.print(json ? MeasuresFormat.json(m) + "\n" : m.annotators().isEmpty() && service.readOnly()
                    ? "No judgements in this workspace (it is open read-only, so none can be made in it).\n"
                    : MeasuresFormat.text(m));
            out.flush();
            info.flush();
        }
        return 0;
    }
}
