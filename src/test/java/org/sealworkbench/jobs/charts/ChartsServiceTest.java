package org.sealworkbench.jobs.charts;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.seal.Conditions;
import org.sealworkbench.seal.Grade;
import org.sealworkbench.seal.Graders;
import org.sealworkbench.seal.ResultRow;
import org.sealworkbench.seal.ResultsTable;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;
import org.sealworkbench.store.ArcRunRecord;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.seal.arc.ArcTable;
import org.sealworkbench.seal.arc.TttConfig;

/** The charts' numbers are the results table's (seal report), and the runs table counts a run's newest grades. */
public class ChartsServiceTest {
    @TempDir Path tmp;

    /** A workspace with two settings snapshots, two graders, passage-only and no-adaptation runs and loss steps. */
    public static Path workspace(Path dir) {
        Path ws = dir.resolve("ws");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            long model = log.addModel("m", null, "tiny", null);
            boolean[][] base = {{true, false, false}, {false, false, true}, {true, true, false}, {false, false, false}};
            boolean[][] passage = {{true, true, false}, {true, false, true}, {true, true, true}, {false, true, false}};
            for (int p = 0; p < base.length; p++) {
                List<Question> qs = new ArrayList<>();
                for (int i = 0; i < 3; i++) qs.add(new Question("q" + i, "a" + i));
                long pid = log.addPassage(new Passage("T" + p, "C" + p, qs), "test");
                for (String settings : List.of("{\"lr\":1}", "{\"lr\":2}")) {
                    long r0 = log.startRun(null, model, pid, null, Conditions.NO_ADAPTATION, settings, 1);
                    store(log, pid, r0, Conditions.NO_ADAPTATION, base[p]);
                    log.finishRun(r0, "done");
                    long r1 = log.startRun(null, model, pid, null, Conditions.PASSAGE_ONLY, settings, 1);
                    for (int s = 0; s < 5; s++) log.addTrainingStep(r1, s, 2.0 / (s + 1), 1e-3);
                    store(log, pid, r1, Conditions.PASSAGE_ONLY, settings.contains("2") ? base[p] : passage[p]);
                    log.finishRun(r1, "done");
                }
            }
        }
        return ws;
    }

    /** The settings JSON of {@link #fewShotWorkspace}'s runs. */
    public static final String ARC_SETTINGS = "{\"loraRank\": 128}";
    /** The config given by hand in {@link #fewShotWorkspace}. */
    public static final TttConfig ARC_CONFIG = TttConfig.of(true, false, false, false, TttConfig.Strategy.OUTPUT_TOKENS, 3e-3, 8);

    /**
     * A workspace with few-shot ARC runs only: in "eval.json" the baseline on tasks a and b (neither solved) and a given
     * config on a (twice, both solved) and b (not solved); in "train.json" the config on x (solved); and a run on task c
     * whose solution is unknown (left out of the table).
     */
    public static Path fewShotWorkspace(Path dir) {
        Path ws = dir.resolve("fewshot-ws");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            long m = log.findOrAddModel("/models/tiny", "llama", "tiny");
            String c = ARC_CONFIG.toJson();
            log.addArcRun(arcRun(m, "eval.json", "a", null, false));
            log.addArcRun(arcRun(m, "eval.json", "b", null, false));
            log.addArcRun(arcRun(m, "eval.json", "a", c, true));
            log.addArcRun(arcRun(m, "eval.json", "b", c, false));
            log.addArcRun(arcRun(m, "eval.json", "a", c, true));
            log.addArcRun(arcRun(m, "eval.json", "c", c, null));
            log.addArcRun(arcRun(m, "train.json", "x", c, true));
        }
        return ws;
    }

    private static ArcRunRecord.New arcRun(long model, String set, String task, String config, Boolean solved) {
        return new ArcRunRecord.New(model, set, task, config, null, ARC_SETTINGS, 4, 0, 2, 0.5, null, 7, 7, null, null,
                solved, "[]", 1.0, 0.5, List.of());
    }

    @Test
    void fewShotRowsAreTheArcTableRowForRow() {
        Path ws = fewShotWorkspace(tmp);
        ChartsData data = new ChartsService(ws).read(Progress.none(), new CancelToken());
        List<ArcTable.Row> table;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            table = ArcTable.compute(log);
        }
        assertEquals(3, table.size());
        assertEquals(table.size(), data.fewShot().size());
        for (int i = 0; i < table.size(); i++) {
            ArcTable.Row t = table.get(i);
            ChartsData.FewShotRow r = data.fewShot().get(i);
            assertEquals(List.of(t.taskSet(), t.model(), t.settingsDigest(), t.condition()),
                    List.of(r.taskSet(), r.model(), r.settingsDigest(), r.condition()));
            assertEquals(List.of(t.tasks(), t.pairs(), t.solved(), t.tasksSolved()),
                    List.of(r.tasks(), r.pairs(), r.solved(), r.tasksSolved()));
            assertEquals(t.share(), r.share(), 0.0);
            assertEquals(t.ciLow(), r.ciLow(), 0.0);
            assertEquals(t.ciHigh(), r.ciHigh(), 0.0);
        }
        // by hand: the table's order (first stored run), the unknown solution left out, the digest of the settings
        ChartsData.FewShotRow baseline = data.fewShot().get(0), given = data.fewShot().get(1), train = data.fewShot().get(2);
        assertEquals("eval.json", baseline.taskSet());
        assertEquals("no test-time training", baseline.condition());
        assertEquals(List.of(2, 2, 0, 0), List.of(baseline.tasks(), baseline.pairs(), baseline.solved(), baseline.tasksSolved()));
        assertEquals(0.0, baseline.share(), 0.0);
        assertEquals("config: " + ARC_CONFIG.shortForm(), given.condition());
        assertEquals(List.of(2, 3, 2, 1), List.of(given.tasks(), given.pairs(), given.solved(), given.tasksSolved()),
                "task c (no solution) is not counted");
        assertEquals(2 / 3.0, given.share(), 1e-12);
        assertTrue(given.ciLow() < given.share() && given.share() < given.ciHigh(), given.toString());
        assertEquals("tiny @ " + SealSettings.digestOf(ARC_SETTINGS), given.group());
        assertEquals("train.json", train.taskSet());
        assertEquals(1.0, train.share(), 0.0);
        assertEquals(1.0, train.ciLow(), 0.0, "one task: every resample is that task");
        assertFalse(data.isEmpty(), "a workspace with few-shot runs only is not empty");
        assertTrue(data.conditions().isEmpty());
        assertEquals(7, data.runs().size(), "its seven few-shot runs are its runs");
        assertTrue(data.runs().stream().allMatch(ChartsData.RunRow::fewShot));
    }

    static void store(ExperimentLog log, long pid, long run, String condition, boolean[] verdicts) {
        for (int i = 0; i < verdicts.length; i++) {
            long a = log.addAnswer(log.questions(pid).get(i).id(), run, condition, "ans");
            Graders.store(log, a, Grade.of(verdicts[i], null, "exact_match"));
            Graders.store(log, a, Grade.of(!verdicts[i], null, "contains"));   // a second grader, flipped
        }
    }

    @Test
    void conditionsAreExactlyTheResultsTableRows() {
        Path ws = workspace(tmp);
        ChartsData data = new ChartsService(ws).read(Progress.none(), new CancelToken());
        List<ResultRow> rows;
        List<ResultsTable.PairedDifference> paired;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            ResultsTable t = ResultsTable.compute(log, null, null);
            rows = t.rows();
            paired = t.pairedComparisons();
        }
        assertEquals(8, rows.size(), "2 conditions x 2 graders x 2 settings");
        assertEquals(rows.size(), data.conditions().size());
        for (int i = 0; i < rows.size(); i++) {
            ResultRow r = rows.get(i);
            ChartsData.ConditionBar b = data.conditions().get(i);
            assertEquals(List.of(r.condition(), r.grader(), r.settingsDigest()), List.of(b.condition(), b.grader(), b.settingsDigest()));
            assertEquals(r.macroAccuracy(), b.macroAccuracy(), 0.0);
            assertEquals(r.ciLow(), b.ciLow(), 0.0);
            assertEquals(r.ciHigh(), b.ciHigh(), 0.0);
            assertEquals(r.microAccuracy(), b.microAccuracy(), 0.0);
            assertEquals(r.nPassages(), b.passages());
        }
        // Hand check of one bar: exact_match, passage only, lr 1: per-passage 2/3, 2/3, 1, 1/3 -> mean 2/3.
        assertTrue(data.conditions().stream().anyMatch(b -> b.grader().equals("exact_match")
                && b.condition().equals(Conditions.PASSAGE_ONLY) && Math.abs(b.macroAccuracy() - 2 / 3.0) < 1e-12));
        List<ResultsTable.PairedDifference> againstPassage = paired.stream()
                .filter(d -> d.baseline().equals(Conditions.PASSAGE_ONLY)).toList();
        assertEquals(4, againstPassage.size());
        assertEquals(againstPassage.size(), data.paired().size());
        for (int i = 0; i < againstPassage.size(); i++) {
            assertEquals(againstPassage.get(i).mean(), data.paired().get(i).mean(), 0.0);
            assertEquals(againstPassage.get(i).ciLow(), data.paired().get(i).ciLow(), 0.0);
            assertEquals(againstPassage.get(i).ciHigh(), data.paired().get(i).ciHigh(), 0.0);
        }
    }

    @Test
    void runsTableHasOneRowPerRunAndGraderAndLossCurvesAreTheStoredSteps() {
        ChartsService service = new ChartsService(workspace(tmp));
        ChartsData data = service.read(Progress.none(), new CancelToken());
        assertEquals(16 * 2, data.runs().size());
        ChartsData.RunRow first = data.runs().get(0);
        assertEquals(1, first.runId());
        assertEquals(ChartsService.EVALUATION, first.kind());
        assertEquals("tiny", first.model());
        assertEquals("contains", first.grader());   // graders in name order
        assertEquals(2 / 3.0, first.accuracy(), 1e-12);   // base[0] flipped: 2 of 3
        assertEquals(1 / 3.0, data.runs().get(1).accuracy(), 1e-12);
        assertEquals("done", first.status());
        assertEquals("T0", first.passage(), "the title of the run's passage");
        assertEquals("T3", data.runs().get(data.runs().size() - 1).passage());
        assertEquals(5, data.runs().get(2).lossSteps());
        List<ChartsData.LossCurve> curves = service.lossCurves(List.of(ChartsData.RunId.innerLoop(2)), new CancelToken());
        assertEquals(List.of(2.0, 1.0, 2 / 3.0, 0.5, 0.4), curves.get(0).points().stream().map(ChartsData.LossPoint::loss).toList());
    }

    /**
     * The runs are every run of the workspace, as History and `seal runs` list them: the inner-loop runs, then the
     * few-shot runs by ids of their own; a few-shot run's loss curve is its test-time training's stored steps, told apart
     * from the inner-loop run of the same number.
     */
    @Test
    void fewShotRunsAreRunsWithLossCurvesOfTheirOwn() {
        org.sealworkbench.jobs.history.FewShotFixture f = org.sealworkbench.jobs.history.FewShotFixture.build(tmp.resolve("ws"));
        ChartsService service = new ChartsService(f.workspace());
        ChartsData data = service.read(Progress.none(), new CancelToken());
        assertEquals(List.of("1", "A1", "A2", "A3", "A4", "A5", "A6"), data.runs().stream().map(r -> r.id().toString()).toList());
        ChartsData.RunRow arc = data.runs().get(1);
        assertEquals(ChartsData.RunRow.FEW_SHOT, arc.kind());
        assertEquals(3, arc.lossSteps());
        assertEquals(f.innerRun(), f.solvedB(), "the same number in both tables");

        List<ChartsData.LossCurve> curves = service.lossCurves(List.of(ChartsData.RunId.fewShot(f.solvedB()),
                ChartsData.RunId.innerLoop(f.innerRun()), ChartsData.RunId.fewShot(f.baseline())), new CancelToken());
        assertEquals(List.of(2.0, 1.0, 0.5), curves.get(0).points().stream().map(ChartsData.LossPoint::loss).toList(),
                "few-shot run A1's stored steps");
        assertEquals(List.of(1, 2, 3), curves.get(0).points().stream().map(ChartsData.LossPoint::step).toList());
        assertEquals("run A1 config: aug b · output tokens · lr 0.003 · 8 ep · task 66e6c45b", curves.get(0).label());
        assertEquals(ChartsData.RunId.fewShot(1), curves.get(0).run());
        assertEquals(List.of(1.5), curves.get(1).points().stream().map(ChartsData.LossPoint::loss).toList(),
                "inner-loop run 1's own step, not A1's");
        assertEquals("run 1 passage only · Owls", curves.get(1).label(), "the passage by its title, as the picker names it");
        assertEquals(List.of(), curves.get(2).points(), "the baseline trained nothing");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> service.lossCurves(List.of(ChartsData.RunId.fewShot(99)), new CancelToken()));
        assertTrue(e.getMessage().contains("no few-shot run A99") && e.getMessage().contains(ExperimentLog.DB_FILE), e.getMessage());
    }

    @Test
    void aFolderWithoutAWorkspaceIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChartsService(tmp.resolve("nothing")).read(Progress.none(), new CancelToken()));
        assertTrue(e.getMessage().contains("nothing") && e.getMessage().contains("workspace.db"), e.getMessage());
    }
}
