package org.sealworkbench.seal;

import org.sealworkbench.util.Progress;
import static org.junit.jupiter.api.Assertions.*;

import org.sealworkbench.llm.ComputeDevice;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.NewSelfEdit;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.store.SelfEditRecord;

class EvaluationTest {
    @TempDir Path tmp;

    @Test
    void conditionsParseOrSayWhatIsKnown() {
        assertEquals(new Evaluation.Condition("no-adaptation", null), Evaluation.Condition.parse("no-adaptation"));
        assertEquals(new Evaluation.Condition("self-edits", "gpt4_1"), Evaluation.Condition.parse("self-edits:gpt4_1"));
        assertEquals(new Evaluation.Condition("seal-round", "2"), Evaluation.Condition.parse(" seal-round:2 "));
        for (String bad : List.of("", "seal-round:0", "seal-round:x", "self-edits:", "passage")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Evaluation.Condition.parse(bad));
            assertTrue(e.getMessage().contains("known: no-adaptation, passage-only"), e.getMessage());
        }
    }

    @Test
    void conditionsBecomeRowsOfTheResultsTableAndRerunsResume() throws Exception {
        SealFixtures.engine();
        Path ckpt = SealFixtures.checkpoint(tmp.resolve("base"), 6);
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            List<Long> ps = SealFixtures.passages(log, 3);
            // Imported self-edits of "gpt": two per validation passage; the first is the one evaluated.
            long gpt = log.addModel("gpt4_1", null, "gpt", null);
            for (long p : ps.subList(0, 2)) {
                log.addSelfEdit(new NewSelfEdit(p, "first by gpt " + p, AuthorKind.IMPORT, gpt, null, null, null, null, "f"));
                log.addSelfEdit(new NewSelfEdit(p, "second by gpt " + p, AuthorKind.IMPORT, gpt, null, null, null, null, "f"));
            }
            SealSettings s = SealFixtures.settings();
            Evaluation eval = new Evaluation(log, s, new PassageSplit(2), new SealFixtures.ParityGrader(), ComputeDevice.CPU);
            for (String c : List.of("no-adaptation", "passage-only", "base-self-edits", "self-edits:gpt")) {
                Evaluation.Result r = eval.run(ckpt, Evaluation.Condition.parse(c), 10, Progress.none(), () -> false);
                assertEquals(ps.subList(0, 2), r.passages(), "the validation set: the first 2 passages");
                assertEquals(c.equals("no-adaptation") ? 2 : 4, r.runs());
            }
            List<RunRecord> runs = log.runs();
            assertTrue(runs.stream().noneMatch(r -> r.passageId().equals(ps.get(2))), "the non-validation passage is never evaluated");
            assertTrue(runs.stream().allMatch(r -> r.status().equals("done")));

            ResultsTable t = ResultsTable.compute(log, null, null);
            assertEquals(List.of(Conditions.NO_ADAPTATION, Conditions.PASSAGE_ONLY, Conditions.selfEditsOf("base"),
                    Conditions.selfEditsOf("gpt")), t.rows().stream().map(ResultRow::condition).toList());
            for (ResultRow row : t.rows()) {
                assertEquals(2, row.nPassages());
                assertEquals(4, row.nQuestions());
            }

            // base-self-edits: the first sampled self-edit of the base model; self-edits:gpt: the first imported one.
            long baseId = log.models().stream().filter(m -> m.name().equals("base")).findFirst().orElseThrow().id();
            for (long p : ps.subList(0, 2)) {
                List<SelfEditRecord> mine = log.selfEdits(p).stream().filter(e -> Long.valueOf(baseId).equals(e.modelId())).toList();
                assertEquals(s.generation().k(), mine.size());
                assertEquals(Set.of(mine.get(0).id()), selfEditsOfRuns(runs, p, Conditions.selfEditsOf("base")));
                long firstGpt = log.selfEdits(p).stream().filter(e -> e.text().startsWith("first by gpt")).findFirst().orElseThrow().id();
                assertEquals(Set.of(firstGpt), selfEditsOfRuns(runs, p, Conditions.selfEditsOf("gpt")));
                // The evaluated self-edit's reward: mean adapted accuracy over its 2 repeats, outside any RL round.
                List<org.sealworkbench.store.RewardRecord> rw = log.rewards(firstGpt);
                assertEquals(1, rw.size());
                assertNull(rw.get(0).rlRoundId());
                assertEquals(2, rw.get(0).runIds().size());
                assertEquals((RestEmTest.accuracyFromGrades(log, rw.get(0).runIds().get(0))
                        + RestEmTest.accuracyFromGrades(log, rw.get(0).runIds().get(1))) / 2, rw.get(0).value(), 1e-12);
                // Every adapted condition sees the same seeds for a passage (common random numbers).
                assertEquals(seeds(runs, p, Conditions.PASSAGE_ONLY), seeds(runs, p, Conditions.selfEditsOf("gpt")));
                assertEquals(2, seeds(runs, p, Conditions.PASSAGE_ONLY).size());
            }

            // Running an evaluation again computes nothing and gives the same accuracy.
            long before = log.counts().runs();
            Evaluation again = new Evaluation(log, s, new PassageSplit(2), new SealFixtures.ParityGrader(), ComputeDevice.CPU);
            double first = t.rows().get(1).macroAccuracy();
            Evaluation.Result r = again.run(ckpt, Evaluation.Condition.parse("passage-only"), 10, Progress.none(), () -> false);
            assertEquals(before, log.counts().runs());
            assertEquals(4, again.reused());
            again.run(ckpt, Evaluation.Condition.parse("self-edits:gpt"), 10, Progress.none(), () -> false);
            for (long p : ps.subList(0, 2)) {
                long firstGpt = log.selfEdits(p).stream().filter(x -> x.text().startsWith("first by gpt")).findFirst().orElseThrow().id();
                assertEquals(1, log.rewards(firstGpt).size(), "no second reward from reused runs");
            }
            assertEquals(0, again.timing().innerLoops());
            assertEquals(first, r.macroAccuracy(), 1e-12);

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> again.run(ckpt, Evaluation.Condition.parse("seal-round:1"), 2, Progress.none(), () -> false));
            assertTrue(e.getMessage().contains("RL round 1 is not done"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> again.run(ckpt, Evaluation.Condition.parse("self-edits:nobody"), 2, Progress.none(), () -> false));
            assertTrue(e.getMessage().contains("no model named 'nobody'"), e.getMessage());
        }
    }

    private static Set<Long> selfEditsOfRuns(List<RunRecord> runs, long passage, String condition) {
        return runs.stream().filter(r -> r.passageId() == passage && r.condition().equals(condition)).map(RunRecord::selfEditId)
                .collect(Collectors.toSet());
    }

    private static Set<Long> seeds(List<RunRecord> runs, long passage, String condition) {
        return runs.stream().filter(r -> r.passageId() == passage && r.condition().equals(condition)).map(RunRecord::seed)
                .collect(Collectors.toSet());
    }
}
