package org.sealworkbench.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sealworkbench.jobs.charts.ChartsData;
import org.sealworkbench.jobs.history.HistoryService;
import org.sealworkbench.util.CancelToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"List every run of a workspace: each inner-loop run, one line per run and grader: kind, model, passage, "
                + "condition, settings digest, grader, accuracy (correct / graded answers of the run, newest grade), duration, "
                + "status, date; then each few-shot (ARC) run (`seal arc`), one line per task test input and self-edit, in the "
                + "same columns: kind few-shot (ARC), the task id as passage, the self-edit as condition, grader pass@2, "
                + "accuracy 1 solved or 0 not (- without a known solution), training plus prediction time. Few-shot run "
                + "numbers count apart from the inner-loop runs'."})
final class RunsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workspace", required = true, paramLabel = "DIR", description = "Workspace folder.")
    Path workspace;

    @Option(names = "--json", description = "JSON for machines.")
    boolean json;

    @Override
    public Integer call() {
        List<ChartsData.RunRow> runs = new HistoryService(workspace).runs(new CancelToken());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonArray rows = new JsonArray();
            for (ChartsData.RunRow r : runs) {
                JsonObject o = new JsonObject();
                o.addProperty("run", r.runId());
                o.addProperty("kind", r.kind());
                o.addProperty("model", r.model());
                o.addProperty("passage", r.passage());
                o.addProperty("condition", r.condition());
                o.addProperty("settingsDigest", r.settingsDigest());
                o.addProperty("grader", r.grader());
                if (!Double.isNaN(r.accuracy())) o.addProperty("accuracy", r.accuracy());
                if (!Double.isNaN(r.durationSeconds())) o.addProperty("durationSeconds", r.durationSeconds());
                o.addProperty("status", r.status());
                o.addProperty("started", r.started() == null ? null : r.started().toString());
                o.addProperty("lossSteps", r.lossSteps());
                rows.add(o);
            }
            out.println(new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(rows));
        } else if (runs.isEmpty()) {
            out.println("no runs in " + workspace + " (run `seal eval`, `seal rl` or `seal arc` with --workspace on it first)");
        } else {
            String fmt = "%5s  %-14s  %-12s  %-16s  %-26s  %-12s  %-14s  %8s  %9s  %-11s  %s%n";
            out.printf(Locale.ROOT, fmt, "run", "kind", "model", "passage/task", "condition", "settings", "grader", "accuracy",
                    "duration", "status", "date");
            for (ChartsData.RunRow r : runs) {
                out.printf(Locale.ROOT, fmt, r.runId(), r.kind(), r.model(), r.passage(), r.condition(), r.settingsDigest(), r.grader(),
                        Double.isNaN(r.accuracy()) ? "-" : String.format(Locale.ROOT, "%.3f", r.accuracy()),
                        Double.isNaN(r.durationSeconds()) ? "-" : String.format(Locale.ROOT, "%.1fs", r.durationSeconds()),
                        r.status(), r.started() == null ? "-" : r.started().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            }
        }
        out.flush();
        return 0;
    }
}
