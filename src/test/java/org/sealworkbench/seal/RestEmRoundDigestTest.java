package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.util.Progress;

/**
 * Issue 21: a round's settings digest depends only on what affects that round, so {@code rl --rounds 1} then
 * {@code rl --rounds 2} stores the same digests as one {@code rl --rounds 2}, and report keeps one row per round.
 */
class RestEmRoundDigestTest {
    @TempDir Path tmp;

    private static SealSettings withRounds(SealSettings s, int n) {
        return new SealSettings(s.preset(), s.generation(), s.innerLoop(), s.eval(), s.rl().withRounds(n));
    }

    @Test
    void aRoundsSettingsAreTheRequestsWithTheRoundCountReplacedByTheRound() {
        SealSettings two = withRounds(SealFixtures.settings(), 2);
        SealSettings one = withRounds(SealFixtures.settings(), 1);
        assertNotEquals(one.digest(), two.digest(), "the request's round count is part of its snapshot");
        assertEquals(one.toJson(), RestEm.settingsOfRound(two, 1).toJson(), "round 1 of a 2-round run = a 1-round run");
        assertSame(two, RestEm.settingsOfRound(two, 2), "the last round keeps the request's snapshot (old rows keep their digest)");
        assertEquals(RestEm.settingsOfRound(withRounds(two, 5), 2).digest(), two.digest());
        // Nothing else changes: the inner loop, generation and SFT are the request's.
        assertEquals(two.innerLoop(), RestEm.settingsOfRound(two, 1).innerLoop());
        assertEquals(two.rl().sft(), RestEm.settingsOfRound(two, 1).rl().sft());
    }

    @Test
    void roundsOneThenTwoStoreTheDigestsOfOneTwoRoundRunAndReportOneRowPerRound() throws Exception {
        SealFixtures.engine();
        Path ckpt = SealFixtures.checkpoint(tmp.resolve("base"), 8);
        SealSettings d = SealFixtures.settings();
        RlSettings small = new RlSettings(1, 1, 1, 1, true, d.rl().sft(), d.rl().seed());
        SealSettings one = new SealSettings("test", d.generation(), d.innerLoop(), d.eval(), small);
        SealSettings two = withRounds(one, 2);

        Map<String, String> stepwise;
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("stepwise"))) {
            SealFixtures.passages(log, 3);
            new RestEm(log, one, new PassageSplit(1), new SealFixtures.ParityGrader(), ComputeDevice.CPU)
                    .run(ckpt, 1, Progress.none(), () -> false);
            RestEm again = new RestEm(log, two, new PassageSplit(1), new SealFixtures.ParityGrader(), ComputeDevice.CPU);
            again.run(ckpt, 2, Progress.none(), () -> false);
            assertEquals(1, again.reused(), "round 1 is reused, not recomputed");
            stepwise = digestsByCondition(log);
            // One row per condition: round 1 is not split between two digests.
            ResultsTable t = ResultsTable.compute(log, null, SealFixtures.ParityGrader.NAME);
            List<String> conditions = t.rows().stream().map(ResultRow::condition).toList();
            assertEquals(conditions.size(), new TreeSet<>(conditions).size(), "a condition in two rows: " + conditions);
        }
        Map<String, String> atOnce;
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("at-once"))) {
            SealFixtures.passages(log, 3);
            new RestEm(log, two, new PassageSplit(1), new SealFixtures.ParityGrader(), ComputeDevice.CPU)
                    .run(ckpt, 2, Progress.none(), () -> false);
            atOnce = digestsByCondition(log);
        }
        assertEquals(Map.of(
                RestEm.baselineCondition(1), one.digest(), RestEm.selfEditCondition(1), one.digest(),
                RestEm.baselineCondition(2), two.digest(), RestEm.selfEditCondition(2), two.digest()), stepwise);
        assertEquals(stepwise, atOnce);
    }

    /** condition -> the one digest its runs were stored under (fails when a condition has two). */
    private static Map<String, String> digestsByCondition(ExperimentLog log) {
        Map<String, String> out = new TreeMap<>();
        for (RunRecord r : log.runs()) {
            String digest = SealSettings.digestOf(r.settingsJson());
            String before = out.putIfAbsent(r.condition(), digest);
            assertTrue(before == null || before.equals(digest), r.condition() + " stored under " + before + " and " + digest);
        }
        return out;
    }
}
