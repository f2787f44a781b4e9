package org.sealworkbench.seal.pretrain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sealworkbench.seal.ContainsGrader;
import org.sealworkbench.seal.InnerLoopSettings;

/**
 * The results of a {@link WorldEval} run as written to {@code eval-results.json} and the model card: the
 * settings, one row per condition, timing, and every passage's self-edit and answers (so a reader can check
 * the grading by hand).
 */
public record EvalReport(String passagesFile, String grader, InnerLoopSettings innerLoop, WorldEval.Config config,
                         List<WorldEval.ConditionResult> conditions, List<WorldEval.ConditionResult> exactMatch,
                         WorldEval.ConditionResult pairedGain, double meanInnerLoopSeconds, double maxInnerLoopSeconds,
                         double totalSeconds, List<PassageRow> passages) {

    /**
     * One passage: its accuracies per condition (means over the repeats), self-edit, answers (first repeat), and the
     * mean and slowest seconds of its inner loops with the self-edit.
     */
    public record PassageRow(String title, int questions, double[] accuracy, double[] exactMatch, String selfEdit,
                             List<List<String>> answers, double innerLoopSeconds, double maxInnerLoopSeconds) {}

    public static EvalReport of(String passagesFile, InnerLoopSettings inner, WorldEval.Config cfg,
                                List<WorldEval.PassageResult> results, double seconds) {
        double sum = 0, max = 0;
        List<PassageRow> rows = new ArrayList<>();
        for (WorldEval.PassageResult r : results) {
            sum += r.innerLoopSeconds();
            max = Math.max(max, r.maxInnerLoopSeconds());
            rows.add(new PassageRow(r.title(), r.questions(), r.accuracy(), r.exactMatch(), r.selfEdit(), r.answers(), r.innerLoopSeconds(),
                    r.maxInnerLoopSeconds()));
        }
        return new EvalReport(passagesFile, ContainsGrader.NAME, inner, cfg, WorldEval.summarise(results, false), WorldEval.summarise(results, true),
                WorldEval.pairedGain(results), results.isEmpty() ? 0 : sum / results.size(), max, seconds, rows);
    }

    /** The table: condition, macro accuracy, 95 % CI, passages. */
    public String markdownTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| condition | macro accuracy (contains) | 95% CI | exact match | 95% CI | passages |\n|---|---|---|---|---|---|\n");
        for (int i = 0; i < conditions.size(); i++) {
            WorldEval.ConditionResult c = conditions.get(i), e = exactMatch.get(i);
            sb.append(String.format(Locale.ROOT, "| %s | %.1f %% | [%.1f, %.1f] | %.1f %% | [%.1f, %.1f] | %d |%n", c.condition(),
                    100 * c.mean(), 100 * c.low(), 100 * c.high(), 100 * e.mean(), 100 * e.low(), 100 * e.high(), c.passages()));
        }
        sb.append(String.format(Locale.ROOT, "%nown self-edit - passage only, paired: %+.1f points [%+.1f, %+.1f] (%d inner loops per passage and condition)%n",
                100 * pairedGain.mean(), 100 * pairedGain.low(), 100 * pairedGain.high(), config.repeats()));
        return sb.toString();
    }
}
