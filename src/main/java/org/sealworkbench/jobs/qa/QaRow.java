package org.sealworkbench.jobs.qa;

/**
 * One question of a passage with its answer before adaptation (the passage's no-adaptation run; null when there is
 * none or it did not answer this question) and after (the chosen run; null when that run did not answer it).
 */
public record QaRow(long questionId, int ordinal, String question, String gold, QaAnswer before, QaAnswer after) {
    /** Whether the answer text changed between before and after (both present, different after trimming). */
    public boolean changed() {
        return before != null && after != null && !before.text().strip().equals(after.text().strip());
    }

    /** Wrong before, right after, by this grader (a human's word counting first). */
    public boolean fixed(String grader) {
        return is(before, grader, false) && is(after, grader, true);
    }

    /** Right before, wrong after, by this grader (a human's word counting first). */
    public boolean broken(String grader) {
        return is(before, grader, true) && is(after, grader, false);
    }

    private static boolean is(QaAnswer a, String grader, boolean correct) {
        return a != null && Boolean.valueOf(correct).equals(a.correct(grader));
    }
}
