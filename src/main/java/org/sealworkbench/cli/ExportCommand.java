package org.sealworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sealworkbench.data.Format;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.jobs.ExportJob;
import org.sealworkbench.jobs.ExportRequest;
import org.sealworkbench.jobs.SelfEditFilter;
import org.sealworkbench.util.Progress;
import org.sealworkbench.store.ExperimentLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a workspace's passages or self-edits as SEAL JSON or JSONL.")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workspace", required = true, paramLabel = "DIR", description = "Workspace folder.")
    Path workspace;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "seal-json or jsonl.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write (replaced if present).")
    Path out;

    @Option(names = "--what", defaultValue = "passages", paramLabel = "WHAT",
            description = "passages (default) or self-edits (grouped by passage, SEAL's generated self-edit shape).")
    String what;

    @Option(names = {"--author", "--model"}, paramLabel = "NAME",
            description = "With --what self-edits: only those written by this model (its name in the workspace, e.g. round-1 or "
                    + "an imported file's model), or 'human' for people's edits.")
    String author;

    @Option(names = "--template", paramLabel = "KEY", description = "With --what self-edits: only those of this prompt template "
            + "(implications, implications-long, implications-very-long, rewrite, self-qa).")
    String template;

    @Option(names = "--round", paramLabel = "N", description = "With --what self-edits: only those RL round N generated and scored.")
    Integer round;

    @Override
    public Integer call() {
        Format f = switch (format) {
            case "seal-json" -> Format.SEAL_JSON;
            case "jsonl" -> Format.JSONL;
            default -> throw new IllegalArgumentException("unknown --format '" + format + "' (use seal-json or jsonl)");
        };
        ExportJob.What w = switch (what) {
            case "passages" -> ExportJob.What.PASSAGES;
            case "self-edits" -> ExportJob.What.SELF_EDITS;
            default -> throw new IllegalArgumentException("unknown --what '" + what + "' (use passages or self-edits)");
        };
        PrintWriter err = spec.commandLine().getErr();
        Progress bar = TerminalProgressBar.forStderr(err);
        ExportJob.Report r;
        try {
            r = ExportJob.run(new ExportRequest(workspace, out, f, w, new SelfEditFilter(author, template, round)), bar,
                    new CancelToken());
        } finally {
            if (bar instanceof TerminalProgressBar t) t.finish();
        }
        PrintWriter o = spec.commandLine().getOut();
        if (w == ExportJob.What.PASSAGES) o.printf("Wrote %d passages to %s (%s)%n", r.records(), r.file(), r.format());
        else o.printf("Wrote %d self-edits of %d passages to %s (%s) and SEAL's %s beside it%n", r.selfEdits(), r.records(), r.file(),
                r.format(), r.metaFile() == null ? ".meta" : r.metaFile().getFileName());
        for (String n : r.notes()) o.println("  " + n);
        o.flush();
        return 0;
    }
}
