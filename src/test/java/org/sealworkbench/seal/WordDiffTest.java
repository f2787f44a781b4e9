package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealworkbench.seal.WordDiff.Span;

class WordDiffTest {
    private static String cut(String s, Span sp) {
        return s.substring(sp.start(), sp.end());
    }

    @Test
    void aReplacedWordIsMarkedInBothTexts() {
        String a = "The sky of Tor is blue.";
        String b = "The sky of Tor is green.";
        WordDiff.Result r = WordDiff.diff(a, b);
        assertEquals(List.of(new Span(18, 23)), r.left());
        assertEquals("blue.", cut(a, r.left().get(0)));
        assertEquals("green.", cut(b, r.right().get(0)));
    }

    @Test
    void anInsertionIsMarkedOnlyOnTheRight() {
        String a = "one two three";
        String b = "one two and a half three";
        WordDiff.Result r = WordDiff.diff(a, b);
        assertTrue(r.left().isEmpty());
        assertEquals(1, r.right().size());
        assertEquals("and a half", cut(b, r.right().get(0)));
    }

    @Test
    void aDeletionIsMarkedOnlyOnTheLeftAndSeveralChangesGiveSeveralSpans() {
        String a = "alpha beta gamma delta epsilon";
        String b = "alpha gamma DELTA epsilon";
        WordDiff.Result r = WordDiff.diff(a, b);
        assertEquals(List.of("beta", "delta"), r.left().stream().map(s -> cut(a, s)).toList());
        assertEquals(List.of("DELTA"), r.right().stream().map(s -> cut(b, s)).toList());
    }

    @Test
    void whitespaceAloneIsNoDifference() {
        WordDiff.Result r = WordDiff.diff("a  b\nc", "a b c\n");
        assertTrue(r.identical());
        assertTrue(WordDiff.diff("", "").identical());
        assertEquals("x y", cut("x y", WordDiff.diff("", "x y").right().get(0)));
    }
}
