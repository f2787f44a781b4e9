package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.NewSelfEdit;

class ResultsTableTest {
    @TempDir
    Path tmp;

    ExperimentLog log;
    long model;

    @BeforeEach
    void open() {
        log = ExperimentLog.open(tmp.resolve("ws"));
        model = log.addModel("m", null, "M", null);
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        log.close();
    }

    long passage(int questions) {
        List<Question> qs = new ArrayList<>();
        for (int i = 0; i < questions; i++) qs.add(new Question("q" + i, "a" + i));
        return log.addPassage(new Passage("T" + System.nanoTime(), "C", qs), "test");
    }

    /** Stores answers (one per question, in order) in a run (or none when runId is null) with the given verdicts. */
    List<Long> answer(long passageId, Long runId, String condition, String grader, boolean... correct) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < correct.length; i++) {
            long q = log.questions(passageId).get(i).id();
            long a = log.addAnswer(q, runId, condition, "ans");
            Graders.store(log, a, Grade.of(correct[i], null, grader));
            ids.add(a);
        }
        return ids;
    }

    long run(long passageId, Long selfEditId, String condition, String settings) {
        return log.startRun(null, model, passageId, selfEditId, condition, settings, 1);
    }

    long selfEdit(long passageId, String text) {
        return log.addSelfEdit(new NewSelfEdit(passageId, text, AuthorKind.MODEL, model, null, null, null, null, null));
    }

    @Test
    void macroMicroAndTIntervalHandComputed() {
        // Per-passage accuracies 0.5, 0.5, 1, 0.5, 0.5: mean 0.6, sd sqrt(0.05), t(0.975, 4) = 2.776445,
        // half width = 2.776445 * sqrt(0.05) / sqrt(5) = 0.2776445.
        boolean[][] verdicts = {{true, false}, {true, false}, {true, true}, {false, true}, {true, false}};
        for (boolean[] v : verdicts) answer(passage(2), null, Conditions.NO_ADAPTATION, "exact_match", v);
        ResultsTable t = ResultsTable.compute(log, null, null);
        assertEquals(1, t.rows().size());
        ResultRow r = t.rows().get(0);
        assertEquals(Conditions.NO_ADAPTATION, r.condition());
        assertEquals("exact_match", r.grader());
        assertEquals(0.6, r.macroAccuracy(), 1e-12);
        assertEquals(0.6 - 0.2776445, r.ciLow(), 1e-6);
        assertEquals(0.6 + 0.2776445, r.ciHigh(), 1e-6);
        assertEquals(0.6, r.microAccuracy(), 1e-12);
        assertEquals(5, r.nPassages());
        assertEquals(10, r.nQuestions());
        assertEquals(0, r.nRuns());
        assertEquals("-", r.settingsDigest());
    }

    @Test
    void perPassageAccuracyAveragesRepeatsThenSelfEdits() {
        long p1 = passage(2);
        long p2 = passage(3);
        String cond = Conditions.selfEditsOf("M");
        String s1 = Presets.reference().toJson();
        long a = selfEdit(p1, "A");
        long b = selfEdit(p1, "B");
        long c = selfEdit(p2, "C");
        answer(p1, run(p1, a, cond, s1), cond, "contains", true, false);  // 0.5
        answer(p1, run(p1, a, cond, s1), cond, "contains", true, true);   // 1.0 -> self-edit A: 0.75
        answer(p1, run(p1, b, cond, s1), cond, "contains", false, false); // 0.0 -> self-edit B: 0
        answer(p2, run(p2, c, cond, s1), cond, "contains", true, false, true); // 2/3
        ResultRow r = ResultsTable.compute(log, null, "contains").rows().get(0);
        // Passage 1 = (0.75 + 0) / 2 = 0.375 (a flat mean over its runs would be 0.5); passage 2 = 2/3.
        assertEquals(0.375, r.passages().get(0).accuracy(), 1e-12);
        assertEquals(3, r.passages().get(0).runs());
        assertEquals(2.0 / 3, r.passages().get(1).accuracy(), 1e-12);
        assertEquals((0.375 + 2.0 / 3) / 2, r.macroAccuracy(), 1e-12);
        assertEquals(5.0 / 9, r.microAccuracy(), 1e-12);
        // Two passages: half width 12.706 * sd / sqrt(2) exceeds the range, so the interval is clipped.
        assertEquals(0.0, r.ciLow());
        assertEquals(1.0, r.ciHigh());
        assertEquals(2, r.nPassages());
        assertEquals(5, r.nQuestions());
        assertEquals(9, r.nAnswers());
        assertEquals(4, r.nRuns());
        assertEquals(Presets.reference().digest(), r.settingsDigest());
    }

    @Test
    void theSameConditionUnderOtherSettingsIsARowOfItsOwnAndPairsOnlyWithItsOwnSettings() {
        // Two inner-loop settings in one workspace: passage only and the base's self-edits under each, on the same passages.
        String s1 = Presets.sealTinyCpu().toJson();
        String s2 = Presets.reference().toJson();
        String edits = Conditions.selfEditsOf("M");
        long[] ps = {passage(2), passage(2), passage(2)};
        boolean[][] passageOnly1 = {{false, false}, {true, false}, {false, false}};   // 0, .5, 0
        boolean[][] edits1 = {{true, false}, {true, true}, {true, false}};            // .5, 1, .5  -> +0.5 each over s1's
        boolean[][] passageOnly2 = {{true, true}, {true, true}, {true, false}};       // 1, 1, .5
        boolean[][] edits2 = {{false, false}, {true, false}, {false, false}};         // 0, .5, 0   -> far below s2's
        for (int i = 0; i < ps.length; i++) {
            long e = selfEdit(ps[i], "E" + i);
            answer(ps[i], run(ps[i], null, Conditions.PASSAGE_ONLY, s1), Conditions.PASSAGE_ONLY, "contains", passageOnly1[i]);
            answer(ps[i], run(ps[i], e, edits, s1), edits, "contains", edits1[i]);
            answer(ps[i], run(ps[i], null, Conditions.PASSAGE_ONLY, s2), Conditions.PASSAGE_ONLY, "contains", passageOnly2[i]);
            answer(ps[i], run(ps[i], e, edits, s2), edits, "contains", edits2[i]);
        }
        ResultsTable t = ResultsTable.compute(log, null, null);
        assertEquals(4, t.rows().size(), "one row per (condition, grader, settings): " + t.rows());
        ResultRow po1 = find(t, Conditions.PASSAGE_ONLY, Presets.sealTinyCpu().digest());
        ResultRow po2 = find(t, Conditions.PASSAGE_ONLY, Presets.reference().digest());
        assertEquals(1.0 / 6, po1.macroAccuracy(), 1e-12, "not pooled with the other settings' runs (that would be 0.5)");
        assertEquals(5.0 / 6, po2.macroAccuracy(), 1e-12);
        assertEquals(3, po1.nRuns());
        List<ResultsTable.PairedDifference> paired = t.pairedComparisons();
        assertEquals(2, paired.size(), "each self-edits row against its own settings' passage only: " + paired);
        for (ResultsTable.PairedDifference d : paired) {
            double expected = d.settingsDigest().equals(Presets.sealTinyCpu().digest()) ? 0.5 : -2.0 / 3;
            assertEquals(expected, d.mean(), 1e-12, d.toString());
            assertEquals(3, d.passages());
        }
        String text = ResultsTableFormat.text(t);
        assertTrue(text.contains(Presets.sealTinyCpu().digest()) && text.contains(Presets.reference().digest()), text);
        assertFalse(text.contains("mixed"), text);
        var json = com.google.gson.JsonParser.parseString(ResultsTableFormat.json(t)).getAsJsonObject();
        assertEquals(4, json.getAsJsonArray("rows").size());
        assertEquals(2, json.getAsJsonArray("paired").size());
        assertEquals(Conditions.PASSAGE_ONLY, json.getAsJsonArray("paired").get(0).getAsJsonObject().get("baseline").getAsString());
    }

    private static ResultRow find(ResultsTable t, String condition, String digest) {
        return t.rows().stream().filter(r -> r.condition().equals(condition) && r.settingsDigest().equals(digest)).findFirst()
                .orElseThrow(() -> new AssertionError(condition + " under " + digest + " not in " + t.rows()));
    }

    @Test
    void newestGradePerGraderCountsAndGradersGetTheirOwnRows() {
        long p = passage(2);
        List<Long> ids = answer(p, null, Conditions.NO_ADAPTATION, "exact_match", false, false);
        Graders.store(log, ids.get(0), Grade.of(true, "regraded", "exact_match"));
        Graders.store(log, ids.get(0), Grade.of(false, null, "contains"));
        Graders.store(log, ids.get(1), Grade.of(false, null, "contains"));
        ResultsTable t = ResultsTable.compute(log, null, null);
        assertEquals(List.of("exact_match", "contains"), t.rows().stream().map(ResultRow::grader).toList());
        assertEquals(0.5, t.rows().get(0).macroAccuracy(), 1e-12);
        assertEquals(2, t.rows().get(0).nAnswers());
        assertEquals(0.0, t.rows().get(1).macroAccuracy(), 1e-12);
        assertTrue(Double.isNaN(t.rows().get(0).ciLow()), "one passage: no interval");
        assertEquals(List.of("contains"), ResultsTable.compute(log, null, "contains").rows().stream().map(ResultRow::grader).toList());
        assertTrue(ResultsTable.compute(log, null, "f1@0.5").rows().isEmpty());
    }

    @Test
    void rowsComeInSealsOrder() {
        long p = passage(1);
        for (String c : List.of(Conditions.sealRound(2), "my own condition", Conditions.sealRound(1),
                Conditions.selfEditsOf("gpt4_1"), Conditions.PASSAGE_ONLY, Conditions.NO_ADAPTATION,
                Conditions.selfEditsOf("base"))) {
            answer(p, null, c, "g", true);
        }
        assertEquals(List.of("no adaptation", "passage only", "self-edits of gpt4_1", "self-edits of base",
                        "SEAL round 1", "SEAL round 2", "my own condition"),
                ResultsTable.compute(log, null, null).rows().stream().map(ResultRow::condition).toList());
    }

    @Test
    void experimentFilterAndFormats() {
        long p = passage(2);
        long exp = log.addExperiment("e1", null);
        long r1 = log.startRun(exp, model, p, null, Conditions.PASSAGE_ONLY, "{\"x\":1}", 0);
        answer(p, r1, Conditions.PASSAGE_ONLY, "exact_match", true, false);
        answer(passage(2), null, Conditions.NO_ADAPTATION, "exact_match", true, true);
        ResultsTable only = ResultsTable.compute(log, exp, null);
        assertEquals(List.of(Conditions.PASSAGE_ONLY), only.rows().stream().map(ResultRow::condition).toList());
        assertEquals(SealSettings.digestOf("{\"x\":1}"), only.rows().get(0).settingsDigest());

        ResultsTable all = ResultsTable.compute(log, null, null);
        String text = ResultsTableFormat.text(all);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("no adaptation ") && l.contains("100.0 %") && l.contains("n/a")), text);
        assertTrue(text.contains("t-interval over passages"), text);
        String csv = ResultsTableFormat.csv(all);
        assertEquals("condition,grader,macro_accuracy,ci_low,ci_high,micro_accuracy,n_passages,n_questions,n_answers,n_runs,mean_run_seconds,settings_digest,micro_ci_low,micro_ci_high",
                csv.lines().findFirst().orElseThrow());
        assertTrue(csv.contains("\npassage only,exact_match,0.500000,,,0.500000,1,2,2,1,"), csv);
        com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(ResultsTableFormat.json(all)).getAsJsonObject();
        assertEquals(2, json.getAsJsonArray("rows").size());
        assertTrue(json.get("ci_method").getAsString().contains("t-interval"));
        assertEquals(0.5, json.getAsJsonArray("rows").get(1).getAsJsonObject().get("macro_accuracy").getAsDouble());
        assertTrue(ResultsTableFormat.text(ResultsTable.of(List.of(), null)).startsWith("No graded answers"));
    }

    @Test
    void runTimeIsTheSumOverTheRowsRunsAndUnknownWhenARunIsUnfinished() throws Exception {
        long p = passage(1);
        long a = run(p, null, Conditions.PASSAGE_ONLY, "{}");
        long b = run(p, null, Conditions.PASSAGE_ONLY, "{}");
        Thread.sleep(30);
        log.finishRun(a, "done");
        log.finishRun(b, "done");
        answer(p, a, Conditions.PASSAGE_ONLY, "exact_match", true);
        answer(p, b, Conditions.PASSAGE_ONLY, "exact_match", false);
        long c = run(p, null, "my own condition", "{}");
        answer(p, c, "my own condition", "exact_match", true);
        ResultsTable t = ResultsTable.compute(log, null, null);
        ResultRow done = t.rows().get(0);
        assertEquals(2, done.nRuns());
        assertTrue(done.runSeconds() >= 0.06 && done.runSeconds() < 60, "two runs of >= 30 ms each: " + done.runSeconds());
        assertEquals(done.runSeconds() / 2, done.secondsPerRun(), 1e-12);
        assertTrue(Double.isNaN(t.rows().get(1).runSeconds()), "an unfinished run makes the time unknown");
        assertTrue(ResultsTableFormat.text(t).lines().anyMatch(l -> l.startsWith("my own condition") && l.contains(" - ")));
        assertTrue(Double.isNaN(ResultsTable.of(log.gradedAnswers(null), null).rows().get(0).runSeconds()));
    }

    private static ResultRow row(String condition, long[] ids, double[] accs) {
        List<ResultRow.PassageAccuracy> ps = new ArrayList<>();
        for (int k = 0; k < ids.length; k++) ps.add(new ResultRow.PassageAccuracy(ids[k], accs[k], 5, 5, 1));
        return new ResultRow(condition, "contains", 0, 0, 0, 0, ids.length, 5 * ids.length, 5 * ids.length, ids.length,
                "abc", ps, Double.NaN);
    }

    @Test
    void pairedDifferenceUsesOnlySharedPassagesAndAStudentTInterval() {
        ResultRow base = row(Conditions.PASSAGE_ONLY, new long[] {1, 2, 3}, new double[] {0.2, 0.4, 0.6});
        ResultRow edits = row("self-edits of m", new long[] {1, 2, 3, 9}, new double[] {0.4, 0.5, 0.9, 0.0});
        ResultsTable.PairedDifference d = ResultsTable.paired(edits, base);
        assertEquals(3, d.passages(), "passage 9 has no baseline");
        assertEquals(0.2, d.mean(), 1e-12);
        double half = 4.302652729911275 * 0.1 / Math.sqrt(3);   // t(0.975, 2) * sd / sqrt(n); diffs 0.2, 0.1, 0.3
        assertEquals(0.2 - half, d.ciLow(), 1e-6);
        assertEquals(0.2 + half, d.ciHigh(), 1e-6);
        assertTrue(d.ciLow() < 0, "not clipped at 0: a difference can be negative");

        ResultRow other = row("self-edits of m", new long[] {7, 8}, new double[] {1, 1});
        ResultRow round1 = row(Conditions.sealRound(1), new long[] {1, 2, 3}, new double[] {0.6, 0.5, 0.9});
        ResultsTable t = new ResultsTable(List.of(base, edits, other, round1));
        List<ResultsTable.PairedDifference> all = t.pairedComparisons();
        assertEquals(List.of("self-edits of m - passage only", "SEAL round 1 - passage only", "SEAL round 1 - self-edits of m"),
                all.stream().map(x -> x.condition() + " - " + x.baseline()).toList(),
                "a row on other passages (e.g. RL's) has nothing to pair with; rounds are also paired with the self-edits they started from");
        assertEquals((0.2 + 0 + 0) / 3, all.get(2).mean(), 1e-12);
        String text = ResultsTableFormat.text(t);
        assertTrue(text.contains("paired by passage, same grader and settings"), text);
        assertTrue(text.contains("+20.0 points  [-4.8, +44.8]    over   3 passages  abc"), text);
    }

    @Test
    void runSecondsAreTheMeanPerRunInTextCsvAndJsonAlike() {
        // 3 runs taking 6.0 s together: 2.0 s per run, in every format, under one name.
        ResultRow r = new ResultRow("passage only", "contains", 0.5, Double.NaN, Double.NaN, 0.5, 1, 4, 12, 3, "abc",
                List.of(new ResultRow.PassageAccuracy(1, 0.5, 4, 12, 3)), 6.0);
        ResultsTable t = new ResultsTable(List.of(r));
        String text = ResultsTableFormat.text(t);
        assertTrue(text.lines().findFirst().orElseThrow().contains("mean s/run"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("passage only") && l.contains("  2.00  ") && !l.contains("6.00")), text);
        String csv = ResultsTableFormat.csv(t);
        assertTrue(csv.lines().skip(1).findFirst().orElseThrow().endsWith(",3,2.000000,abc,,"), csv);
        com.google.gson.JsonObject row = com.google.gson.JsonParser.parseString(ResultsTableFormat.json(t)).getAsJsonObject()
                .getAsJsonArray("rows").get(0).getAsJsonObject();
        assertEquals(2.0, row.get("mean_run_seconds").getAsDouble(), 1e-12);
        assertFalse(row.has("run_seconds"), "no second, differently meant column");
    }
}
