package org.sealworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sealworkbench.jobs.Jobs;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.JobRecord;
import org.sealworkbench.util.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Resume a job that stopped (cancelled, failed, or left running by a killed process) from its row in the "
                + "workspace's jobs table alone: the job's request is stored with it. Without --job, lists the jobs that can be resumed "
                + "(not a refused one: its request would be refused again)."})
final class ResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workspace", required = true, paramLabel = "DIR", description = "Workspace folder.")
    Path workspace;

    @Option(names = "--job", paramLabel = "ID", description = "The job to resume (see the list without --job).")
    Long job;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(workspace.resolve(ExperimentLog.DB_FILE))) {
            throw new IllegalArgumentException("no workspace at " + workspace + " (no " + ExperimentLog.DB_FILE + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (job == null) {
            // as the window offers them: an RL job only when it is the latest of its settings (RlService.resumableIds)
            List<JobRecord> all;
            try (ExperimentLog log = ExperimentLog.open(workspace)) {   // opening marks the rows of dead processes interrupted
                all = log.jobs();
            }
            java.util.Set<Long> offered = org.sealworkbench.jobs.rl.RlService.resumableIds(workspace, all);
            List<JobRecord> stopped = all.stream().filter(j -> offered.contains(j.id())).toList();
            if (stopped.isEmpty()) out.println("no stopped jobs to resume in " + workspace);
            for (JobRecord j : stopped) {
                out.printf(Locale.ROOT, "job %d  %-20s %-11s %3.0f %%  %s%n", j.id(), j.kind(), j.status(), 100 * j.progress(),
                        j.message() == null ? "" : j.message());
            }
            out.flush();
            return 0;
        }
        Progress bar = TerminalProgressBar.forStderr(spec.commandLine().getErr());
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt()) {
            Jobs.resume(workspace, job, bar, interrupt.token());
        } finally {
            if (bar instanceof TerminalProgressBar t) t.finish();
        }
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            JobRecord j = log.job(job).orElseThrow();
            out.printf(Locale.ROOT, "job %d (%s) %s: %s%n", j.id(), j.kind(), j.status(), j.message());
        }
        out.flush();
        return 0;
    }
}
