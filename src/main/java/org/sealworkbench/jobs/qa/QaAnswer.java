package org.sealworkbench.jobs.qa;

import java.util.List;
import org.sealworkbench.seal.Ending;

/**
 * A stored answer with its grades: the automatic ones (newest per grader) and the newest human one, if a person
 * overruled. The automatic grades are never changed; {@link #correct} is what counts: the human's word where there is
 * one, else the named grader's. {@code ending}: why the answer ended where a limit cut it (the new-token limit, the
 * model's context), {@link Ending#NONE} when it ended as the model meant or that was not recorded.
 */
public record QaAnswer(long answerId, String text, Ending ending, List<Verdict> automatic, Verdict human) {
    public QaAnswer {
        automatic = List.copyOf(automatic);
        java.util.Objects.requireNonNull(ending, "ending");
    }

    /** An answer with nothing to tell about how it ended. */
    public QaAnswer(long answerId, String text, List<Verdict> automatic, Verdict human) {
        this(answerId, text, Ending.NONE, automatic, human);
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
