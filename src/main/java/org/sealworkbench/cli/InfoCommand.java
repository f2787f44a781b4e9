package org.sealworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sealworkbench.store.Counts;
import org.sealworkbench.store.ExperimentLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "info", mixinStandardHelpOptions = true, description = "Show what a workspace holds (row counts).")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workspace", required = true, paramLabel = "DIR", description = "Workspace folder.")
    Path workspace;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(workspace.resolve(ExperimentLog.DB_FILE))) {
            throw new IllegalArgumentException("no workspace at " + workspace + " (no " + ExperimentLog.DB_FILE + ")");
        }
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            Counts c = log.counts();
            PrintWriter o = spec.commandLine().getOut();
            o.println("Workspace:      " + log.workspaceDir());
            if (log.readOnly()) o.println("Read-only:      " + log.readOnlyReason() + " (reading commands work; to change it, work on a copy of the folder)");
            o.println("Schema version: " + log.schemaVersion());
            o.println("passages        " + c.passages());
            o.println("questions       " + c.questions());
            o.println("self-edits      " + c.selfEdits());
            o.println("models          " + c.models());
            o.println("runs            " + c.runs() + byStatus(log.statusCounts("runs")));
            o.println("answers         " + c.answers());
            o.println("grades          " + c.grades());
            o.println("annotations     " + c.annotations());
            long staged = log.stagedRows();
            if (staged > 0) {
                o.println("unfinished      " + staged + " row(s) an import has stored and not yet kept or removed (not counted"
                        + " above: they are kept when it ends, removed if it fails or is stopped, or at the next open when"
                        + " a full disk kept its failure from removing them)");
            }
            java.util.Map<String, Long> rounds = log.statusCounts("rounds");
            if (!rounds.isEmpty()) {
                o.println("RL rounds       " + rounds.values().stream().mapToLong(Long::longValue).sum() + byStatus(rounds));
            }
            long fewShot = log.arcRunCount();
            if (fewShot > 0) {
                o.println("few-shot runs   " + fewShot + " (ARC inner loops, each stored when it ended)");
            }
            java.util.Map<String, Long> jobs = log.statusCounts("jobs");
            o.println("jobs            " + jobs.values().stream().mapToLong(Long::longValue).sum() + byStatus(jobs));
            o.flush();
        }
        return 0;
    }

    /**
     * " (12 done, 1 interrupted)": "running" counts only rows whose process is alive, because opening the
     * log has already marked the rows of processes that are gone as interrupted.
     */
    private static String byStatus(java.util.Map<String, Long> counts) {
        if (counts.isEmpty()) return "";
        StringBuilder b = new StringBuilder(" (");
        counts.forEach((status, n) -> b.append(b.length() > 2 ? ", " : "").append(n).append(' ').append(status));
        return b.append(')').toString();
    }
}
