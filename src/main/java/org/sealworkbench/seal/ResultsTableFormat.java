package org.sealworkbench.seal;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Locale;

/** The results table as text for people (like SEAL's table), JSON for machines and CSV for spreadsheets. */
public final class ResultsTableFormat {
    private ResultsTableFormat() {}

    public static String text(ResultsTable t) {
        List<ResultRow> rows = t.rows();
        if (rows.isEmpty()) return "No graded answers in this workspace yet (nothing to report).\n";
        int cw = "condition".length();
        int gw = "grader".length();
        for (ResultRow r : rows) {
            cw = Math.max(cw, r.condition().length());
            gw = Math.max(gw, r.grader().length());
        }
        StringBuilder b = new StringBuilder();
        String fmt = "%-" + cw + "s  %-" + gw + "s  %9s  %-15s  %9s  %8s  %9s  %6s  %10s  %s%n";
        b.append(String.format(Locale.ROOT, fmt, "condition", "grader", "accuracy", "95% CI", "micro", "passages",
                "questions", "runs", "mean s/run", "settings"));
        for (ResultRow r : rows) {
            b.append(String.format(Locale.ROOT, fmt, r.condition(), r.grader(), percent(r.macroAccuracy()),
                    ci(r), percent(r.microAccuracy()), r.nPassages(), r.nQuestions(), r.nRuns(), seconds(r.secondsPerRun()), r.settingsDigest()));
        }
        b.append("accuracy = macro: mean over passages of per-passage accuracy (SEAL's number); micro = correct / all "
                + "answers.\n");
        b.append("runs = inner-loop runs behind the row; mean s/run = their mean wall time per run in seconds (fine-tune + "
                + "answers; mean_run_seconds in CSV/JSON), - when unknown.\n");
        b.append("95% CI: t-interval over passages (mean +- t(0.975, n-1) * sd / sqrt(n), clipped to [0, 100]); n/a below 2 "
                + "passages.\n");
        List<ResultRow> cpt = rows.stream().filter(ResultsTable::isMultiPassage).toList();
        if (!cpt.isEmpty()) {
            b.append("\nmulti-passage (CPT): one adapter over all the passages; SEAL's number is the micro accuracy, with a "
                    + ResultsTable.MICRO_CI_METHOD + ":\n");
            for (ResultRow r : cpt) {
                double[] ci = ResultsTable.microInterval(r);
                b.append(String.format(Locale.ROOT, "  %-" + cw + "s  %-" + gw + "s  micro %s  %-15s  %d of %d answers, %d passages  %s%n",
                        r.condition(), r.grader(), percent(r.microAccuracy()), Double.isNaN(ci[0]) ? "n/a"
                                : String.format(Locale.ROOT, "[%.1f, %.1f]", 100 * ci[0], 100 * ci[1]),
                        Math.round(r.microAccuracy() * r.nAnswers()), r.nAnswers(), r.nPassages(), r.settingsDigest()));
            }
        }
        List<ResultsTable.PairedDifference> paired = t.pairedComparisons();
        if (!paired.isEmpty()) {
            b.append("\npaired by passage, same grader and settings (mean difference of per-passage accuracy, 95% t-interval):\n");
            int dw = 0;
            for (ResultsTable.PairedDifference d : paired) dw = Math.max(dw, (d.condition() + " - " + d.baseline()).length());
            for (ResultsTable.PairedDifference d : paired) {
                b.append(String.format(Locale.ROOT, "  %-" + dw + "s  %-" + gw + "s  %+6.1f points  %-15s  over %3d passages  %s%n",
                        d.condition() + " - " + d.baseline(), d.grader(), 100 * d.mean(), Double.isNaN(d.ciLow()) ? "n/a"
                                : String.format(Locale.ROOT, "[%+.1f, %+.1f]", 100 * d.ciLow(), 100 * d.ciHigh()), d.passages(),
                        d.settingsDigest()));
            }
        }
        return b.toString();
    }

    public static String json(ResultsTable t) {
        JsonObject root = new JsonObject();
        root.addProperty("accuracy", "macro: mean over passages of per-passage accuracy");
        root.addProperty("ci_method", ResultsTable.CI_METHOD);
        JsonArray arr = new JsonArray();
        for (ResultRow r : t.rows()) {
            JsonObject o = new JsonObject();
            o.addProperty("condition", r.condition());
            o.addProperty("grader", r.grader());
            number(o, "macro_accuracy", r.macroAccuracy());
            number(o, "ci_low", r.ciLow());
            number(o, "ci_high", r.ciHigh());
            number(o, "micro_accuracy", r.microAccuracy());
            o.addProperty("n_passages", r.nPassages());
            o.addProperty("n_questions", r.nQuestions());
            o.addProperty("n_answers", r.nAnswers());
            o.addProperty("n_runs", r.nRuns());
            // One meaning in every format (issue 21): the mean wall time per run, named as such (the text table's "mean s/run").
            number(o, "mean_run_seconds", r.secondsPerRun());
            o.addProperty("settings_digest", r.settingsDigest());
            if (ResultsTable.isMultiPassage(r)) {
                double[] ci = ResultsTable.microInterval(r);
                number(o, "micro_ci_low", ci[0]);
                number(o, "micro_ci_high", ci[1]);
                o.addProperty("micro_ci_method", ResultsTable.MICRO_CI_METHOD);
            }
            JsonArray ps = new JsonArray();
            for (ResultRow.PassageAccuracy p : r.passages()) {
                JsonObject po = new JsonObject();
                po.addProperty("passage_id", p.passageId());
                po.addProperty("accuracy", p.accuracy());
                po.addProperty("questions", p.questions());
                po.addProperty("answers", p.answers());
                po.addProperty("runs", p.runs());
                ps.add(po);
            }
            o.add("passages", ps);
            arr.add(o);
        }
        root.add("rows", arr);
        JsonArray paired = new JsonArray();
        for (ResultsTable.PairedDifference d : t.pairedComparisons()) {
            JsonObject o = new JsonObject();
            o.addProperty("condition", d.condition());
            o.addProperty("baseline", d.baseline());
            o.addProperty("grader", d.grader());
            o.addProperty("settings_digest", d.settingsDigest());
            number(o, "mean_difference", d.mean());
            number(o, "ci_low", d.ciLow());
            number(o, "ci_high", d.ciHigh());
            o.addProperty("n_passages", d.passages());
            paired.add(o);
        }
        root.add("paired", paired);
        return new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n";
    }

    public static String csv(ResultsTable t) {
        StringBuilder b = new StringBuilder(
                "condition,grader,macro_accuracy,ci_low,ci_high,micro_accuracy,n_passages,n_questions,n_answers,n_runs,mean_run_seconds,settings_digest,micro_ci_low,micro_ci_high\n");
        for (ResultRow r : t.rows()) {
            double[] mci = ResultsTable.isMultiPassage(r) ? ResultsTable.microInterval(r) : new double[] {Double.NaN, Double.NaN};
            b.append(csvField(r.condition())).append(',').append(csvField(r.grader())).append(',')
                    .append(plain(r.macroAccuracy())).append(',').append(plain(r.ciLow())).append(',')
                    .append(plain(r.ciHigh())).append(',').append(plain(r.microAccuracy())).append(',')
                    .append(r.nPassages()).append(',').append(r.nQuestions()).append(',').append(r.nAnswers())
                    .append(',').append(r.nRuns()).append(',').append(plain(r.secondsPerRun())).append(',').append(csvField(r.settingsDigest()))
                    .append(',').append(plain(mci[0])).append(',').append(plain(mci[1])).append('\n');
        }
        return b.toString();
    }

    private static String percent(double x) {
        return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * x);
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.2f", s);
    }

    private static String ci(ResultRow r) {
        if (Double.isNaN(r.ciLow())) return "n/a";
        return String.format(Locale.ROOT, "[%.1f, %.1f]", 100 * r.ciLow(), 100 * r.ciHigh());
    }

    private static String plain(double x) {
        return Double.isNaN(x) ? "" : String.format(Locale.ROOT, "%.6f", x);
    }

    private static void number(JsonObject o, String key, double x) {
        if (Double.isNaN(x)) o.add(key, com.google.gson.JsonNull.INSTANCE);
        else o.addProperty(key, x);
    }

    private static String csvField(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) return "\"" + s.replace("\"", "\"\"") + "\"";
        return s;
    }
}
