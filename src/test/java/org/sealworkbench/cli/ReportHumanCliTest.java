package org.sealworkbench.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.qa.QaFixture;
import org.sealworkbench.jobs.qa.QaService;

/** seal report --grader human on a hand-computed case (QaFixture's table, two answers overruled). */
class ReportHumanCliTest {
    @TempDir
    Path tmp;

    @Test
    void humanGradesCountFirstAndTheRestFallBackToTheAutomaticGrader() {
        QaFixture f = new QaFixture(tmp);
        try (QaService qa = QaService.open(tmp)) {
            qa.overrule(f.answersBaseA.get(0), "ann", false, "too vague");   // A, no adaptation, "red": right -> wrong
            qa.overrule(f.answersRunB.get(1), "ann", true, null);            // B, passage only, "q": wrong -> right
        }
        String ws = tmp.toString();
        CliTest.Result plain = CliTest.run("report", "--workspace", ws, "--grader", "contains");
        assertEquals(0, plain.code(), plain.err());
        // contains alone: no adaptation (2/3 + 1)/2 = 83.3 %, passage only (2/3 + 1/2)/2 = 58.3 %.
        assertTrue(row(plain.out(), "no adaptation", "83.3 %"), plain.out());
        assertTrue(row(plain.out(), "passage only", "58.3 %"), plain.out());

        CliTest.Result human = CliTest.run("report", "--workspace", ws, "--grader", "human");
        assertEquals(0, human.code(), human.err());
        assertTrue(human.out().contains("human where a person graded (2 answers), else contains (8 answers fall back"), human.out());
        // no adaptation: A 1/3, B 1 -> 66.7 % (micro 3/5 = 60.0 %); passage only: A 2/3, B 1 -> 83.3 % (micro 4/5 = 80.0 %).
        assertTrue(row(human.out(), "no adaptation", "66.7 %") && row(human.out(), "no adaptation", "60.0 %"), human.out());
        assertTrue(row(human.out(), "passage only", "83.3 %") && row(human.out(), "passage only", "80.0 %"), human.out());
        assertTrue(human.out().contains("human (else contains)"), human.out());

        CliTest.Result csv = CliTest.run("report", "--workspace", ws, "--grader", "human", "--csv");
        assertEquals(0, csv.code(), csv.err());
        assertTrue(csv.out().contains("\npassage only,human (else contains),0.833333,"), csv.out());
        assertTrue(csv.err().contains("8 answers fall back"), csv.err());

        CliTest.Result badFallback = CliTest.run("report", "--workspace", ws, "--grader", "human", "--fallback", "exact_match");
        assertEquals(1, badFallback.code());
        assertTrue(badFallback.err().contains("no answers graded by 'exact_match' (graders here: contains)"), badFallback.err());
    }

    private static boolean row(String out, String condition, String value) {
        return out.lines().anyMatch(l -> l.startsWith(condition + " ") && l.contains(" " + value));
    }
}
