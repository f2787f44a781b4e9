package org.sealworkbench.jobs.charts;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.jobs.charts.ChartsData.DiversityRound;
import org.sealworkbench.jobs.charts.ChartsData.GainPoint;
import org.sealworkbench.jobs.charts.ChartsData.GainSeries;
import org.sealworkbench.jobs.charts.ChartsData.RewardPoint;
import org.sealworkbench.jobs.charts.ChartsData.RlRound;
import org.sealworkbench.jobs.charts.ChartsData.Validation;
import org.sealworkbench.seal.Conditions;
import org.sealworkbench.seal.Grade;
import org.sealworkbench.seal.Graders;
import org.sealworkbench.seal.SelfEditDiversity;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.NewSelfEdit;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/** The RL, per-passage gain and diversity data of a hand-made log, against numbers worked out by hand. */
public class RlChartsTest {
    @TempDir Path tmp;

    static final String SETTINGS = "{\"lr\":1}";
    static final List<String> ROUND1_TEXTS = List.of("Q: When?\nA: At night.", "1. Owls hunt.\n2. Owls eat mice.",
            "Bees make honey.", "Bees make honey and wax.");

    /**
     * Two passages (A, B; two questions each). Round 1 (m0 -> m1, done): A's self-edits earn 0.5 and 1.0, B's 0.0 and
     * 0.0; round 2 (m1, running): A's one self-edit earns 1.0. Evaluation under one settings snapshot: "no adaptation"
     * on m0 (A 0/2, B 1/2) and "SEAL round 1" on m1 with a self-edit (A 1/2, B 2/2).
     */
    public static Path workspace(Path dir) {
        Path ws = dir.resolve("rlws");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            long m0 = log.addModel("m0", null, "base", null);
            long m1 = log.addModel("m1", null, "round-1", m0);
            long a = log.addPassage(new Passage("Owls", "Owls hunt at night.", List.of(new Question("q1", "x"), new Question("q2", "y"))), "t");
            long b = log.addPassage(new Passage("Bees", "Bees make honey.", List.of(new Question("q3", "x"), new Question("q4", "y"))), "t");
            long r1 = log.startRlRound(1, m0);
            long[] pids = {a, a, b, b};
            double[] values = {0.5, 1.0, 0.0, 0.0};
            for (int i = 0; i < 4; i++) {
                long e = log.addSelfEdit(new NewSelfEdit(pids[i], ROUND1_TEXTS.get(i), AuthorKind.MODEL, m0, null, "t", "p", "{}", "rl round 1"));
                log.addReward(e, r1, List.of(), values[i]);
            }
            log.finishRlRound(r1, m1, "done");
            long r2 = log.startRlRound(2, m1);
            long e2 = log.addSelfEdit(new NewSelfEdit(a, "Owls hunt at night, owls eat mice.", AuthorKind.MODEL, m1, null, "t", "p", "{}", "rl round 2"));
            log.addReward(e2, r2, List.of(), 1.0);
            log.addReward(e2, null, List.of(), 0.25);   // a reward outside any round is not the round's
            // the evaluation
            for (long p : new long[] {a, b}) {
                long base = log.startRun(null, m0, p, null, Conditions.NO_ADAPTATION, SETTINGS, 1);
                answers(log, p, base, Conditions.NO_ADAPTATION, p == a ? new boolean[] {false, false} : new boolean[] {true, false});
                log.finishRun(base, "done");
                long se = log.addSelfEdit(NewSelfEdit.byModel(p, "edit of " + p, m1, "t", "p", "{}"));
                long run = log.startRun(null, m1, p, se, Conditions.sealRound(1), SETTINGS, 1);
                answers(log, p, run, Conditions.sealRound(1), p == a ? new boolean[] {true, false} : new boolean[] {true, true});
                log.finishRun(run, "done");
            }
        }
        return ws;
    }

    static void answers(ExperimentLog log, long pid, long run, String condition, boolean[] verdicts) {
        for (int i = 0; i < verdicts.length; i++) {
            long ans = log.addAnswer(log.questions(pid).get(i).id(), run, condition, "ans");
            Graders.store(log, ans, Grade.of(verdicts[i], null, "exact_match"));
        }
    }

    @Test
    void roundsRewardsValidationGainsAndDiversityAreTheHandComputedNumbers() {
        Path ws = workspace(tmp);
        ChartsData d = new ChartsService(ws).read(Progress.none(), new CancelToken());

        assertEquals(2, d.rlRounds().size());
        RlRound one = d.rlRounds().get(0), two = d.rlRounds().get(1);
        assertEquals(1, one.round());
        assertEquals(2, one.passages());
        assertEquals(4, one.selfEdits());
        assertEquals((0.75 + 0.0) / 2, one.meanReward(), 1e-12, "mean over passages of each passage's mean");
        assertEquals((1.0 + 0.0) / 2, one.meanBestReward(), 1e-12, "mean over passages of the best");
        assertEquals("base", one.modelIn());
        assertEquals("round-1", one.modelOut());
        assertEquals(1.0, two.meanReward(), 1e-12);
        assertNull(two.modelOut());
        assertEquals("running", two.status());

        List<RewardPoint> r1 = d.rewards().stream().filter(p -> p.round() == 1).toList();
        assertEquals(List.of(0.5, 1.0, 0.0, 0.0), r1.stream().map(RewardPoint::reward).toList());
        assertEquals(List.of(false, true, true, false), r1.stream().map(RewardPoint::best).toList(), "B's tie: the first wins");
        assertEquals(5, d.rewards().size(), "the reward outside a round is left out");

        // round 1's model on validation: A 1/2, B 2/2 -> macro 0.75; no self-edit evaluation of m0, so no round 0
        assertEquals(1, d.validation().size());
        Validation v = d.validation().get(0);
        assertEquals(1, v.round());
        assertEquals(Conditions.sealRound(1), v.condition());
        assertEquals(0.75, v.macroAccuracy(), 1e-12);
        assertEquals(2, v.passages());

        GainSeries g = d.gains().stream().filter(s -> s.condition().equals(Conditions.sealRound(1))).findFirst().orElseThrow();
        assertEquals(Conditions.NO_ADAPTATION, g.baseline());
        assertEquals(List.of("Owls", "Bees"), g.points().stream().map(GainPoint::title).toList());
        assertEquals(0.0, g.points().get(0).before(), 1e-12);
        assertEquals(0.5, g.points().get(0).after(), 1e-12);
        assertEquals(0.5, g.points().get(1).before(), 1e-12);
        assertEquals(1.0, g.points().get(1).after(), 1e-12);
        assertEquals(1, d.gains().size(), "no adaptation is nobody's gain");

        assertEquals(2, d.diversity().size());
        DiversityRound div = d.diversity().get(0);
        assertEquals(4, div.selfEdits());
        assertEquals(SelfEditDiversity.distinctN(ROUND1_TEXTS, 1), div.distinct1(), 1e-12);
        assertEquals(SelfEditDiversity.distinctN(ROUND1_TEXTS, 2), div.distinct2(), 1e-12);
        assertEquals(SelfEditDiversity.meanWords(ROUND1_TEXTS), div.meanWords(), 1e-12);
        assertEquals(0.25, div.qaShare(), 1e-12);
        assertEquals(0.25, div.listShare(), 1e-12);
        assertEquals(0.5, div.proseShare(), 1e-12);
    }

    @Test
    void rlRoundConditionsAreMeasuredFromTheirRoundsBaseline() {
        assertEquals("RL round 3: no adaptation", RlCharts.baselineOf("RL round 3: self-edits"));
        assertEquals(Conditions.NO_ADAPTATION, RlCharts.baselineOf(Conditions.PASSAGE_ONLY));
    }

    @Test
    void learnabilityPairsEachScoredSelfEditsLossWithItsRewardByAuthor() {
        Path ws = workspace(tmp);
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            long m0 = 1, m1 = 2;
            double[] losses = {3.0, 1.0, 4.0, 2.0};
            List<org.sealworkbench.store.SelfEditRecord> round1 = new java.util.ArrayList<>();
            for (org.sealworkbench.store.PassageSummary p : log.passages()) {
                for (org.sealworkbench.store.SelfEditRecord e : log.selfEdits(p.id())) if ("rl round 1".equals(e.sourceLabel())) round1.add(e);
            }
            round1.sort(java.util.Comparator.comparingLong(org.sealworkbench.store.SelfEditRecord::id));
            for (int i = 0; i < 4; i++) log.putPerplexity(round1.get(i).id(), m0, losses[i], 10 + i, "d");
            // the evaluation's self-edit of passage A (written by m1, adapted m1): no reward row, its run's accuracy 1/2
            long evalEdit = log.runs().stream().filter(r -> r.selfEditId() != null).findFirst().orElseThrow().selfEditId();
            log.putPerplexity(evalEdit, m1, 2.5, 7, "d");
            log.putPerplexity(evalEdit, m0, 2.6, 7, "d");   // under a model it did not write: another model's, no run: no reward
            log.putPerplexity(evalEdit, m1, 2.4, 7, "d");   // scored again: replaces the first
            assertEquals(6, log.perplexities().size() + 0, "replaced, not added");
        }
        ChartsData d = new ChartsService(ws).read(Progress.none(), new CancelToken());
        List<ChartsData.LearnPoint> own = d.learnability().stream().filter(p -> p.author().equals(ChartsData.OWN_MODEL)).toList();
        assertEquals(5, own.size());
        assertEquals(List.of(0.5, 1.0, 0.0, 0.0), own.subList(0, 4).stream().map(ChartsData.LearnPoint::reward).toList(), "rewards");
        assertEquals(List.of(3.0, 1.0, 4.0, 2.0), own.subList(0, 4).stream().map(ChartsData.LearnPoint::meanTokenLoss).toList());
        ChartsData.LearnPoint evalPoint = own.get(4);
        assertEquals(2.4, evalPoint.meanTokenLoss(), 1e-12);
        assertEquals(0.5, evalPoint.reward(), 1e-12, "no reward row: the accuracy of its run");
        List<ChartsData.LearnPoint> other = d.learnability().stream().filter(p -> p.author().equals(ChartsData.OTHER_MODEL)).toList();
        assertEquals(1, other.size());
        assertTrue(Double.isNaN(other.get(0).reward()), "no run of that model on it: no reward");
    }
}
