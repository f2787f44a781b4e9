package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfEditSequencesTest {
    static final String T = "Vessary Lighthouse";
    static final String C = "The lighthouse was built in 1871.";
    static final String PASSAGE = T + "\n" + C;

    static List<String> lines(String completion) {
        return SelfEditSequences.build(T, C, completion);
    }

    static List<String> pieces(String completion) {
        return SelfEditSequences.build(T, C, completion, false, 30);
    }

    @Test
    void eachLineIsASequencePrefixedWithTheTitleAndThePassageComesLast() {
        assertEquals(List.of(T + "\nIt is old.", T + "\nIt was built before 1900.", PASSAGE),
                lines("It is old.\nIt was built before 1900."));
    }

    @Test
    void preambleIsDroppedWhenLineTwoStartsWithOneDot() {
        assertEquals(List.of(T + "\n1. A", T + "\n2. B", PASSAGE), lines("Here are the implications:\n1. A\n2. B"));
        // Two lines only: still dropped.
        assertEquals(List.of(T + "\n1. A", PASSAGE), lines("Sure:\n1. A"));
        // "1." on line 1 (no preamble): line 2 starts with "2.", nothing is dropped.
        assertEquals(List.of(T + "\n1. A", T + "\n2. B", PASSAGE), lines("1. A\n2. B"));
        // A single line starting with "1." is kept.
        assertEquals(List.of(T + "\n1. A", PASSAGE), lines("1. A"));
        // Only line 2 is looked at: "1." on line 3 drops nothing.
        assertEquals(List.of(T + "\nIntro", T + "\nMore", T + "\n1. A", PASSAGE), lines("Intro\nMore\n1. A"));
        // The check happens after blank lines are gone and lines are stripped.
        assertEquals(List.of(T + "\n1. A", PASSAGE), lines("Intro\n\n   1. A"));
    }

    @Test
    void dashSplitStripsAndDropsEmptyPieces() {
        assertEquals(List.of(T + "\nA", T + "\nB", PASSAGE), pieces("A\n---\nB"));
        assertEquals(List.of(T + "\nA", T + "\nB", PASSAGE), pieces("A\n---\n   \n---\nB"));
        // '---' at the start and at the end.
        assertEquals(List.of(T + "\nA", PASSAGE), pieces("---\nA\n---"));
        // A piece keeps its inner line breaks when lines are not split.
        assertEquals(List.of(T + "\nA\nA2", T + "\nB", PASSAGE), pieces("  A\nA2 ---B  "));
        // With line splitting, the pieces' lines are pooled.
        assertEquals(List.of(T + "\nA", T + "\nA2", T + "\nB", PASSAGE), lines("A\nA2\n---\nB"));
    }

    @Test
    void nothingLeftAfterTheDashSplitUsesTheWholeCompletion() {
        // The reference's quirk: only dashes -> the stripped completion itself, dashes and all.
        assertEquals(List.of(T + "\n---\n---", PASSAGE), pieces(" ---\n--- "));
        assertEquals(List.of(T + "\n---", T + "\n---", PASSAGE), lines(" ---\n--- "));
    }

    @Test
    void emptyOrBlankSelfEditLeavesOnlyThePassage() {
        assertEquals(List.of(PASSAGE), lines(""));
        assertEquals(List.of(PASSAGE), lines("  \n\t \n"));
        assertEquals(List.of(PASSAGE), pieces(""));
        assertEquals(List.of(PASSAGE), lines(null));
    }

    @Test
    void singleLineAndCrlf() {
        assertEquals(List.of(T + "\nOne fact.", PASSAGE), lines("  One fact.  "));
        assertEquals(List.of(T + "\n1. A", T + "\n2. B", PASSAGE), lines("Intro:\r\n1. A\r\n\r\n2. B\r\n"));
        assertEquals(List.of(T + "\nA", T + "\nB", PASSAGE), lines("A\rB"));
    }

    @Test
    void selfQaIsSplitBeforeEachQuestionEvenWithNumberingGaps() {
        // The prompt pre-filled "Question 1: ", so the completion starts with the question itself.
        String qa = "When was it built? \nAnswer: 1871\nQuestion 3: What colour is it?\nAnswer: white\n\n"
                + "Question 7: Where?\nAnswer: on the coast";
        assertEquals(List.of(T + "\nQuestion 1: When was it built? \nAnswer: 1871",
                // The reference does not strip the pieces: the blank line before "Question 7" leaves a "\n".
                T + "\nQuestion 3: What colour is it?\nAnswer: white\n",
                T + "\nQuestion 7: Where?\nAnswer: on the coast", PASSAGE), lines(qa));
        // A completion that repeats the label is not given a second one; "Question N:" mid-line does not split.
        assertEquals(List.of(T + "\nQuestion 1: Q? Answer: A see Question 2: inline", T + "\nQuestion 2: R?\nAnswer: B", PASSAGE),
                lines("Question 1: Q? Answer: A see Question 2: inline\nQuestion 2: R?\nAnswer: B"));
        // Self-QA is only recognised with an "Answer:"; otherwise lines are split as usual.
        assertEquals(List.of(T + "\nQuestion 1: who?", T + "\nQuestion 2: what?", PASSAGE),
                lines("Question 1: who?\nQuestion 2: what?"));
    }

    @Test
    void chainOfThoughtMarkerKeepsOnlyWhatFollows() {
        assertEquals(List.of(T + "\n1. A", T + "\n2. B", PASSAGE),
                lines("Thought Process:\nthe passage is about a lighthouse\nImplications:\n\n1. A\n2. B"));
    }

    @Test
    void atMostThirtySelfEditSequencesThenThePassage() {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 35; i++) b.append("Fact ").append(i).append('\n');
        List<String> out = lines(b.toString());
        assertEquals(31, out.size());
        assertEquals(T + "\nFact 30", out.get(29));
        assertEquals(PASSAGE, out.get(30));
        List<String> uncapped = SelfEditSequences.build(T, C, b.toString(), true, 0);
        assertEquals(36, uncapped.size());
    }

    @Test
    void passageIsStrippedAndSettingsAreHonoured() {
        assertEquals(List.of(T + "\nA", T + "\nC"), SelfEditSequences.build(T, "  C \n", "A", true, 30));
        InnerLoopSettings s = InnerLoopSettings.defaults();
        InnerLoopSettings noSplit = s.withSequences(new SequenceRules(s.padToLength(), s.lossOnPadding(), false, 1));
        assertEquals(List.of(T + "\nA\nB", PASSAGE), SelfEditSequences.build(T, C, "A\nB---D", noSplit));
        List<String> expected = new ArrayList<>(List.of(T + "\nA", T + "\nB", PASSAGE));
        assertEquals(expected, SelfEditSequences.build(T, C, "A\nB", s));
    }
}
