package org.sealworkbench.jobs.qa;

import java.util.List;

/**
 * A stored answer with its grades: the automatic ones (newest per grader) and the newest human one, if a person
 * overruled. The automatic grades are never changed; {@link #correct} is what counts: the human's word where there is
 * one, else the named grader's.
 */
public record QaAnswer(long answerId, String text, List<Verdict> automatic, Verdict human) {
    public QaAnswer {
        automatic = List.copyOf(automatic);
    }

    /** The grader's own verdict on this answer, or null when that grader did not grade it. */
    public Verdict automatic(String grader) {
        for (Verdict v : automatic) if (v.grader().equals(grader)) return v;
        return null;
    }

    /** Right by the human where a person overruled, else by the grader; null when neither graded it. */
    public Boolean correct(String grader) {
        if (human != null) return human.correct();
        Verdict v = automatic(grader);
        return v == null ? null : v.correct();
    }
}
