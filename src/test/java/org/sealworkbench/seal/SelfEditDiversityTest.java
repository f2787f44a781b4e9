package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealworkbench.seal.SelfEditDiversity.Format;

/** distinct-n, mean length and the format shares on hand-made texts, counted by hand. */
class SelfEditDiversityTest {
    @Test
    void distinctNCountsOverAllTextsWithoutCrossingThem() {
        // words: [the, cat, sat] and [the, cat, ran, the, cat]
        List<String> texts = List.of("The cat sat.", "the CAT ran; the cat");
        // unigrams: 8 in all; distinct: the, cat, sat, ran = 4
        assertEquals(4 / 8.0, SelfEditDiversity.distinctN(texts, 1), 1e-12);
        // bigrams: (the cat)(cat sat) | (the cat)(cat ran)(ran the)(the cat) = 6 in all, distinct: the-cat, cat-sat,
        // cat-ran, ran-the = 4 ("sat the" would cross the texts and is not counted)
        assertEquals(4 / 6.0, SelfEditDiversity.distinctN(texts, 2), 1e-12);
        assertEquals(1.0, SelfEditDiversity.distinctN(List.of("a b c d"), 2), 1e-12);
        assertTrue(Double.isNaN(SelfEditDiversity.distinctN(List.of("one"), 2)), "no bigram at all");
        assertTrue(Double.isNaN(SelfEditDiversity.distinctN(List.of(), 1)));
        assertThrows(IllegalArgumentException.class, () -> SelfEditDiversity.distinctN(texts, 0));
    }

    @Test
    void meanLengthIsInWords() {
        assertEquals((3 + 5) / 2.0, SelfEditDiversity.meanWords(List.of("The cat sat.", "the CAT ran; the cat")), 1e-12);
        assertEquals(List.of("it", "s", "75", "510"), SelfEditDiversity.words("It's 75,510!"));
        assertTrue(Double.isNaN(SelfEditDiversity.meanWords(List.of())));
    }

    @Test
    void formatsOfHandMadeTexts() {
        assertEquals(Format.QA_PAIRS, SelfEditDiversity.format("Q: When do owls hunt?\nA: At night.\nQ: What?\nA: Mice."));
        assertEquals(Format.QA_PAIRS, SelfEditDiversity.format("1. Question: Where?\n   Answer: Here."));
        assertEquals(Format.NUMBERED_LIST, SelfEditDiversity.format("1. Owls hunt at night.\n2. Owls eat mice."));
        assertEquals(Format.NUMBERED_LIST, SelfEditDiversity.format("Facts:\n1) Owls hunt.\n2) Bees buzz.\n"));
        assertEquals(Format.NUMBERED_LIST, SelfEditDiversity.format("- owls hunt\n- bees buzz"));
        assertEquals(Format.PROSE, SelfEditDiversity.format("Owls hunt at night. In 1320 it was founded."));
        assertEquals(Format.PROSE, SelfEditDiversity.format("1. Only one item is not a list."));
        assertEquals(Format.PROSE, SelfEditDiversity.format("Q: a question without its answer"));
        double[] shares = SelfEditDiversity.formatShares(List.of("Q: x\nA: y", "1. a\n2. b", "plain words", "more words"));
        assertArrayEquals(new double[] {0.25, 0.25, 0.5}, shares, 1e-12);
        assertArrayEquals(new double[] {0, 0, 0}, SelfEditDiversity.formatShares(List.of()), 0);
    }
}
