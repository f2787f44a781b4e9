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

    /** Five passages whose prompts differ in length by up to ~4x. */
    private static List<Long> unevenPassages(ExperimentLog log) {
        List<Long> ids = new java.util.ArrayList<>();
        String[] contexts = {"Ash.", "The river Pell runs north of the town of Ombry and feeds its two mills.",
                "Cold.", "Lanterns are lit at dusk in Varo; the keeper, Idda Sorn, counts them twice, once at the gate and "
                        + "once at the square, and writes the number in a book kept since the flood.", "Nine bells ring."};
        for (int i = 0; i < contexts.length; i++) {
            ids.add(log.addPassage(new org.sealworkbench.data.Passage("P" + i, contexts[i],
                    List.of(new org.sealworkbench.data.Question("What?", "x"))), "fixture"));
        }
        return ids;
    }

    /** One passage at a time on one worker, against batches of 3 (on 1 or 2 workers, side by side) and of 1 on 2 workers. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} passages per batch, {1} worker(s)")
    @org.junit.jupiter.params.provider.CsvSource({"3, 1", "3, 2", "1, 2"})
    void passagesSampledInOneBatchEqualOneAtATime(int perBatchB, int workersB) {
        GenerationSettings f = SealFixtures.settings().generation();
        GenerationSettings gs = new GenerationSettings(f.template(), f.k(), f.temperature(), f.topP(), 24, f.seed());
        List<String> alone = new java.util.ArrayList<>(), batched = new java.util.ArrayList<>();
        List<String> aloneSampling = new java.util.ArrayList<>(), batchedSampling = new java.util.ArrayList<>();
        java.util.Set<Integer> promptLengths = new java.util.HashSet<>();
        for (int perBatch : new int[] {1, perBatchB}) {
            int workers = perBatch == 1 && alone.isEmpty() ? 1 : workersB;
            try (ExperimentLog log = ExperimentLog.open(tmp.resolve("uneven-" + perBatch + "-" + workers + "-" + perBatchB + workersB));
                 SealModel m = SealModel.open(ckpt, log, ComputeDevice.CPU)) {
                List<Long> ps = unevenPassages(log);
                SelfEditGenerator gen = new SelfEditGenerator(log, m, gs, perBatch).useWorkers(workers);
                // 3 passages then 2: two batches with prompts of different lengths, left-padded
                for (List<SelfEditRecord> es : gen.forPassages(ps, "t", Progress.none(), () -> false).values()) {
                    assertEquals(3, es.size());
                    for (SelfEditRecord e : es) {
                        (workers == 1 && perBatch == 1 ? alone : batched).add(e.text());
                        (workers == 1 && perBatch == 1 ? aloneSampling : batchedSampling).add(e.samplingJson());
                        promptLengths.add(m.tokenizer().encode(e.promptText(), true).length);
                    }
                }
            }
        }
        assertEquals(15, alone.size());
        assertEquals(alone, batched, "token for token, the same self-edits");
        assertEquals(aloneSampling, batchedSampling, "the same seeds, finishes and lengths");
        assertTrue(promptLengths.size() >= 4, "prompts of different lengths: " + promptLengths);
        assertTrue(alone.stream().distinct().count() > 5, "samples differ");
    }

    @Test
    void batchedGenerationReusesStoredPassagesAndCancelKeepsWholePassagesOnly() {
        GenerationSettings gs = SealFixtures.settings().generation();
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("resume")); SealModel m = SealModel.open(ckpt, log, ComputeDevice.CPU)) {
            List<Long> ps = unevenPassages(log);
            SelfEditGenerator gen = new SelfEditGenerator(log, m, gs, 2).useWorkers(1);
            // The first batch (passages 0 and 1) is stored, then a cancel arrives during the second.
            assertThrows(CancellationException.class,
                    () -> gen.forPassages(ps, "t", Progress.none(), () -> log.counts().selfEdits() > 0));
            assertEquals(6, log.counts().selfEdits(), "two whole passages, nothing of the batch cut short");
            List<Long> kept = gen.stored(ps.get(1), "t").stream().map(SelfEditRecord::id).toList();
            // A rerun reuses them and generates each other passage once.
            java.util.Map<Long, List<SelfEditRecord>> all = gen.forPassages(ps, "t", Progress.none(), () -> false);
            assertEquals(15, log.counts().selfEdits());
            assertEquals(kept, all.get(ps.get(1)).stream().map(SelfEditRecord::id).toList());
            assertEquals(ps, List.copyOf(all.keySet()));
            gen.forPassages(ps, "t", Progress.none(), () -> false);
            assertEquals(15, log.counts().selfEdits(), "nothing generated twice");
        }
    }

    /** Two workers sampling side by side, cancelled while both sample: nothing of either batch is stored; a rerun stores all. */
    @Test
    void twoWorkersCancelledWhileSamplingStoreNothingOfTheirBatches() {
        GenerationSettings gs = SealFixtures.settings().generation();
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("two-workers")); SealModel m = SealModel.open(ckpt, log, ComputeDevice.CPU)) {
            List<Long> ps = unevenPassages(log);
            SelfEditGenerator gen = new SelfEditGenerator(log, m, gs, 16).useWorkers(2);
            assertEquals(2, SelfEditGenerator.cut(ps, 16, 2).size(), "5 passages: one batch per worker");
            java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
            assertThrows(CancellationException.class, () -> gen.forPassages(ps, "t", Progress.none(), () -> asked.incrementAndGet() > 4));
            assertEquals(0, log.counts().selfEdits(), "nothing of a batch cut short");
            assertEquals(15, gen.forPassages(ps, "t", Progress.none(), () -> false).values().stream().mapToInt(List::size).sum());
            assertEquals(15, log.counts().selfEdits());
        }
    }
    /**
     * Passages whose prompts differ in length, sampled in one batch by a model whose context leaves the longer prompt 20
     * tokens (60 asked): each sample stops where its own prompt and it fill the context, and its sampling record says
     * "context", with the new tokens that fitted.
     */
    @Test
    void samplesStopAtTheModelsContextEachAtItsOwnLengthAndSaySo() throws Exception {
        Path narrow = SealFixtures.checkpoint(tmp.resolve("narrow"), 4);
        GenerationSettings gs = new GenerationSettings(PromptTemplates.IMPLICATIONS, 3, 1.0, 0.95, 60, 7);
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("context"))) {
            long shortOne = log.addPassage(new org.sealworkbench.data.Passage("T", "Fact: sky is blue.", List.of()), "t");
            long longOne = log.addPassage(new org.sealworkbench.data.Passage("T", "Fact: the sky of the land of Ord is blue.",
                    List.of()), "t");
            java.util.Map<Long, Integer> prompt = new java.util.HashMap<>();
            try (org.sealworkbench.llm.tokenizer.Tokenizer tok = org.sealworkbench.llm.tokenizer.Tokenizer.load(narrow)) {
                for (long id : List.of(shortOne, longOne)) {
                    PassageDetail p = log.passage(id).orElseThrow();
                    prompt.put(id, tok.encode(PromptTemplates.IMPLICATIONS.render(p.title(), p.context()), true).length);
                }
            }
            assertTrue(prompt.get(longOne) > prompt.get(shortOne));
            int context = prompt.get(longOne) + 20;
            org.sealworkbench.llm.TestEngine.widenContext(narrow, context);
            try (SealModel m = SealModel.open(narrow, log, ComputeDevice.CPU)) {
                java.util.Map<Long, List<SelfEditRecord>> got = new SelfEditGenerator(log, m, gs, 16)
                        .forPassages(List.of(shortOne, longOne), "t", Progress.none(), () -> false);
                int stopped = 0;
                for (long id : List.of(shortOne, longOne)) {
                    for (SelfEditRecord e : got.get(id)) {
                        JsonObject s = JsonParser.parseString(e.samplingJson()).getAsJsonObject();
                        int room = context - prompt.get(id);
                        if (s.get("finish").getAsString().equals("context")) {
                            stopped++;
                            assertEquals(room, s.get("new_tokens").getAsInt(), "passage " + id);
                        } else {
                            assertEquals("eos", s.get("finish").getAsString());
                            assertTrue(s.get("new_tokens").getAsInt() <= room);
                        }
                    }
                }
                assertTrue(stopped > 1, "the context stopped samples: " + stopped);
            }
        }
    }
}
