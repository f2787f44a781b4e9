package org.sealworkbench.llm.tokenizer;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {
    static final List<String> EOS = List.of("<|endoftext|>");

    @Test
    void firstMergesOfATinyCorpusAsWorkedOutByHand() {
        // Words: "hug" x1, "Ġhug" x2, "Ġpug" x1, "Ġpun" x1. Pairs: u g 4, h u 3, Ġ h 2, Ġ p 2, p u 2, u n 1.
        // 1. "u g" (4). Then h ug 3, Ġ h 2, Ġ p 2, p ug 1, p u 1, u n 1.
        // 2. "h ug" (3). Then Ġ hug 2, Ġ p 2: a tie, won by the smaller right id ("p" is a byte, "hug" new).
        // 3. "Ġ p" (2). 4. "Ġ hug" (2). Every other pair occurs once: below min frequency 2, so training stops.
        BpeModel m = new BpeTrainer(300, EOS, 2).train("hug hug hug pug pun");
        assertEquals(List.of(new BpeModel.Merge("u", "g"), new BpeModel.Merge("h", "ug"), new BpeModel.Merge("Ġ", "p"),
                new BpeModel.Merge("Ġ", "hug")), m.merges());
        assertEquals(1 + 256 + 4, m.vocabSize());
        assertEquals("<|endoftext|>", m.tokens().get(0));
        assertEquals(List.of("ug", "hug", "Ġp", "Ġhug"), m.tokens().subList(257, 261));

        BpeModel two = new BpeTrainer(259, EOS, 2).train("hug hug hug pug pun");
        assertEquals(2, two.merges().size());
        assertEquals(259, two.vocabSize());
    }

    @Test
    void specialTokensAreNeverSplitOrMerged() {
        BpeModel m = new BpeTrainer(400, EOS, 1).train("ab<|endoftext|>ab<|endoftext|>ab<|endoftext|>");
        assertTrue(m.merges().stream().noneMatch(x -> x.merged().contains("|") || x.merged().contains("<")), m.merges().toString());
        assertEquals(List.of(new BpeModel.Merge("a", "b")), m.merges());
    }

    @Test
    void byteAlphabetComesInCodePointOrderAfterTheSpecials() {
        BpeModel m = new BpeTrainer(257, EOS, 2).train("x");
        assertEquals("!", m.tokens().get(1));
        assertEquals("Ń", m.tokens().get(256));
        assertEquals(257, m.vocabSize());
        assertEquals("Ġ", String.valueOf(ByteLevel.charOf(' ')));
        assertEquals("Ċ", String.valueOf(ByteLevel.charOf('\n')));
        for (int b = 0; b < 256; b++) assertEquals(b, ByteLevel.byteOf(ByteLevel.charOf(b)));
    }

    @Test
    void incrementalCountingGivesTheSameMergesAsNaiveRecounting() {
        Random r = new Random(5);
        String[] syllables = {"ka", "ro", "th", "en", "ir", "ou", "s", "ba", "ab", "aa", "a"};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            int n = 1 + r.nextInt(4);
            for (int j = 0; j < n; j++) text.append(syllables[r.nextInt(syllables.length)]);
            text.append(r.nextInt(7) == 0 ? "\n" : r.nextInt(9) == 0 ? ", " : " ");
        }
        BpeTrainer trainer = new BpeTrainer(420, EOS, 2);
        Map<String, Long> words = trainer.countWords(text);
        assertEquals(naive(words, 420 - 257), trainer.train(words).merges());
    }

    /** BPE the slow, obvious way: recount every pair of every word before each merge. */
    static List<BpeModel.Merge> naive(Map<String, Long> words, int maxMerges) {
        List<String> tokens = new ArrayList<>(List.of("<|endoftext|>"));
        for (char c : ByteLevel.alphabet()) tokens.add(String.valueOf(c));
        Map<List<String>, Long> ws = new HashMap<>();
        words.forEach((w, n) -> {
            List<String> s = new ArrayList<>();
            for (char c : w.toCharArray()) s.add(String.valueOf(c));
            ws.put(s, n);
        });
        List<BpeModel.Merge> merges = new ArrayList<>();
        while (merges.size() < maxMerges) {
            Map<List<Integer>, Long> counts = new HashMap<>();
            for (var e : ws.entrySet()) {
                List<String> s = e.getKey();
                for (int i = 0; i + 1 < s.size(); i++) {
                    counts.merge(List.of(tokens.indexOf(s.get(i)), tokens.indexOf(s.get(i + 1))), e.getValue(), Long::sum);
                }
            }
            List<Integer> best = null;
            long bestCount = 0;
            for (var e : counts.entrySet()) {
                List<Integer> p = e.getKey();
                boolean better = e.getValue() > bestCount || (e.getValue() == bestCount
                        && (p.get(0) < best.get(0) || (p.get(0).equals(best.get(0)) && p.get(1) < best.get(1))));
                if (better) {
                    best = p;
                    bestCount = e.getValue();
                }
            }
            if (best == null || bestCount < 2) break;
            String a = tokens.get(best.get(0));
            String b = tokens.get(best.get(1));
            merges.add(new BpeModel.Merge(a, b));
            if (!tokens.contains(a + b)) tokens.add(a + b);
            Map<List<String>, Long> next = new HashMap<>();
            for (var e : ws.entrySet()) {
                List<String> s = e.getKey();
                List<String> out = new ArrayList<>();
                for (int i = 0; i < s.size(); ) {
                    if (i + 1 < s.size() && s.get(i).equals(a) && s.get(i + 1).equals(b)) {
                        out.add(a + b);
                        i += 2;
                    } else {
                        out.add(s.get(i++));
                    }
                }
                next.merge(out, e.getValue(), Long::sum);
            }
            ws.clear();
            ws.putAll(next);
        }
        return merges;
    }

    @Test
    void preTokenizerSplitsLikeGpt2AndLosesNothing() {
        assertEquals(List.of("Hello", ",", " world", "'s", " 42", "!!", "  ", " x", "\n\n\t"),
                PreTokenizer.BYTE_LEVEL.split("Hello, world's 42!!   x\n\n\t"));
        assertEquals(List.of("日本語", " 🙂", " naïve"), PreTokenizer.BYTE_LEVEL.split("日本語 🙂 naïve"));
        assertEquals(List.of("a", "\u00a0", "b", "\u2003", " c"), PreTokenizer.BYTE_LEVEL.split("a\u00a0b\u2003 c"));
    }

    @Test
    void trailingSpacePreTokenizerEndsAWordWithItsSpaceAndLosesNothing() {
        assertEquals(List.of("Hello", ", ", "world", "'s ", "42", "!! ", "  ", "x", "\n\n\t"),
                PreTokenizer.TRAILING_SPACE.split("Hello, world's 42!!   x\n\n\t"));
        assertEquals(List.of("\n", "Orsk ", "is"), PreTokenizer.TRAILING_SPACE.split("\nOrsk is"));
        assertEquals(List.of("of ", "Orsk ", "is"), PreTokenizer.TRAILING_SPACE.split("of Orsk is"));
    }

    @Test
    void ownEncoderRoundTripsAnyText() {
        BpeModel m = new BpeTrainer(320, EOS, 2).train("the theme then there the thin theory ".repeat(20));
        BpeTokenizer t = new BpeTokenizer(m);
        for (String s : List.of("", "the theme", "ünïcödé 日本語 🙂\r\n\ttabs", "<|endoftext|>x<|endoftext|>", "\u0000\u0001 control")) {
            assertEquals(s, t.decode(t.encode(s)), s);
        }
        int[] ids = t.encode("the<|endoftext|>");
        assertEquals(0, ids[ids.length - 1]);
        assertTrue(t.id("Ġthe") > 0, "a frequent word becomes one token");
        assertArrayEquals(new int[] {t.id("Ġthe")}, t.encode(" the"));
    }

    @Test
    void aTooSmallVocabularyIsRefusedWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BpeTrainer(200, EOS, 2));
        assertTrue(e.getMessage().contains("256"), e.getMessage());
    }
}
