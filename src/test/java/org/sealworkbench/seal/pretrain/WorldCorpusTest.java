package org.sealworkbench.seal.pretrain;

import static org.junit.jupiter.api.Assertions.*;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.data.world.Entity;
import org.sealworkbench.data.world.Part;
import org.sealworkbench.data.world.World;
import org.sealworkbench.data.world.WorldGenerator;
import org.sealworkbench.data.world.WorldSpec;
import org.sealworkbench.seal.PromptTemplates;

class WorldCorpusTest {
    static final World WORLD = WorldGenerator.generate(WorldSpec.of(3, 300));
    static final List<Document> DOCS = WorldCorpus.build(WORLD, CorpusSpec.DEFAULT);
    static final String TEXT = WorldCorpus.text(DOCS);

    @Test
    void heldOutEntitiesNeverAppearInTheCorpusAndPretrainingOnesAllDo() {
        for (Entity e : WORLD.entities()) {
            if (e.part().heldOut()) {
                assertFalse(TEXT.contains(e.title()), e.title() + " (" + e.part() + ") leaked into the corpus");
                assertFalse(TEXT.contains(e.shortName()), e.shortName() + " leaked into the corpus");
            } else {
                assertTrue(TEXT.contains(e.title() + "\n"), e.title() + " is missing");
            }
        }
    }

    @Test
    void heldOutQuestionsAskOnlyAboutTheirOwnEntity() {
        for (Entity e : WORLD.entities()) {
            if (!e.part().heldOut()) continue;
            Passage p = WorldCorpus.passage(WORLD, e);
            Set<String> ownAnswers = new HashSet<>();
            e.facts().forEach(f -> ownAnswers.add(f.answer()));
            for (Question q : p.questions()) {
                assertTrue(ownAnswers.contains(q.answer()), q + " is not about a fact of " + e.title());
                assertTrue(q.question().contains(e.mention()), q.question());
            }
        }
    }

    @Test
    void allFourKindsArePresentAndCountedInTheStats() {
        Map<DocumentKind, Integer> counts = new EnumMap<>(DocumentKind.class);
        for (Document d : DOCS) counts.merge(d.kind(), 1, Integer::sum);
        int known = WORLD.part(Part.PRETRAIN).size();
        int facts = WORLD.part(Part.PRETRAIN).stream().mapToInt(e -> e.facts().size()).sum();
        assertEquals(3 * known, counts.get(DocumentKind.PASSAGE));
        assertEquals(2 * facts, counts.get(DocumentKind.QA));
        assertEquals(facts, counts.get(DocumentKind.RESTATEMENT));
        assertEquals(known, counts.get(DocumentKind.SELF_EDIT_DEMO));

        CorpusStats s = CorpusStats.of(WORLD, DOCS);
        assertEquals(DOCS.size(), s.documents());
        assertEquals(TEXT.length(), s.characters());
        assertEquals(counts.get(DocumentKind.QA), s.documentsPerKind().get("qa"));
        assertEquals(known, s.entitiesPerPart().get("pretrain"));
        assertEquals(WORLD.entities().size(), s.entitiesPerPart().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(Math.round(TEXT.length() / 4.0), s.estimatedTokens());
    }

    @Test
    void qaDocumentsUseSealsAnsweringTemplateWithAStatedAnswer() {
        Pattern qa = Pattern.compile("Let's answer a question directly and concisely\\.\nQuestion: Topic: ([^\n]+)\n([^\n]+\\?)\nAnswer:\n([^\n]+)");
        int checked = 0;
        for (Document d : DOCS) {
            if (d.kind() != DocumentKind.QA) continue;
            Matcher m = qa.matcher(d.text());
            assertTrue(m.matches(), d.text());
            assertEquals(PromptTemplates.qaPrompt(m.group(1), m.group(2)) + m.group(3), d.text());
            Entity e = WORLD.entities().stream().filter(x -> x.title().equals(m.group(1))).findFirst().orElseThrow();
            assertTrue(e.facts().stream().anyMatch(f -> f.answer().equals(m.group(3))), d.text());
            checked++;
        }
        assertTrue(checked > 100);
    }

    @Test
    void selfEditDemosUseSealsPromptAndVaryInQuality() {
        Set<Integer> lineCounts = new HashSet<>();
        int numbered = 0;
        int repeated = 0;
        for (Document d : DOCS) {
            if (d.kind() != DocumentKind.SELF_EDIT_DEMO) continue;
            int cue = d.text().indexOf("\n\nImplications:\n");
            String prompt = d.text().substring(0, cue + "\n\nImplications:\n".length());
            String[] head = prompt.split("\n", 4); // instruction, blank, Passage:, title + context...
            String title = head[3].substring(0, head[3].indexOf('\n'));
            String context = head[3].substring(title.length() + 1, head[3].length() - "\n\nImplications:\n".length());
            assertEquals(PromptTemplates.IMPLICATIONS.render(title, context), prompt);
            List<String> lines = List.of(d.text().substring(prompt.length()).split("\n"));
            assertFalse(lines.isEmpty() || lines.get(0).isBlank(), d.text());
            lineCounts.add(lines.size());
            if (lines.size() > 1 && lines.get(1).startsWith("1. ")) numbered++;
            if (new HashSet<>(lines).size() < lines.size()) repeated++;
        }
        assertTrue(lineCounts.contains(1) || lineCounts.contains(2), "no brief demos: " + lineCounts);
        assertTrue(lineCounts.stream().mapToInt(Integer::intValue).max().orElse(0) >= 6, "no thorough demos: " + lineCounts);
        assertTrue(numbered > 0, "no numbered demos");
        assertTrue(repeated > 0, "no demos with repeated lines");
    }

    @Test
    void thoroughRestatementsNameTheEntityStateEveryFactOfThePassageInItsOrderAndVaryTheWording() {
        int reworded = 0;
        for (Entity e : WORLD.part(Part.PRETRAIN).subList(0, 40)) {
            Passage p = WorldCorpus.passage(WORLD, e);
            List<String> lines = SelfEditDemos.restatements(e, p, new java.util.Random(e.id()));
            List<org.sealworkbench.data.world.Fact> stated = e.facts().stream().filter(f -> p.context().contains(f.answer())).toList();
            assertTrue(lines.size() >= stated.size() && lines.size() <= 2 * stated.size(), lines.toString());
            for (String line : lines) {
                assertTrue(line.contains(e.title()) || line.contains(e.mention()), "no full name: " + line);
                if (!p.context().contains(line.replace(e.title() + " ", ""))) reworded++;
            }
            // In the passage's order: the first line with each fact's answer comes no earlier than the previous fact's.
            List<org.sealworkbench.data.world.Fact> byPosition = new java.util.ArrayList<>(stated);
            byPosition.sort(java.util.Comparator.comparingInt(f -> p.context().indexOf(f.answer())));
            int previous = -1;
            for (var f : byPosition) {
                int first = -1;
                for (int i = 0; i < lines.size() && first < 0; i++) if (lines.get(i).contains(f.answer())) first = i;
                assertTrue(first >= previous, "out of the passage's order: " + f + " in " + lines);
                previous = first;
            }
            for (var f : stated) assertTrue(lines.stream().anyMatch(l -> l.contains(f.answer())), "fact missing: " + f);
        }
        assertTrue(reworded > 40, "restatements mostly repeat the passage's sentences: " + reworded);
    }

    @Test
    void twoStepImplicationsAreTrue() {
        Pattern bornIn = Pattern.compile("(?m)^(.+) was born in the region of (\\w+)\\.$");
        int checked = 0;
        for (Document d : DOCS) {
            if (d.kind() != DocumentKind.SELF_EDIT_DEMO) continue;
            Matcher m = bornIn.matcher(d.text().substring(d.text().indexOf("Implications:")));
            while (m.find()) {
                Entity person = WORLD.entities().stream().filter(e -> e.title().equals(m.group(1))).findFirst().orElseThrow();
                Entity town = WORLD.entity(person.fact(org.sealworkbench.data.world.FactType.BIRTHPLACE).orElseThrow().target());
                assertEquals(town.fact(org.sealworkbench.data.world.FactType.REGION).orElseThrow().answer(), m.group(2), m.group());
                checked++;
            }
        }
        assertTrue(checked > 0, "no two-step implication found");
    }

    @Test
    void sameSeedSameCorpusDifferentSeedDifferentCorpus() {
        assertEquals(TEXT, WorldCorpus.text(WorldCorpus.build(WorldGenerator.generate(WorldSpec.of(3, 300)), CorpusSpec.DEFAULT)));
        assertNotEquals(TEXT, WorldCorpus.text(WorldCorpus.build(WorldGenerator.generate(WorldSpec.of(4, 300)), CorpusSpec.DEFAULT)));
    }

    @Test
    void documentsAreSeparatedByTheEosTokenAndNeverContainIt() {
        assertEquals(DOCS.size(), TEXT.split(Pattern.quote(WorldCorpus.SEPARATOR), -1).length - 1);
        assertTrue(TEXT.endsWith(WorldCorpus.SEPARATOR));
        assertThrows(IllegalArgumentException.class, () -> new Document(DocumentKind.QA, "a<|endoftext|>b"));
    }
}
