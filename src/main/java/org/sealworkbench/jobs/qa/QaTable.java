package org.sealworkbench.jobs.qa;

import java.util.List;
import java.util.function.Function;

/**
 * The QA results of one stored run of a passage against the passage's no-adaptation run (baseline; null when the
 * passage has none): one row per question, and the automatic graders found on either run's answers.
 */
public record QaTable(long passageId, String passageTitle, QaRun run, QaRun baseline, List<String> graders, List<QaRow> rows) {
    public QaTable {
        graders = List.copyOf(graders);
        rows = List.copyOf(rows);
    }

    /** Fraction of questions answered right before adaptation by this grader (human word first); NaN without a baseline. */
    public double accuracyBefore(String grader) {
        return accuracy(grader, QaRow::before);
    }

    /** Fraction of questions answered right by the run by this grader (human word first); NaN when it answered none. */
    public double accuracyAfter(String grader) {
        return accuracy(grader, QaRow::after);
    }

    /** After minus before (NaN when either is unknown). */
    public double gain(String grader) {
        return accuracyAfter(grader) - accuracyBefore(grader);
    }

    /** Answers before adaptation that a limit cut short (the new-token limit, the model's context). */
    public int cutBefore() {
        return cut(QaRow::before);
    }

    /** The run's answers that a limit cut short. */
    public int cutAfter() {
        return cut(QaRow::after);
    }

    private int cut(Function<QaRow, QaAnswer> side) {
        int n = 0;
        for (QaRow r : rows) if (side.apply(r) != null && side.apply(r).ending().cut()) n++;
        return n;
    }

    private double accuracy(String grader, Function<QaRow, QaAnswer> side) {
        int answered = 0, right = 0;
        for (QaRow r : rows) {
            QaAnswer a = side.apply(r);
            if (a == null) continue;
            answered++;
            if (Boolean.TRUE.equals(a.correct(grader))) right++;
        }
        return answered == 0 ? Double.NaN : right / (double) answered;
    }
}
