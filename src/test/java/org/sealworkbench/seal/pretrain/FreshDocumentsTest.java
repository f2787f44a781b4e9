package org.sealworkbench.seal.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealworkbench.data.world.Entity;
import org.sealworkbench.data.world.World;
import org.sealworkbench.data.world.WorldGenerator;
import org.sealworkbench.data.world.WorldSpec;

class FreshDocumentsTest {
    static final World WORLD = WorldGenerator.generate(WorldSpec.of(5, 120));

    @Test
    void freshEntitiesComeInReadingAndDemoPairsThatNameNoEntityOfTheWorld() {
        List<Document> fresh = WorldCorpus.freshDocuments(WORLD, 200, 0.0);
        assertTrue(fresh.size() >= 300 && fresh.size() <= 400 && fresh.size() % 2 == 0, "pairs for most of 200: " + fresh.size());
        for (int i = 0; i < fresh.size(); i += 2) {
            assertEquals(DocumentKind.READING, fresh.get(i).kind());
            assertEquals(DocumentKind.SELF_EDIT_DEMO, fresh.get(i + 1).kind());
            String title = fresh.get(i).text().substring(0, fresh.get(i).text().indexOf('\n'));
            assertTrue(fresh.get(i + 1).text().contains("Passage:\n" + title + "\n"), "the pair is about one entity");
        }
        for (Entity e : WORLD.entities()) {
            java.util.regex.Pattern p = java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(e.title()) + "\\b");
            for (Document d : fresh) assertFalse(p.matcher(d.text()).find(), e.title() + " leaked into " + d.text());
        }
        // Part of the corpus only when asked for, and deterministic.
        assertEquals(fresh.size(), WorldCorpus.build(WORLD, new CorpusSpec(1, 1, 1, 1, 0, 200)).size()
                - WorldCorpus.build(WORLD, new CorpusSpec(1, 1, 1, 1)).size());
        assertEquals(fresh, WorldCorpus.freshDocuments(WORLD, 200, 0.0));
    }

    @Test
    void rewriteDemosCopyThePassageVerbatimThenWithFullNamesAndNameNoEntityOfTheWorld() {
        List<Document> docs = WorldCorpus.copyDocuments(WORLD, 150);
        assertTrue(docs.size() >= 100 && docs.size() <= 150, "most of 150: " + docs.size());
        String cue = "Rewritten passages:\n";
        for (Document d : docs) {
            assertEquals(DocumentKind.REWRITE_DEMO, d.kind());
            String text = d.text();
            assertTrue(text.startsWith("Let's read the following passage and rewrite it"), text);
            String context = text.substring(text.indexOf("Passage:\n") + "Passage:\n".length(), text.indexOf("\n\n" + cue));
            context = context.substring(context.indexOf('\n') + 1);   // drop the title line
            String answer = text.substring(text.indexOf(cue) + cue.length());
            assertTrue(answer.startsWith(context + "\n"), "the first rewrite is the passage verbatim: " + text);
            assertFalse(answer.substring(context.length() + 1).isBlank(), "then its explicit-name form");
        }
        for (Entity e : WORLD.entities()) {
            java.util.regex.Pattern p = java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(e.title()) + "\\b");
            for (Document d : docs) assertFalse(p.matcher(d.text()).find(), e.title() + " leaked into " + d.text());
        }
        assertEquals(docs.size(), WorldCorpus.build(WORLD, new CorpusSpec(1, 1, 1, 1, 0, 0, 150)).size()
                - WorldCorpus.build(WORLD, new CorpusSpec(1, 1, 1, 1)).size());
        assertEquals(List.of(), WorldCorpus.copyDocuments(WORLD, 0));
    }

    @Test
    void copyDrillsRepeatTheirListAndNameNothingOfTheWorld() {
        List<Document> drills = WorldCorpus.copyDrills(WORLD, 120);
        assertEquals(120, drills.size());
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (Document d : drills) {
            assertEquals(DocumentKind.COPY_DRILL, d.kind());
            String[] lines = d.text().split("\n", -1);
            assertEquals(3, lines.length, d.text());
            assertEquals(WorldCorpus.DRILL_HEADER, lines[0]);
            assertEquals(lines[1], lines[2], "the second line copies the first");
            int pieces = lines[1].split(", ").length;   // a number like 91,110 holds ", " no more than once per item
            assertTrue(pieces >= 8 && pieces <= 2 * 24, "8 to 24 items: " + lines[1]);
            distinct.add(lines[1]);
        }
        assertEquals(120, distinct.size(), "every drill is a different list");
        for (Entity e : WORLD.entities()) {
            java.util.regex.Pattern p = java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(e.title()) + "\\b");
            for (Document d : drills) assertFalse(p.matcher(d.text()).find(), e.title() + " leaked into " + d.text());
        }
        assertEquals(List.of(), WorldCorpus.copyDrills(WORLD, 0));
        assertEquals(130, WorldCorpus.build(WORLD, new CorpusSpec(1, 1, 1, 1, 0, 0, 0, 130)).size()
                - WorldCorpus.build(WORLD, new CorpusSpec(1, 1, 1, 1)).size());
    }
}
