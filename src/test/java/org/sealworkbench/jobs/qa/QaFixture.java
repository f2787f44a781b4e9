package org.sealworkbench.jobs.qa;

import java.nio.file.Path;
import java.util.List;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.seal.Conditions;
import org.sealworkbench.seal.Grade;
import org.sealworkbench.seal.Graders;
import org.sealworkbench.store.ExperimentLog;

/**
 * A hand-made workspace for QA results (no model): passages A (3 questions) and B (2), each with a no-adaptation run and
 * a passage-only run, answers graded by "contains" as written below.
 * <pre>
 *            no adaptation          passage only
 * A  red?    red    right           red    right
 *    blue?   x      wrong           blue   right     (fixed)
 *    green?  green  right           z      wrong     (broken)
 * B  a?      a      right           a      right
 *    b?      b      right           q      wrong     (broken)
 * </pre>
 * contains: no adaptation A 2/3, B 1 (macro 83.3 %); passage only A 2/3, B 1/2 (macro 58.3 %).
 */
public final class QaFixture {
    public static final String SETTINGS = "{\"k\":1}";

    public final long passageA, passageB, baseA, runA, baseB, runB;
    /** Answer ids by passage run: A's passage-only answers in question order, etc. */
    public final List<Long> answersBaseA, answersRunA, answersBaseB, answersRunB;

    public QaFixture(Path workspace) {
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            passageA = log.addPassage(new Passage("A", "The red, blue, green passage.",
                    List.of(new Question("red?", "red"), new Question("blue?", "blue"), new Question("green?", "green"))), "t");
            passageB = log.addPassage(new Passage("B", "a and b.", List.of(new Question("a?", "a"), new Question("b?", "b"))), "t");
            long model = log.findOrAddModel("/m", "llama", "m");
            baseA = run(log, model, passageA, Conditions.NO_ADAPTATION, 0);
            answersBaseA = answers(log, baseA, passageA, Conditions.NO_ADAPTATION, List.of("red", "x", "green"), List.of(true, false, true));
            runA = run(log, model, passageA, Conditions.PASSAGE_ONLY, 5);
            answersRunA = answers(log, runA, passageA, Conditions.PASSAGE_ONLY, List.of("red", "blue", "z"), List.of(true, true, false));
            baseB = run(log, model, passageB, Conditions.NO_ADAPTATION, 0);
            answersBaseB = answers(log, baseB, passageB, Conditions.NO_ADAPTATION, List.of("a", "b"), List.of(true, true));
            runB = run(log, model, passageB, Conditions.PASSAGE_ONLY, 5);
            answersRunB = answers(log, runB, passageB, Conditions.PASSAGE_ONLY, List.of("a", "q"), List.of(true, false));
        }
    }

    private static long run(ExperimentLog log, long model, long passage, String condition, long seed) {
        long id = log.startRun(null, model, passage, null, condition, SETTINGS, seed);
        log.finishRun(id, "done");
        return id;
    }

    private static List<Long> answers(ExperimentLog log, long run, long passage, String condition, List<String> texts,
                                      List<Boolean> right) {
        var questions = log.questions(passage);
        var ids = new java.util.ArrayList<Long>();
        for (int i = 0; i < texts.size(); i++) {
            long a = log.addAnswer(questions.get(i).id(), run, condition, texts.get(i));
            Graders.store(log, a, Grade.of(right.get(i), null, "contains"));
            ids.add(a);
        }
        return ids;
    }
}
