package org.sealworkbench.data.world;

import org.sealworkbench.util.Seeds;
import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;

class PassageRendererTest {
    static final World WORLD = WorldGeneratorTest.WORLD;

    @Test
    void everyPassageHasThreeToEightSentencesAndThreeToSixAnsweredQuestions() {
        for (Entity e : WORLD.entities()) {
            for (int v = 0; v < 3; v++) {
                Random r = new Random(Seeds.mix(5, e.id(), v));
                List<String> s = PassageRenderer.sentences(e, r);
                assertTrue(s.size() >= 3 && s.size() <= 8, e.title() + ": " + s);
                Passage p = PassageRenderer.passage(e, Seeds.mix(5, e.id(), v));
                assertEquals(e.title(), p.title());
                assertTrue(p.context().startsWith(Character.toUpperCase(e.mention().charAt(0)) + e.mention().substring(1) + " "), p.context());
                assertTrue(p.questions().size() >= 3 && p.questions().size() <= 6, p.toString());
                for (Question q : p.questions()) {
                    assertTrue(p.context().contains(q.answer()), "answer '" + q.answer() + "' not stated in: " + p.context());
                    assertTrue(q.question().contains(e.mention()), q.question());
                    assertTrue(q.question().endsWith("?") && Character.isUpperCase(q.question().charAt(0)), q.question());
                }
                for (String sentence : s) {
                    assertTrue(sentence.endsWith(".") && Character.isUpperCase(sentence.charAt(0)), sentence);
                    assertFalse(sentence.contains("{") || sentence.contains("  "), sentence);
                    assertFalse(sentence.matches(".*\\b[Aa] [aeiouAEIOU].*"), sentence);
                }
            }
        }
    }

    @Test
    void theSameSeedRendersTheSameTextAndOtherSeedsVaryThePhrasing() {
        int differ = 0;
        for (Entity e : WORLD.entities()) {
            assertEquals(PassageRenderer.passage(e, 77), PassageRenderer.passage(e, 77));
            if (!PassageRenderer.passage(e, 77).context().equals(PassageRenderer.passage(e, 78).context())) differ++;
        }
        assertTrue(differ > WORLD.entities().size() * 9 / 10, differ + " of " + WORLD.entities().size());
    }

    @Test
    void everySentenceTemplateIsUsedSomewhere() {
        // Which templates of each fact type the restatements use: each type should show several phrasings.
        Map<FactType, Set<Integer>> used = new HashMap<>();
        for (Entity e : WORLD.entities()) {
            Random r = new Random(e.id());
            for (Fact f : e.facts()) {
                for (int i = 0; i < 12; i++) {
                    String s = PassageRenderer.restatement(e, f, r);
                    List<String> templates = f.type().sentences();
                    for (int t = 0; t < templates.size(); t++) {
                        if (s.matches(asRegex(templates.get(t)))) used.computeIfAbsent(f.type(), x -> new HashSet<>()).add(t);
                    }
                }
            }
        }
        for (FactType t : FactType.values()) {
            assertEquals(t.sentences().size(), used.getOrDefault(t, Set.of()).size(), t + " uses only templates " + used.get(t));
        }
    }

    /** A template as a regex: placeholders match anything, "a" may have become "an", the first letter capitalised. */
    static String asRegex(String template) {
        StringBuilder re = new StringBuilder("(?i)");
        for (String part : template.split("\\{[A-Za-z_]+}", -1)) {
            if (re.length() > 4) re.append(".+");
            re.append(java.util.regex.Pattern.quote(part).replace(" a ", "\\E an? \\Q"));
        }
        return re.toString();
    }

    @Test
    void pronounsAndAliasesAppearAfterTheFirstMention() {
        int pronoun = 0;
        int alias = 0;
        for (Entity e : WORLD.entities()) {
            String rest = PassageRenderer.passage(e, 3).context().substring(e.mention().length());
            if (rest.matches("(?s).*\\b(She|He|It|she|he|it|Her|His|Its|her|his|its)\\b.*")) pronoun++;
            if (rest.toLowerCase().contains(e.alias())) alias++;
        }
        assertTrue(pronoun > WORLD.entities().size() / 2, "pronouns in " + pronoun);
        assertTrue(alias > WORLD.entities().size() / 5, "aliases in " + alias);
    }

    @Test
    void aRestatementNamesTheEntityInFullAndStatesTheAnswer() {
        for (Entity e : WORLD.entities()) {
            Random r = new Random(e.id());
            for (Fact f : e.facts()) {
                for (int i = 0; i < 6; i++) {
                    String s = PassageRenderer.restatement(e, f, r);
                    assertTrue(s.contains(e.title()), s);
                    assertTrue(s.contains(f.answer()), s);
                }
            }
        }
    }

    @Test
    void explicitSentencesAreThePassagesOwnWithTheFullNameForEveryReference() {
        int changed = 0;
        for (Entity e : WORLD.entities()) {
            for (long seed = 1; seed <= 3; seed++) {
                Passage p = PassageRenderer.passage(e, seed);
                List<String> explicit = PassageRenderer.explicitSentences(e, seed);
                assertEquals(p, PassageRenderer.passage(e, seed), "rendering the explicit form leaves the passage as it was");
                String joined = String.join(" ", explicit);
                for (String s : explicit) assertTrue(s.toLowerCase().contains(e.mention().toLowerCase()), s + " | " + p.context());
                for (Question q : p.questions()) assertTrue(joined.contains(q.answer()), q.answer() + " | " + joined);
                // Same templates in the same order: with the full name put back as the pronoun/alias, sentence by
                // sentence, the passage's words come back; checked loosely by the values' order.
                List<String> values = e.facts().stream().map(Fact::answer).filter(v -> p.context().contains(v)).toList();
                for (String v : values) {
                    for (String w : values) {
                        if (v.equals(w) || v.contains(w) || w.contains(v)) continue;
                        assertEquals(p.context().indexOf(v) < p.context().indexOf(w), joined.indexOf(v) < joined.indexOf(w),
                                v + " / " + w + " | " + p.context() + " | " + joined);
                    }
                }
                assertTrue(explicit.size() >= p.context().split("(?<=\\.) ").length);
                if (!joined.equals(p.context())) changed++;
            }
        }
        assertTrue(changed > WORLD.entities().size(), "most passages refer to the entity by pronoun or alias somewhere: " + changed);
    }
}
