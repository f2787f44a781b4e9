package org.sealworkbench.seal.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.data.world.Entity;
import org.sealworkbench.data.world.Fact;
import org.sealworkbench.data.world.Part;
import org.sealworkbench.data.world.World;
import org.sealworkbench.data.world.WorldGenerator;
import org.sealworkbench.data.world.WorldSpec;
import org.sealworkbench.seal.PromptTemplates;
import org.sealworkbench.seal.SelfEditSequences;

class SelfQaDemosTest {
    static final World WORLD = WorldGenerator.generate(WorldSpec.of(5, 120));

    static long count(List<Document> docs, DocumentKind kind) {
        return docs.stream().filter(d -> d.kind() == kind).count();
    }

    @Test
    void theShareDecidesHowManyDemonstrationsAreSelfQaOnes() {
        CorpusSpec none = new CorpusSpec(1, 1, 1, 1, 0, 200, 0, 0, 0.0);
        CorpusSpec half = new CorpusSpec(1, 1, 1, 1, 0, 200, 0, 0, 0.5);
        CorpusSpec all = new CorpusSpec(1, 1, 1, 1, 0, 200, 0, 0, 1.0);
        List<Document> a = WorldCorpus.build(WORLD, none);
        List<Document> b = WorldCorpus.build(WORLD, half);
        List<Document> c = WorldCorpus.build(WORLD, all);
        assertEquals(0, count(a, DocumentKind.SELF_QA_DEMO));
        assertEquals(0, count(c, DocumentKind.SELF_EDIT_DEMO));
        long demos = count(a, DocumentKind.SELF_EDIT_DEMO);
        assertTrue(demos > 200, "pretraining and fresh entities both have demos: " + demos);
        long qa = count(b, DocumentKind.SELF_QA_DEMO);
        assertTrue(qa > 0.35 * demos && qa < 0.65 * demos, qa + " self-qa of " + demos);
        assertEquals(demos, qa + count(b, DocumentKind.SELF_EDIT_DEMO));
        // At share 0 the corpus is the one the 8-field spec always built.
        assertEquals(a, WorldCorpus.build(WORLD, new CorpusSpec(1, 1, 1, 1, 0, 200, 0, 0)));
        for (Document d : b) {
            if (d.kind() != DocumentKind.SELF_QA_DEMO) continue;
            assertTrue(d.text().startsWith(PromptTemplates.SELF_QA.instruction()), d.text());
            assertTrue(d.text().contains("\n\n" + PromptTemplates.SELF_QA.cue()), d.text());
        }
    }

    @Test
    void aThoroughDemonstrationAsksEveryStatedFactInSeveralPhrasingsAndSplitsIntoOneSequencePerPair() {
        Entity e = WORLD.part(Part.PRETRAIN).get(3);
        Passage p = WorldCorpus.passage(WORLD, e);
        List<Question> pairs = SelfEditDemos.selfQa(e, p, SelfEditDemos.Style.THOROUGH, new Random(1), List.of());
        for (Fact f : e.facts()) {
            if (!p.context().contains(f.answer())) continue;
            long asked = pairs.stream().filter(q -> q.answer().equals(f.answer())).map(Question::question).distinct().count();
            assertTrue(asked >= 2, f.answer() + " asked " + asked + " ways in " + pairs);
        }
        for (Question q : pairs) assertTrue(p.context().contains(q.answer()), "answers come from the passage: " + q);

        String doc = SelfEditDemos.qaDocument(p, pairs);
        String completion = doc.substring(PromptTemplates.SELF_QA.render(p.title(), p.context()).length());
        assertEquals(SelfEditDemos.qaCompletion(pairs), completion);
        List<String> seqs = SelfEditSequences.build(p.title(), p.context(), completion);
        assertEquals(pairs.size() + 1, seqs.size(), "one sequence per pair, then the passage: " + seqs);
        for (int i = 0; i < pairs.size(); i++) {
            assertEquals(p.title() + "\nQuestion " + (i + 1) + ": " + pairs.get(i).question() + "\nAnswer: " + pairs.get(i).answer(), seqs.get(i));
        }
    }

    @Test
    void noisyDemonstrationsMixInQuestionsAboutAnotherEntity() {
        Entity e = WORLD.part(Part.PRETRAIN).get(3);
        Entity other = WORLD.part(Part.PRETRAIN).get(4);
        Passage p = WorldCorpus.passage(WORLD, e);
        List<Question> others = List.of(new Question("Where was " + other.title() + " seen?", "nowhere"));
        List<Question> pairs = SelfEditDemos.selfQa(e, p, SelfEditDemos.Style.NOISY, new Random(2), others);
        assertTrue(pairs.contains(others.get(0)), pairs.toString());
        assertTrue(pairs.stream().anyMatch(q -> p.context().contains(q.answer())), pairs.toString());
        assertTrue(pairs.size() > pairs.stream().distinct().count(), "a pair is repeated: " + pairs);
    }

    @Test
    void aShareOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CorpusSpec(1, 1, 1, 1, 0, 0, 0, 0, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new CorpusSpec(1, 1, 1, 1, 0, 0, 0, 0, Double.NaN));
    }
}
