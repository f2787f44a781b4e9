package org.sealworkbench.jobs.annotate;

import java.nio.file.Path;
import java.util.List;
import org.sealworkbench.seal.annotate.Verdict;

/**
 * Writes a demo workspace for screenshots of the annotation screen: the fixture's three passages and nine
 * pairs, judged by "ann" (all nine, leaning left), "bob" (all nine) and "cy" (five). Run from the test class
 * path: {@code java -cp ... org.sealworkbench.jobs.annotate.AnnotationDemo DIR}.
 */
public final class AnnotationDemo {
    private AnnotationDemo() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        AnnotationFixture.create(dir);
        try (AnnotationService s = AnnotationService.open(dir)) {
            List<Long> ids = s.passages().stream().map(Options.PassageOption::id).toList();
            s.saveGuideline("ann", "Prefer the self-edit that would teach a reader more of the passage's facts: "
                    + "every name, date and number kept, stated plainly. Ignore style. Tie when both keep the same facts.");
            judge(s, "bob", ids, 2, "TRRLRTLRR");
            judge(s, "cy", ids, 3, "RRLTR");
            judge(s, "ann", ids, 1, "LLRLTLLRL");
        }
    }

    private static void judge(AnnotationService s, String who, List<Long> ids, long seed, String verdicts) {
        List<AnnotationPair> pairs = s.pairs(new TaskSpec(who, ids, PairingRule.ALL_PAIRS, null, null, true, seed));
        for (int i = 0; i < verdicts.length(); i++) {
            Verdict v = switch (verdicts.charAt(i)) {
                case 'L' -> Verdict.LEFT;
                case 'R' -> Verdict.RIGHT;
                default -> Verdict.TIE;
            };
            s.judge(who, pairs.get(i), v, 1 + i % 5, 5 - i % 5, null);
        }
    }
}
