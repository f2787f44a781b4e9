package org.sealworkbench.seal.arc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.store.ArcRunRecord;
import org.sealworkbench.store.ExperimentLog;

class ArcTableTest {
    @TempDir
    Path tmp;

    private static final String SETTINGS = "{\"loraRank\": 128}";

    private static ArcRunRecord.New run(long model, String task, String config, String text, Boolean solved) {
        return new ArcRunRecord.New(model, "eval.json", task, config, text, SETTINGS, 4, 0, 2, 0.5, null, 7, 7, null, null,
                solved, "[]", 1.0, 0.5, List.of());
    }

    @Test
    void theSelfEditsOfAFewShotRoundsModelAreNamedAsTheRounds() {
        TttConfig c = TttConfig.of(false, false, false, false, TttConfig.Strategy.OUTPUT_TOKENS, 1e-2, 8);
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            long gen = log.findOrAddModel("/models/gen", "llama", "gen");
            long round = log.addModel("/ws/models/arc-round-2", "llama", "arc-round-2", gen);
            long other = log.addModel("/ws/models/round-1", "llama", "round-1", gen);   // a knowledge round's model
            log.addExperiment("Few-shot ReST-EM round 2 [01234567]: train.json", "{\"kind\": \"" + ArcRestEm.EXPERIMENT_KIND
                    + "\", \"round\": 2, \"model_dir\": \"/ws/models/arc-round-2\", \"pairs\": []}");
            log.addExperiment("notes", "{\"kind\": \"something else\", \"round\": 5, \"model_dir\": \"/ws/models/round-1\"}");
            log.addExperiment("hand-written", "not json " + ArcRestEm.EXPERIMENT_KIND);
            log.addArcRun(run(gen, "a", c.toJson(), "{...}", false));
            log.addArcRun(run(round, "a", c.toJson(), "{...}", true));
            log.addArcRun(run(other, "a", c.toJson(), "{...}", true));
            log.addArcRun(run(round, "a", c.toJson(), null, true));   // a config given by hand to the round's model
            List<String> conditions = ArcTable.compute(log).stream().map(ArcTable.Row::condition).toList();
            assertTrue(conditions.contains("self-edits of gen"), conditions.toString());
            assertTrue(conditions.contains("self-edits of arc-round-2 (after few-shot RL round 2)"), conditions.toString());
            assertTrue(conditions.contains("self-edits of round-1"), "only few-shot rounds are named: " + conditions);
            assertTrue(conditions.contains("config: " + c.shortForm()), conditions.toString());
        }
    }

    @Test
    void groupsByConditionAndCountsPairsAndTasks() {
        TttConfig c = TttConfig.of(true, false, false, false, TttConfig.Strategy.OUTPUT_TOKENS, 1e-3, 8);
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            long m = log.findOrAddModel("/models/tiny", "llama", "tiny");
            // a given config: task a solved, task b not, twice on task a (another seed would make another run)
            log.addArcRun(run(m, "a", c.toJson(), null, true));
            log.addArcRun(run(m, "b", c.toJson(), null, false));
            log.addArcRun(run(m, "a", c.toJson(), null, false));
            // two sampled self-edits on task b, one solves
            log.addArcRun(run(m, "b", c.toJson(), "{...}", true));
            log.addArcRun(run(m, "b", c.toJson(), "{...}", false));
            // the baseline, and a run whose solution is unknown (not counted)
            log.addArcRun(run(m, "a", null, null, false));
            log.addArcRun(run(m, "c", null, null, null));

            List<ArcTable.Row> rows = ArcTable.compute(log);
            assertEquals(4, rows.size());
            ArcTable.Row given = rows.get(0);
            assertEquals("config: " + c.shortForm(), given.condition());
            assertEquals(2, given.tasks());
            assertEquals(3, given.pairs());
            assertEquals(1, given.solved());
            assertEquals(1, given.tasksSolved());
            assertEquals(1 / 3.0, given.share(), 1e-12);
            assertTrue(given.ciLow() <= given.share() && given.share() <= given.ciHigh());
            ArcTable.Row sampled = rows.get(1);
            assertEquals("self-edits of tiny", sampled.condition());
            assertEquals(1, sampled.tasks());
            assertEquals(2, sampled.pairs());
            assertEquals(1, sampled.solved());
            // one task: every resample is that task, so the interval is the point
            assertEquals(0.5, sampled.ciLow(), 1e-12);
            assertEquals(0.5, sampled.ciHigh(), 1e-12);
            ArcTable.Row baseline = rows.get(2);
            assertEquals("no test-time training", baseline.condition());
            assertEquals(1, baseline.pairs(), "the run without a solution is left out");

            // two self-edit conditions: the oracle row, one pair per task, a solved by the config, b by a sample
            ArcTable.Row oracle = rows.get(3);
            assertEquals(ArcTable.ORACLE, oracle.condition());
            assertEquals(2, oracle.tasks());
            assertEquals(2, oracle.pairs());
            assertEquals(2, oracle.solved());

            String text = ArcTable.text(rows);
            assertTrue(text.startsWith("Few-shot (ARC), eval.json\n"), text);
            assertTrue(text.contains("33.3%"), text);
        }
    }

    @Test
    void noOracleRowForASingleSelfEditCondition() {
        TttConfig c = TttConfig.of(true, false, false, false, TttConfig.Strategy.OUTPUT_TOKENS, 1e-3, 8);
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            long m = log.findOrAddModel("/models/tiny", "llama", "tiny");
            log.addArcRun(run(m, "a", c.toJson(), null, true));
            log.addArcRun(run(m, "a", null, null, false));
            List<ArcTable.Row> rows = ArcTable.compute(log);
            assertEquals(List.of("config: " + c.shortForm(), ArcTable.BASELINE),
                    rows.stream().map(ArcTable.Row::condition).toList());
        }
    }
}
