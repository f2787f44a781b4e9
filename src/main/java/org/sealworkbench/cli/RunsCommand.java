package org.sealworkbench.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
                + "accuracy 1 solved or 0 not (- without a known solution), training plus prediction time. Each run is "
                + "named by its id, as the window's History tab names it: an inner-loop run by its number (12), a few-shot run "
                + "by A and its number (A3; the two kinds are numbered apart). Each column is as wide as its widest value; a "
                + "condition, model or passage longer than its limit is cut with … (--json has every value whole, with id and "
                + "run, the number within its kind)."})
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
                o.addProperty("id", r.id().toString());
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
            boolean readOnly;
            try (org.sealworkbench.store.ExperimentLog log = org.sealworkbench.store.ExperimentLog.openExisting(workspace)) {
                readOnly = log.readOnly();
            }
            out.println("no runs in " + workspace + (readOnly ? " (it is open read-only, so none can be run in it)"
                    : " (run `seal eval`, `seal rl` or `seal arc` with --workspace on it first)"));
        } else {
            out.print(table(runs));
        }
        out.flush();
        return 0;
    }

    /** Longest condition, model and passage/task shown whole in the text table; longer ones end in "…". */
    static final int CONDITION_WIDTH = 48, MODEL_WIDTH = 24, PASSAGE_WIDTH = 24;

    /**
     * The runs as a text table under a header: every column as wide as its widest value (the run id, accuracy and
     * duration right-aligned), a condition, model or passage longer than its limit cut with "…", two spaces between.
     */
    static String table(List<ChartsData.RunRow> runs) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"run", "kind", "model", "passage/task", "condition", "settings", "grader", "accuracy",
                "duration", "status", "date"});
        for (ChartsData.RunRow r : runs) {
            lines.add(new String[] {r.id().toString(), r.kind(), cut(r.model(), MODEL_WIDTH), cut(r.passage(), PASSAGE_WIDTH),
                    cut(r.condition(), CONDITION_WIDTH), r.settingsDigest(), r.grader(),
                    Double.isNaN(r.accuracy()) ? "-" : String.format(Locale.ROOT, "%.3f", r.accuracy()),
                    Double.isNaN(r.durationSeconds()) ? "-" : String.format(Locale.ROOT, "%.1fs", r.durationSeconds()),
                    r.status(), r.started() == null ? "-" : r.started().truncatedTo(ChronoUnit.SECONDS).toString()});
        }
        int columns = lines.get(0).length;
        int[] width = new int[columns];
        for (String[] l : lines) for (int i = 0; i < columns; i++) width[i] = Math.max(width[i], length(l[i]));
        Set<Integer> right = Set.of(0, 7, 8);   // run id, accuracy, duration
        StringBuilder sb = new StringBuilder();
        for (String[] l : lines) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String pad = " ".repeat(width[i] - length(l[i]));
                if (i > 0) line.append("  ");
                line.append(right.contains(i) ? pad + l[i] : i == columns - 1 ? l[i] : l[i] + pad);
            }
            sb.append(line).append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** The text, or its first {@code max - 1} characters and "…"; null as "-". */
    static String cut(String s, int max) {
        if (s == null) return "-";
        return length(s) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    /** Characters as a terminal counts them (one per code point). */
    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
