package org.sealworkbench.jobs.qa;

/**
 * One grade of an answer as the QA view shows it: who graded (an automatic grader's name, or {@code human:NAME}),
 * right or wrong, and the stored verdict text (with a human's note in parentheses).
 */
public record Verdict(String grader, boolean correct, String text) {
    public boolean human() {
        return grader.startsWith(QaService.HUMAN_PREFIX);
    }

    /** The human's note, or "" (stored as the verdict's detail: "incorrect (the note)"). */
    public String note() {
        int open = text.indexOf(" (");
        return open < 0 || !text.endsWith(")") ? "" : text.substring(open + 2, text.length() - 1);
    }
}
