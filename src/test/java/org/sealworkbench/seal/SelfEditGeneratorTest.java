package org.sealworkbench.seal;

import org.sealworkbench.util.Progress;
import static org.junit.jupiter.api.Assertions.*;

import org.sealworkbench.llm.ComputeDevice;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.generation.GenerationOptions;
import org.sealworkbench.llm.generation.Generator;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.PassageDetail;
import org.sealworkbench.store.SelfEditRecord;

class SelfEditGeneratorTest {
    @TempDir static Path tmp;
    static Path ckpt;

    @BeforeAll
    static void setUp() throws Exception {
        SealFixtures.engine();
        ckpt = SealFixtures.checkpoint(tmp.resolve("m"), 4);
    }

    @Test
    void kSamplesPerPassageStoredWithPromptModelAndSampling() {
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("a")); SealModel m = SealModel.open(ckpt, log, ComputeDevice.CPU)) {
            List<Long> ps = SealFixtures.passages(log, 2);
            GenerationSettings gs = SealFixtures.settings().generation().withTemplate(PromptTemplates.REWRITE);
            SelfEditGenerator gen = new SelfEditGenerator(log, m, gs);
            List<SelfEditRecord> edits = gen.forPassages(ps, "t", Progress.none(), () -> false).get(ps.get(1));
            assertEquals(3, edits.size());
            PassageDetail p = log.passage(ps.get(1)).orElseThrow();
            String prompt = PromptTemplates.REWRITE.render(p.title(), p.context());
            long seed = gen.seedFor("t", ps.get(1));
            // The same sampling done by hand gives the stored texts, in order.
            List<String> expected = new Generator(m.model(), m.tokenizer()).generate(
                    java.util.Collections.nCopies(3, m.tokenizer().encode(prompt, true)),
                    GenerationOptions.sampling(10, 1.0, 0.95, seed), null).stream().map(g -> g.text()).toList();
            assertEquals(expected, edits.stream().map(SelfEditRecord::text).toList());
            assertTrue(expected.stream().distinct().count() > 1, "k samples differ");
            for (int i = 0; i < 3; i++) {
                SelfEditRecord e = edits.get(i);
                assertEquals(AuthorKind.MODEL, e.author());
                assertEquals(m.modelId(), e.modelId());
                assertEquals("rewrite", e.promptTemplate());
                assertEquals(prompt, e.promptText());
                assertEquals("t", e.sourceLabel());
                JsonObject s = JsonParser.parseString(e.samplingJson()).getAsJsonObject();
                assertEquals(seed, s.get("seed").getAsLong());
                assertEquals(i, s.get("index").getAsInt());
                assertEquals(1.0, s.get("temperature").getAsDouble());
                assertEquals(0.95, s.get("top_p").getAsDouble());
                assertEquals(10, s.get("max_tokens").getAsInt());
            }
            // Asking again returns the stored ones and adds nothing; another tag samples anew with another seed.
            long before = log.counts().selfEdits();
            assertEquals(edits.stream().map(SelfEditRecord::id).toList(),
                    gen.forPassage(ps.get(1), "t", () -> false).stream().map(SelfEditRecord::id).toList());
            assertEquals(before, log.counts().selfEdits());
            assertNotEquals(seed, gen.seedFor("u", ps.get(1)));
            assertEquals(3, gen.forPassage(ps.get(1), "u", () -> false).size());
            assertEquals(before + 3, log.counts().selfEdits());
        }
    }

    @Test
    void sameSettingsSameSelfEditsInAFreshWorkspaceAndCancelStoresNothing() {
        List<String> first;
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("b")); SealModel m = SealModel.open(ckpt, log, ComputeDevice.CPU)) {
            List<Long> ps = SealFixtures.passages(log, 1);
            first = new SelfEditGenerator(log, m, SealFixtures.settings().generation()).forPassage(ps.get(0), "t", () -> false)
                    .stream().map(SelfEditRecord::text).toList();
        }
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("c")); SealModel m = SealModel.open(ckpt, log, ComputeDevice.CPU)) {
            List<Long> ps = SealFixtures.passages(log, 1);
            SelfEditGenerator gen = new SelfEditGenerator(log, m, SealFixtures.settings().generation());
            assertThrows(CancellationException.class, () -> gen.forPassage(ps.get(0), "t", () -> true));
            assertEquals(0, log.counts().selfEdits());
            assertEquals(first, gen.forPassage(ps.get(0), "t", () -> false).stream().map(SelfEditRecord::text).toList());
        }
    }
}
