package org.sealworkbench.seal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealworkbench.store.GradedAnswer;

/**
 * The "human" grader of a report: per answer, the newest grade by a person ({@code human:NAME}) where one exists,
 * else the named automatic grader's newest grade (answers neither graded are left out). The automatic grades are read,
 * never changed.
 */
public final class HumanGrades {
    /** The grader name the results rows carry: "human (else contains)". */
    public static String label(String fallback) {
        return "human (else " + fallback + ")";
    }

    /** The answers graded the human way, and how many of them carry a person's grade. */
    public record Merged(List<GradedAnswer> answers, int byHuman, int byFallback, String fallback) {}

    private HumanGrades() {}

    /** @param graded every grade, oldest first (as {@code ExperimentLog.gradedAnswers} returns them) */
    public static Merged merge(List<GradedAnswer> graded, String fallback) {
        Map<Long, GradedAnswer> human = new LinkedHashMap<>(), automatic = new LinkedHashMap<>();
        for (GradedAnswer g : graded) {
            if (g.grader().startsWith(HumanGrade.PREFIX)) human.put(g.answerId(), g);
            else if (g.grader().equals(fallback)) automatic.put(g.answerId(), g);
        }
        String label = label(fallback);
        List<GradedAnswer> out = new ArrayList<>();
        Map<Long, GradedAnswer> all = new LinkedHashMap<>(automatic);
        human.forEach(all::putIfAbsent);
        int byHuman = 0;
        for (Long answerId : all.keySet()) {
            GradedAnswer g = human.containsKey(answerId) ? human.get(answerId) : automatic.get(answerId);
            if (human.containsKey(answerId)) byHuman++;
            out.add(new GradedAnswer(g.gradeId(), g.answerId(), g.questionId(), g.passageId(), g.runId(), g.selfEditId(),
                    g.experimentId(), g.condition(), g.settingsJson(), label, g.verdict(), g.score()));
        }
        out.sort(java.util.Comparator.comparingLong(GradedAnswer::gradeId));
        return new Merged(out, byHuman, out.size() - byHuman, fallback);
    }
}
