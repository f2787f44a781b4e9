package org.sealworkbench.seal;

import java.util.List;

/**
 * One row of the results table: a condition as graded by one grader. Accuracies are fractions in [0, 1].
 * macroAccuracy is the mean over passages of per-passage accuracy (SEAL's reported number) with its 95 %
 * confidence interval (NaN bounds when fewer than 2 passages); microAccuracy is correct / all answers.
 *
 * @param settingsDigests the distinct settings digests of the row's runs (empty when no answer had a run)
 * @param passages        per-passage accuracies, in passage id order
 * @param runSeconds      wall time of the row's inner-loop runs, summed (fine-tune + answers, from each run's
 *                        started/finished); NaN when no run of the row has both (imported or unadapted answers)
 */
public record ResultRow(String condition, String grader, double macroAccuracy, double ciLow, double ciHigh,
                        double microAccuracy, int nPassages, int nQuestions, int nAnswers, int nRuns,
                        List<String> settingsDigests, List<PassageAccuracy> passages, double runSeconds) {
    public ResultRow {
        settingsDigests = List.copyOf(settingsDigests);
        passages = List.copyOf(passages);
    }

    /** The digest to show: the single one, "-" for none, or "mixed (n)". */
    public String settingsDigest() {
        if (settingsDigests.isEmpty()) return "-";
        if (settingsDigests.size() == 1) return settingsDigests.get(0);
        return "mixed (" + settingsDigests.size() + ")";
    }

    /** Mean wall time per run in seconds (NaN when unknown). */
    public double secondsPerRun() {
        return nRuns == 0 ? Double.NaN : runSeconds / nRuns;
    }

    /** A passage's accuracy under the row's condition: the mean over its self-edits of the mean over runs. */
    public record PassageAccuracy(long passageId, double accuracy, int questions, int answers, int runs) {}
}
