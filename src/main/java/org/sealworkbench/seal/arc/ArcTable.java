package org.sealworkbench.seal.arc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.sealworkbench.seal.Bootstrap;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.store.ArcRunRecord;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.ModelRecord;

/**
 * SEAL's few-shot results as a table, from the stored runs ({@code arc_runs}). SEAL reports the share of (task,
 * self-edit) pairs solved: 0 % for in-context learning alone, 20 % for the base model's self-edits, 72.5 % after one
 * round of RL, 100 % for a hand-chosen config. So:
 *
 * <ol>
 *   <li>Runs are grouped by task set, model, settings (shown by their digest, as the knowledge table does) and
 *       condition: "no test-time training" (the baseline), "self-edits of MODEL" (configs the model sampled; "self-edits
 *       of MODEL (after few-shot RL round N)" when MODEL is the model a few-shot ReST-EM round saved, {@link ArcRestEm}),
 *       or "config: SHORT FORM" (one row per config given by hand).</li>
 *   <li>Only runs whose task has a known solution count. A pair is (task, self-edit): each run is one.</li>
 *   <li>Each row gives the tasks, the pairs, the pairs solved and their share, a 95 % bootstrap interval of that share
 *       over tasks ({@link Bootstrap#microInterval}: a task's runs share its difficulty, so tasks are resampled, 1,000
 *       times, seed 42), and the tasks solved by at least one of the row's pairs.</li>
 *   <li>Where two or more self-edit conditions ran under one (task set, model, settings), an oracle row follows them:
 *       one pair per task, solved when any stored self-edit solved it; the closest the log comes to SEAL's
 *       hand-chosen config, an upper bound of choosing the config per task.</li>
 * </ol>
 * Rows come in the order of their first stored run, each task set's together.
 */
public final class ArcTable {
    private ArcTable() {
    }

    /** The condition of runs without test-time training. */
    public static final String BASELINE = "no test-time training";
    /** The condition of the oracle row: per task, the best of the stored self-edits (SEAL's hand-chosen config). */
    public static final String ORACLE = "oracle: best stored self-edit per task";

    /** One row of the table. */
    public record Row(String taskSet, String model, String settingsDigest, String condition, int tasks, int pairs,
            int solved, double ciLow, double ciHigh, int tasksSolved) {
        /** The share of pairs solved, 0 to 1 (NaN without pairs). */
        public double share() {
            return pairs == 0 ? Double.NaN : solved / (double) pairs;
        }
    }

    /** What the self-edits row of a few-shot round's model adds to its condition (SEAL: "after one round of RL"). */
    public static String roundCondition(int round) {
        return "after few-shot RL round " + round;
    }

    /** The table of every stored few-shot run with a known solution. */
    public static List<Row> compute(ExperimentLog log) {
        Map<Long, String> models = new LinkedHashMap<>();
        Map<Long, Integer> rounds = new LinkedHashMap<>();
        Map<String, Integer> roundDirs = ArcRestEm.roundModels(log);
        for (ModelRecord m : log.models()) {
            models.put(m.id(), m.name());
            if (roundDirs.containsKey(m.path())) {
                rounds.put(m.id(), roundDirs.get(m.path()));
            }
        }
        Map<List<String>, Map<String, int[]>> groups = new LinkedHashMap<>();
        for (ArcRunRecord r : log.arcRuns()) {
            if (r.solved() == null) {
                continue; // step 2
            }
            String model = models.getOrDefault(r.modelId(), "model " + r.modelId());
            String condition = r.configJson() == null ? BASELINE
                    : r.selfEditText() != null ? "self-edits of " + model + (rounds.containsKey(r.modelId())
                            ? " (" + roundCondition(rounds.get(r.modelId())) + ")" : "")
                    : "config: " + TttConfig.parse(r.configJson()).config().map(TttConfig::shortForm)
                            .orElse(r.configJson());
            List<String> key = List.of(r.taskSet(), model, SealSettings.digestOf(r.settingsJson()), condition);
            // per task: [pairs, solved]
            int[] c = groups.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(r.task(), t -> new int[2]);
            c[0]++;
            if (r.solved()) {
                c[1]++;
            }
        }
        // step 4: per (task set, model, settings) with two or more self-edit conditions, the oracle: one pair per
        // task, solved when any self-edit run solved it (with one condition it would repeat its "tasks solved")
        Map<List<String>, Map<String, int[]>> oracle = new LinkedHashMap<>();
        Map<List<String>, Integer> conditions = new LinkedHashMap<>();
        for (Map.Entry<List<String>, Map<String, int[]>> g : groups.entrySet()) {
            if (g.getKey().get(3).equals(BASELINE)) {
                continue;
            }
            List<String> key = List.of(g.getKey().get(0), g.getKey().get(1), g.getKey().get(2), ORACLE);
            conditions.merge(key, 1, Integer::sum);
            Map<String, int[]> tasks = oracle.computeIfAbsent(key, k -> new TreeMap<>());
            g.getValue().forEach((task, c) -> tasks.computeIfAbsent(task, t -> new int[] {1, 0})[1] |= c[1] > 0 ? 1 : 0);
        }
        oracle.forEach((k, v) -> {
            if (conditions.get(k) > 1) {
                groups.put(k, v);
            }
        });
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<List<String>, Map<String, int[]>> g : groups.entrySet()) {
            int n = g.getValue().size();
            int[] pairs = new int[n];
            int[] solved = new int[n];
            int i = 0, allPairs = 0, allSolved = 0, tasksSolved = 0;
            for (int[] c : g.getValue().values()) {
                pairs[i] = c[0];
                solved[i] = c[1];
                allPairs += c[0];
                allSolved += c[1];
                if (c[1] > 0) {
                    tasksSolved++;
                }
                i++;
            }
            double[] ci = Bootstrap.microInterval(solved, pairs, 1000, 42);
            List<String> k = g.getKey();
            rows.add(new Row(k.get(0), k.get(1), k.get(2), k.get(3), n, allPairs, allSolved, ci[0], ci[1],
                    tasksSolved));
        }
        // keep each task set's rows together (oracle rows were added last), in the order of the sets' first runs
        List<String> sets = rows.stream().map(Row::taskSet).distinct().toList();
        rows.sort(java.util.Comparator.comparingInt(r -> sets.indexOf(r.taskSet())));
        return rows;
    }

    /** The table as text, one line a row under a header, grouped by task set. */
    public static String text(List<Row> rows) {
        if (rows.isEmpty()) {
            return "No few-shot (ARC) runs with a known solution stored.\n";
        }
        StringBuilder sb = new StringBuilder();
        String set = null;
        for (Row r : rows) {
            if (!r.taskSet().equals(set)) {
                set = r.taskSet();
                sb.append(sb.isEmpty() ? "" : "\n").append("Few-shot (ARC), ").append(set).append('\n');
                sb.append(String.format(Locale.ROOT, "%-56s %-16s %-8s %5s %5s %6s %7s %15s %12s%n", "condition", "model",
                        "settings", "tasks", "pairs", "solved", "share", "95% CI (tasks)", "tasks solved"));
            }
            sb.append(String.format(Locale.ROOT, "%-56s %-16s %-8s %5d %5d %6d %6.1f%% %15s %12d%n",
                    cut(r.condition(), 56), cut(r.model(), 16), r.settingsDigest().substring(0, 8), r.tasks(),
                    r.pairs(), r.solved(), 100 * r.share(), Double.isNaN(r.ciLow()) ? "–"
                            : String.format(Locale.ROOT, "[%.1f, %.1f]", 100 * r.ciLow(), 100 * r.ciHigh()),
                    r.tasksSolved()));
        }
        return sb.toString();
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
