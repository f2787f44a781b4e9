package org.sealworkbench.seal;

import java.util.List;

/**
 * One row of the results table: a condition as graded by one grader under one settings snapshot (runs of the same
 * condition under other settings, e.g. another inner-loop lr or repeat count, are rows of their own: pooling them
 * would average two different experiments). Accuracies are fractions in [0, 1].
 * macroAccuracy is the mean over passages of per-passage accuracy (SEAL's reported number) with its 95 %
 * confidence interval (NaN bounds when fewer than 2 passages); microAccuracy is correct / all answers.
 *
 * @param settingsDigest  the digest of the settings snapshot of the row's runs; "-" for answers stored without one
 *                        (imported results, unadapted answers outside a run)
 * @param passages        per-passage accuracies, in passage id order
 * @param runSeconds      wall time of the row's inner-loop runs, summed (kept internally; every output format shows {@link #secondsPerRun()}) (fine-tune + answers, from each run's
 *                        started/finished); NaN when a run of the row has no known time (imported runs: the file records none, and the import's own storing time is not one)
 */
public record ResultRow(String condition, String grader, double macroAccuracy, double ciLow, double ciHigh,
                        double microAccuracy, int nPassages, int nQuestions, int nAnswers, int nRuns,
                        String settingsDigest, List<PassageAccuracy> passages, double runSeconds) {
    public static final String NO_SETTINGS = "-";

    public ResultRow {
        if (settingsDigest == null) settingsDigest = NO_SETTINGS;
        passages = List.copyOf(passages);
    }

    /** Mean wall time per run in seconds (NaN when unknown). */
    public double secondsPerRun() {
        return nRuns == 0 ? Double.NaN : runSeconds / nRuns;
    }

    /** A passage's accuracy under the row's condition: the mean over its self-edits of the mean over runs. */
    public record PassageAccuracy(long passageId, double accuracy, int questions, int answers, int runs) {}
}
