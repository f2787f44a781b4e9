package org.sealworkbench.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sealworkbench.jobs.charts.ChartsData;
import org.sealworkbench.jobs.charts.ChartsService;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"List every inner-loop run of a workspace, one line per run and grader: kind, model, condition, "
                + "settings digest, grader, accuracy (correct / graded answers of the run, newest grade), duration, status, date."})
final class RunsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workspace", required = true, paramLabel = "DIR", description = "Workspace folder.")
    Path workspace;

    @Option(names = "--json", description = "JSON for machines.")
    boolean json;

    @Override
    public Integer call() {
        ChartsData data = new ChartsService(workspace).read(Progress.none(), new CancelToken());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonArray rows = new JsonArray();
            for (ChartsData.RunRow r : data.runs()) {
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
        } else if (data.runs().isEmpty()) {
            out.println("no runs in " + workspace + " (run `seal eval` or `seal rl` on it first)");
        } else {
            String fmt = "%5s  %-10s  %-12s  %-16s  %-26s  %-12s  %-14s  %8s  %9s  %-11s  %s%n";
            out.printf(Locale.ROOT, fmt, "run", "kind", "model", "passage", "condition", "settings", "grader", "accuracy",
                    "duration", "status", "date");
            for (ChartsData.RunRow r : data.runs()) {
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
