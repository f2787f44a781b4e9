package org.sealworkbench.seal.pretrain;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.data.world.Entity;
import org.sealworkbench.data.world.Part;
import org.sealworkbench.data.world.World;
import org.sealworkbench.data.world.WorldGenerator;
import org.sealworkbench.data.world.WorldSpec;
import org.sealworkbench.seal.PromptTemplates;

class WorldProbeTest {
    static final World WORLD = WorldGenerator.generate(WorldSpec.of(5, 80));

    @Test
    void oracleTextsStateTheEntitysFactsByNameAndEndWithThePassage() {
        WorldProbe probe = new WorldProbe(WORLD, null, null);
        for (Entity e : WORLD.part(Part.VALIDATION)) {
            Passage p = WorldCorpus.passage(WORLD, e);
            List<List<String>> o = probe.oracleSequences(e, new Random(1));
            assertEquals(5, o.size());
            assertEquals(WorldProbe.MEASURES.size() - 3 - 3, o.size(), "an inner-loop measure per oracle");
            for (List<String> seqs : o) assertEquals(p.title() + "\n" + p.context(), seqs.get(seqs.size() - 1), "the passage comes last");
            assertEquals(e.facts().size() + 1, o.get(0).size());
            assertEquals(3 * e.facts().size() + 1, o.get(1).size());
            for (List<String> seqs : o.subList(0, 4)) {
                for (String s : seqs.subList(0, seqs.size() - 1)) {
                    assertTrue(s.startsWith(p.title() + "\n"), s);
                    assertTrue(s.toLowerCase().contains(e.mention().toLowerCase()), "names the entity: " + s);
                }
            }
            String restated = String.join(" ", o.get(0));
            String thorough = String.join(" ", o.get(3));
            for (Question q : p.questions()) assertTrue(thorough.contains(q.answer()), q.answer() + " in " + thorough);
            assertTrue(o.get(3).size() > o.get(2).size(), "a thorough demonstration restates the explicit sentences");
            for (Question q : p.questions()) assertTrue(restated.contains(q.answer()), q.answer() + " in " + restated);
            for (int i = 0; i < p.questions().size(); i++) {
                Question q = p.questions().get(i);
                assertEquals(PromptTemplates.qaPrompt(p.title(), q.question()) + q.answer(), o.get(4).get(i));
            }
        }
    }

    @Test
    void coverageCountsGoldAnswersFoundVerbatim() {
        Passage p = new Passage("T", "C", List.of(new Question("a?", "red"), new Question("b?", "1712"), new Question("c?", "Orsk")));
        assertEquals(2 / 3.0, WorldProbe.coverage(p, "The flag is red. Founded in 1712."), 1e-12);
        assertEquals(0, WorldProbe.coverage(p, "Founded in 1713 in Orsa."), 1e-12);
    }

    @Test
    void summaryIsTheMeanWithATInterval() {
        double[] a = new double[WorldProbe.MEASURES.size()];
        double[] b = new double[WorldProbe.MEASURES.size()];
        a[2] = 0.2;
        b[2] = 0.4;
        WorldProbe.Row r = WorldProbe.summarise(List.of(a, b)).get(2);
        assertEquals(0.3, r.mean(), 1e-12);
        assertEquals(0.3 - 12.706204736 * 0.1, r.low(), 1e-6);   // t(0.975, 1) * sd / sqrt(2), sd = 0.1414
    }
}
