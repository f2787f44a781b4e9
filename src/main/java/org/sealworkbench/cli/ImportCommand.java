package org.sealworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.jobs.ImportJob;
import org.sealworkbench.jobs.ImportRequest;
import org.sealworkbench.jobs.ImportReport;
import org.sealworkbench.util.Progress;
import org.sealworkbench.store.ExperimentLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import passages, self-edits or results into a workspace, all or nothing.",
                "Formats (found from the file's shape): SEAL passage JSON, SEAL generated self-edits JSON "
                        + "(with its .meta file), SQuAD v1.1/v2.0, JSONL of SEAL objects, SEAL run results JSON "
                        + "(stored as completed runs with their answers and grades), SFT JSONL "
                        + "({prompt, completion} lines, stored as self-edits with their prompt)."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to import.")
    Path file;

    @Option(names = "--workspace", required = true, paramLabel = "DIR", description = "Workspace folder (created if missing).")
    Path workspace;

    @Option(names = "--model-name", paramLabel = "NAME",
            description = "Who wrote the imported self-edits (default: the .meta file's model, else the file's name; "
                    + "for run results the stem of their \"dataset\").")
    String modelName;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Progress bar = TerminalProgressBar.forStderr(err);
        ImportReport r;
        try {
            r = ImportJob.run(new ImportRequest(workspace, file, modelName), bar, new CancelToken());
        } finally {
            if (bar instanceof TerminalProgressBar t) t.finish();
        }
        out.println("Found " + r.notes().get(0).substring("Format: ".length()) + " in " + file);
        out.printf("Imported %d passages, %d questions, %d self-edits; %d skipped%n",
                r.passages(), r.questions(), r.selfEdits(), r.skipped());
        for (String note : r.notes().subList(1, r.notes().size())) out.println("  " + note);
        out.flush();
        return 0;
    }
}
