package org.sealworkbench.jobs.qa;

import static org.junit.jupiter.api.Assertions.*;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealworkbench.seal.Ending;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.GradeRecord;

class QaServiceTest {
    @TempDir
    Path tmp;

    @Test
    void aRunsTableComparesItsAnswersWithThePassagesNoAdaptationRun() {
        QaFixture f = new QaFixture(tmp);
        try (QaService qa = QaService.open(tmp)) {
            List<QaRun> runs = qa.runs(f.passageA);
            assertEquals(List.of(f.baseA, f.runA), runs.stream().map(QaRun::runId).toList());
            assertEquals(1, runs.get(1).repeat());
            QaTable t = qa.table(f.passageA, f.runA);
            assertEquals(f.baseA, t.baseline().runId());
            assertEquals(List.of("contains"), t.graders());
            assertEquals(List.of("red", "blue", "green"), t.rows().stream().map(QaRow::gold).toList());
            assertEquals(List.of("red", "x", "green"), t.rows().stream().map(r -> r.before().text()).toList());
            assertEquals(List.of("red", "blue", "z"), t.rows().stream().map(r -> r.after().text()).toList());
            assertEquals(List.of(false, true, true), t.rows().stream().map(QaRow::changed).toList());
            assertEquals(List.of(false, true, false), t.rows().stream().map(r -> r.fixed("contains")).toList());
            assertEquals(List.of(false, false, true), t.rows().stream().map(r -> r.broken("contains")).toList());
            assertEquals(2 / 3.0, t.accuracyBefore("contains"), 1e-12);
            assertEquals(2 / 3.0, t.accuracyAfter("contains"), 1e-12);
            assertEquals(0.0, t.gain("contains"), 1e-12);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> qa.table(f.passageA, f.runB));
            assertTrue(e.getMessage().contains("workspace.db") && e.getMessage().contains("no done run " + f.runB), e.getMessage());
        }
    }

    @Test
    void aMultiPassageRunIsAmongTheRunsOfEachPassageItAnswered() {
        QaFixture f = new QaFixture(tmp);
        long cpt;
        try (ExperimentLog log = ExperimentLog.open(tmp)) {
            long model = log.findOrAddModel("/m", "llama", "m");
            cpt = log.startRun(null, model, null, null, "CPT: passage only", QaFixture.SETTINGS, 9);
            var qs = log.questions(f.passageA);
            for (int i = 0; i < qs.size(); i++) {
                long a = log.addAnswer(qs.get(i).id(), cpt, "CPT: passage only", i == 0 ? "red" : "no");
                org.sealworkbench.seal.Graders.store(log, a, org.sealworkbench.seal.Grade.of(i == 0, null, "contains"));
            }
            log.finishRun(cpt, "done");
        }
        try (QaService qa = QaService.open(tmp)) {
            assertTrue(qa.runs(f.passageA).stream().anyMatch(r -> r.runId() == cpt));
            assertTrue(qa.runs(f.passageB).stream().noneMatch(r -> r.runId() == cpt), "it answered none of B's questions");
            QaTable t = qa.table(f.passageA, cpt);
            assertEquals(List.of("red", "no", "no"), t.rows().stream().map(r -> r.after().text()).toList());
            assertEquals(1 / 3.0, t.accuracyAfter("contains"), 1e-12);
        }
    }

    @Test
    void aHumanVerdictIsStoredBesideTheAutomaticOneAndCountsFirst() {
        QaFixture f = new QaFixture(tmp);
        try (QaService qa = QaService.open(tmp)) {
            long z = f.answersRunA.get(2);   // "z" for green?, wrong by contains
            qa.overrule(z, "ann", true, "close enough");
            QaTable t = qa.table(f.passageA, f.runA);
            QaAnswer after = t.rows().get(2).after();
            assertFalse(after.automatic("contains").correct(), "the automatic verdict stays");
            assertEquals("human:ann", after.human().grader());
            assertEquals("close enough", after.human().note());
            assertTrue(after.correct("contains"));
            assertFalse(t.rows().get(2).broken("contains"), "no longer broken: the person says it is right");
            assertEquals(1.0, t.accuracyAfter("contains"), 1e-12);
        }
        try (ExperimentLog log = ExperimentLog.open(tmp)) {
            List<GradeRecord> grades = log.grades(f.answersRunA.get(2));
            assertEquals(List.of("contains", "human:ann"), grades.stream().map(GradeRecord::grader).toList());
            assertEquals("incorrect", grades.get(0).verdict());
            assertEquals("correct (close enough)", grades.get(1).verdict());
        }
    }

    @Test
    void passageSummariesGiveTheBestAccuracyAndTheGainOverPassageOnly() {
        QaFixture f = new QaFixture(tmp);
        try (QaService qa = QaService.open(tmp)) {
            List<PassageQaSummary> s = qa.passageSummaries("contains");
            assertEquals(2, s.size());
            // A: 2/3 under both; the first row reaching it (no adaptation) is kept. No self-edit condition: no gain.
            assertEquals(f.passageA, s.get(0).passageId());
            assertEquals(2 / 3.0, s.get(0).bestAccuracy(), 1e-12);
            assertEquals("no adaptation", s.get(0).bestCondition());
            assertTrue(Double.isNaN(s.get(0).gain()));
            // B: best is no adaptation (1.0); the baselines alone give no self-edit gain (LibraryQaTest has one).
            assertEquals(1.0, s.get(1).bestAccuracy(), 1e-12);
            assertEquals("no adaptation", s.get(1).bestCondition());
            assertTrue(Double.isNaN(s.get(1).passageOnlyAccuracy()));
            assertTrue(Double.isNaN(s.get(1).gain()));
            assertEquals(List.of("contains"), qa.graders());
        }
    }

    @Test
    void csvQuotesWhatNeedsQuotingAndListsHumanVerdicts() throws Exception {
        QaFixture f = new QaFixture(tmp);
        try (QaService qa = QaService.open(tmp)) {
            qa.overrule(f.answersRunA.get(1), "ann", false, "says \"blue\", but, well");
            QaTable t = qa.table(f.passageA, f.runA);
            StringWriter w = new StringWriter();
            QaCsv.write(t, t.rows(), w);
            String[] lines = w.toString().split("\r\n");
            assertEquals(4, lines.length, w.toString());
            assertEquals("question,gold,answer_before,answer_after,changed,contains before,contains after,human before,human after,"
                    + "cut before,cut after", lines[0]);
            assertEquals("red?,red,red,red,no,correct,correct,,,,", lines[1]);
            assertEquals("blue?,blue,x,blue,yes,incorrect,correct,,\"human:ann: incorrect (says \"\"blue\"\", but, well)\",,", lines[2]);
            Path out = tmp.resolve("qa.csv");
            QaCsv.write(t, t.rows().subList(0, 1), out);
            assertEquals(2, Files.readString(out).split("\r\n").length);
            try (var dir = Files.list(tmp)) {
                assertTrue(dir.noneMatch(p -> p.toString().endsWith(".part")), "no temporary file left");
            }
        }
    }

    @Test
    void csvSaysWhichLimitCutAnAnswer() throws Exception {
        Verdict right = new Verdict("contains", true, "correct");
        QaRow row = new QaRow(1, 1, "When?", "1962", new QaAnswer(1, "in the year of the", Ending.tokenLimit(32),
                List.of(right), null), new QaAnswer(2, "1962", Ending.contextFull(512), List.of(right), null));
        QaTable t = new QaTable(1, "Vessary", null, null, List.of("contains"), List.of(row));
        StringWriter w = new StringWriter();
        QaCsv.write(t, t.rows(), w);
        assertEquals("When?,1962,in the year of the,1962,yes,correct,correct,,,token limit (32),context full (512)",
                w.toString().split("\r\n")[1]);
    }
}
