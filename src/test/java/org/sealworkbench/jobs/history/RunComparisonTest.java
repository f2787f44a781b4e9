package org.sealworkbench.jobs.history;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two hand-made runs compared: the settings that differ, accuracy per grader, answers paired by question. */
class RunComparisonTest {
    static RunDetail run(long id, String settings, List<RunDetail.Answer> answers) {
        return new RunDetail(id, "passage only", "tiny", 1L, "Owls", null, "done", 7, settings, "d" + id, null, null,
                List.of(), answers);
    }

    static RunDetail.Answer answer(long q, int ordinal, String text, Map<String, Boolean> verdicts) {
        return new RunDetail.Answer(q, ordinal, "question " + q, "gold " + q, text, verdicts);
    }

    @Test
    void settingsDiffAccuracyAndChangedAnswers() {
        RunDetail a = run(1, "{\"preset\":\"seal-tiny-cpu\",\"innerLoop\":{\"lr\":0.001,\"epochs\":5},\"grader\":\"contains\"}", List.of(
                answer(10, 0, "night", Map.of("contains", true, "exact_match", true)),
                answer(11, 1, "day", Map.of("contains", false)),
                answer(12, 2, "owl", Map.of("contains", true))));
        RunDetail b = run(2, "{\"preset\":\"seal-tiny-cpu\",\"innerLoop\":{\"lr\":0.0003,\"epochs\":5},\"grader\":\"contains\",\"extra\":[1,2]}", List.of(
                answer(11, 1, "dusk", Map.of("contains", true)),
                answer(10, 0, "night", Map.of("contains", true, "exact_match", false)),
                answer(13, 3, "new", Map.of("contains", false))));
        RunComparison c = RunComparison.of(a, b);

        assertEquals(List.of(new RunComparison.SettingDiff("extra", "–", "[1,2]"),
                new RunComparison.SettingDiff("innerLoop.lr", "0.001", "0.0003")), c.settingsDiff());
        assertEquals(3, c.sameSettings(), "preset, innerLoop.epochs, grader");

        assertEquals(2, c.accuracies().size());
        RunComparison.GraderAccuracy contains = c.accuracies().get(0);
        assertEquals("contains", contains.grader());
        assertEquals(2 / 3.0, contains.a(), 1e-12);
        assertEquals(2 / 3.0, contains.b(), 1e-12);
        RunComparison.GraderAccuracy em = c.accuracies().get(1);
        assertEquals(1.0, em.a(), 1e-12);
        assertEquals(0.0, em.b(), 1e-12);
        assertEquals(-1.0, em.difference(), 1e-12);

        // by question: 10 same text, 11 changed, 12 only in a, 13 only in b
        assertEquals(List.of(10L, 11L, 12L, 13L), c.answers().stream().map(RunComparison.AnswerPair::questionId).toList());
        assertEquals(List.of(false, true, true, true), c.answers().stream().map(RunComparison.AnswerPair::changed).toList());
        assertNull(c.answers().get(2).answerB());
        assertNull(c.answers().get(3).answerA());
        assertEquals("dusk", c.answers().get(1).answerB().text());
        assertEquals(3, c.changedAnswers());
    }

    @Test
    void sameSettingsAndNoSnapshot() {
        RunComparison same = RunComparison.of(run(1, "{\"a\":1}", List.of()), run(2, "{\"a\":1}", List.of()));
        assertTrue(same.settingsDiff().isEmpty());
        assertEquals(1, same.sameSettings());
        RunComparison none = RunComparison.of(run(1, null, List.of()), run(2, "{\"a\":{\"b\":\"x\"}}", List.of()));
        assertEquals(List.of(new RunComparison.SettingDiff("a.b", "–", "x")), none.settingsDiff());
        assertTrue(none.accuracies().isEmpty());
    }

    @org.junit.jupiter.api.Test
    void aBatchedRunsDurationIsItsOwnShareNotItsBatchsSpan() {
        java.time.Instant t = java.time.Instant.parse("2026-12-05T00:00:00Z");
        RunDetail alone = new RunDetail(1, "passage only", "tiny", 1L, "Owls", null, "done", 7, null, "d", t, t.plusSeconds(12),
                List.of(), List.of());
        RunDetail batched = new RunDetail(2, "passage only", "tiny", 1L, "Owls", null, "done", 7, null, "d", t, t.plusSeconds(12),
                List.of(), List.of(), 4.25);
        org.junit.jupiter.api.Assertions.assertEquals(12.0, alone.durationSeconds(), 1e-9);
        org.junit.jupiter.api.Assertions.assertEquals(4.25, batched.durationSeconds(), 1e-9);
    }
}
