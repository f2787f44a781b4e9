package org.sealworkbench.llm;

import org.sealworkbench.llm.generation.Generation;
import org.sealworkbench.llm.generation.GenerationOptions;
import org.sealworkbench.llm.generation.Generator;
import org.sealworkbench.llm.model.Autograd;
import org.sealworkbench.llm.model.LlamaModel;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generation with the KV cache against the no-cache path, padding, seeds and stopping. */
class GeneratorTest {
    @TempDir static Path tmp;
    static LlamaModel llama;
    static LlamaModel qwen;

    static TestCheckpoints.Pair models;

    @BeforeAll
    static void load() throws Exception {
        models = TestCheckpoints.llamaAndQwen(tmp);
        llama = models.llama();
        qwen = models.qwen();
    }

    @AfterAll
    static void close() {
        models.close();
    }

    private static final GenerationOptions GREEDY = GenerationOptions.greedy(12).withEos(List.of());

    private static List<int[]> tokens(List<Generation> gs) {
        List<int[]> out = new ArrayList<>();
        for (Generation g : gs) out.add(g.tokens());
        return out;
    }

    @Test
    void greedyWithCacheEqualsFullForwardEachStep() {
        for (LlamaModel m : List.of(llama, qwen)) {
            Generator gen = new Generator(m, null);
            List<int[]> prompt = List.of(new int[] {1, 5, 9, 3});
            int[] cached = gen.generate(prompt, GREEDY, null).get(0).tokens();
            int[] full = gen.generate(prompt, GREEDY.withCache(false), null).get(0).tokens();
            assertEquals(12, cached.length);
            assertArrayEquals(full, cached);
            assertTrue(java.util.Arrays.stream(cached).distinct().count() > 1, "a degenerate model would prove little");
        }
    }

    @Test
    void leftPaddedBatchEqualsNoCacheAndEachPromptAlone() {
        for (LlamaModel m : List.of(llama, qwen)) {
            Generator gen = new Generator(m, null);
            List<int[]> prompts = List.of(new int[] {1, 5, 9, 3, 17, 4}, new int[] {2, 8}, new int[] {7, 7, 30});
            List<int[]> cached = tokens(gen.generate(prompts, GREEDY, null));
            List<int[]> full = tokens(gen.generate(prompts, GREEDY.withCache(false), null));
            for (int r = 0; r < prompts.size(); r++) {
                assertArrayEquals(full.get(r), cached.get(r), "row " + r);
                int[] alone = gen.generate(List.of(prompts.get(r)), GREEDY, null).get(0).tokens();
                assertArrayEquals(alone, cached.get(r), "row " + r + " alone");
            }
        }
    }

    @Test
    void kSamplesOfOnePromptShareThePrefill() {
        Generator gen = new Generator(llama, null);
        int[] prompt = {1, 5, 9, 3};
        int[] alone = gen.generate(List.of(prompt), GREEDY, null).get(0).tokens();
        for (Generation g : gen.sample(prompt, 3, GREEDY, null)) assertArrayEquals(alone, g.tokens());
        // sampling: rows draw independently but reproducibly; row i matches the same row without sharing
        GenerationOptions hot = GenerationOptions.sampling(10, 1.5, 1.0, 99).withEos(List.of());
        List<int[]> shared = tokens(gen.sample(prompt, 3, hot, null));
        List<int[]> unshared = tokens(gen.generate(List.of(prompt, prompt, prompt), hot.withCache(false), null));
        for (int r = 0; r < 3; r++) assertArrayEquals(unshared.get(r), shared.get(r));
        assertFalse(java.util.Arrays.equals(shared.get(0), shared.get(1)) && java.util.Arrays.equals(shared.get(1), shared.get(2)),
                "three samples at temperature 1.5 should not all agree");
    }

    @Test
    void sameSeedSameSamplesOtherSeedOtherSamples() {
        Generator gen = new Generator(qwen, null);
        GenerationOptions opts = GenerationOptions.sampling(16, 1.5, 0.95, 1234).withTopK(20).withEos(List.of());
        List<int[]> prompts = List.of(new int[] {3, 4, 5}, new int[] {9});
        List<int[]> a = tokens(gen.generate(prompts, opts, null));
        List<int[]> b = tokens(gen.generate(prompts, opts, null));
        List<int[]> c = tokens(gen.generate(prompts, opts.withSeed(4321), null));
        for (int r = 0; r < 2; r++) assertArrayEquals(a.get(r), b.get(r));
        assertFalse(java.util.Arrays.equals(a.get(0), c.get(0)) && java.util.Arrays.equals(a.get(1), c.get(1)));
    }

    @Test
    void stopsAtEosAndReportsWhy() {
        Generator gen = new Generator(llama, null);
        int[] prompt = {1, 5, 9, 3};
        int[] free = gen.generate(List.of(prompt), GREEDY, null).get(0).tokens();
        int eos = free[3];
        int firstAt = 0;
        while (free[firstAt] != eos) firstAt++;
        Generation g = gen.generate(List.of(prompt), GREEDY.withEos(List.of(eos)), null).get(0);
        assertEquals(Generation.Finish.EOS, g.finish());
        assertArrayEquals(java.util.Arrays.copyOf(free, firstAt + 1), g.tokens());
        assertEquals(Generation.Finish.MAX_TOKENS, gen.generate(List.of(prompt), GREEDY, null).get(0).finish());
    }

    @Test
    void streamsEveryTokenInOrder() {
        Generator gen = new Generator(llama, null);
        List<int[]> prompts = List.of(new int[] {1, 2}, new int[] {4, 5, 6});
        List<List<Integer>> seen = List.of(new ArrayList<>(), new ArrayList<>());
        List<Generation> gs = gen.generate(prompts, GREEDY, (row, tok, delta) -> seen.get(row).add(tok));
        for (int r = 0; r < 2; r++) {
            assertArrayEquals(gs.get(r).tokens(), seen.get(r).stream().mapToInt(Integer::intValue).toArray());
        }
    }

    @Test
    void generationLeavesNoArraysBehind() {
        Generator gen = new Generator(qwen, null);
        List<int[]> prompts = List.of(new int[] {1, 2, 3}, new int[] {4});
        gen.generate(prompts, GREEDY, null); // warm-up
        int before = qwen.manager().getManagedArrays().size();
        for (int i = 0; i < 3; i++) {
            gen.generate(prompts, GREEDY, null);
            gen.sample(new int[] {5, 6}, 3, GenerationOptions.sampling(5, 1, 0.9, i), null);
            gen.generate(prompts, GREEDY.withCache(false), null);
        }
        assertEquals(before, qwen.manager().getManagedArrays().size());
        for (boolean mode : new boolean[] {true, false}) {
            Autograd.setGradMode(mode);
            gen.generate(prompts, GREEDY, null);
            assertEquals(mode, Autograd.isGradMode(), "generate must restore the thread's grad mode");
        }
    }

    /** Groups of prompts of different lengths in one call, as SelfEditGenerator batches the passages of an evaluation. */
    private static final List<Generator.PromptGroup> GROUPS = List.of(
            new Generator.PromptGroup(new int[] {1, 5, 9, 3, 17, 4}, 3, 11),
            new Generator.PromptGroup(new int[] {2, 8}, 1, 12),
            new Generator.PromptGroup(new int[] {7, 7, 30}, 2, 13),
            new Generator.PromptGroup(new int[] {3, 14, 15, 9, 2, 6, 5, 3, 5}, 1, 14),
            new Generator.PromptGroup(new int[] {21}, 4, 15));

    @Test
    void promptGroupsInOneBatchEqualEachGroupAlone() {
        for (LlamaModel m : List.of(llama, qwen)) {
            Generator gen = new Generator(m, null);
            for (GenerationOptions free : List.of(GenerationOptions.sampling(24, 1.0, 0.95, 0),
                    GenerationOptions.sampling(24, 1.5, 1.0, 0).withTopK(20), GREEDY)) {
                // The model's most frequent tokens (three; one for greedy) end a row: rows end at different steps, so the batch drops
                // ended rows along the way.
                GenerationOptions opts = free.withEos(frequent(gen.generateGroups(GROUPS, free.withEos(List.of()), () -> false),
                        free.temperature() > 0 ? 3 : 1));
                List<List<Generation>> batched = gen.generateGroups(GROUPS, opts, () -> false);
                List<Integer> lengths = new ArrayList<>();
                for (int gi = 0; gi < GROUPS.size(); gi++) {
                    Generator.PromptGroup g = GROUPS.get(gi);
                    List<Generation> alone = gen.generate(java.util.Collections.nCopies(g.rows(), g.prompt()),
                            opts.withSeed(g.seed()), null);
                    assertEquals(g.rows(), batched.get(gi).size());
                    for (int r = 0; r < g.rows(); r++) {
                        Generation a = alone.get(r), b = batched.get(gi).get(r);
                        assertArrayEquals(a.tokens(), b.tokens(), "group " + gi + " row " + r + " at " + opts);
                        assertEquals(a.finish(), b.finish());
                        lengths.add(b.tokens().length);
                    }
                }
                java.util.Collections.sort(lengths);
                // sampling: by the step where half the rows had ended, another row was still going, so the batch was
                // cut down to the rows still going, and they went on to the same tokens (greedy rows of a group agree)
                int half = lengths.get((lengths.size() + 1) / 2 - 1);
                if (opts.temperature() > 0) assertTrue(half < lengths.get(lengths.size() - 1), "rows of lengths " + lengths + " at " + opts);
            }
        }
    }

    private static List<Integer> frequent(List<List<Generation>> groups, int n) {
        java.util.Map<Integer, Integer> count = new java.util.HashMap<>();
        for (List<Generation> g : groups) for (Generation x : g) for (int t : x.tokens()) count.merge(t, 1, Integer::sum);
        return count.entrySet().stream().sorted(java.util.Map.Entry.<Integer, Integer>comparingByValue().reversed())
                .limit(n).map(java.util.Map.Entry::getKey).toList();
    }

    @Test
    void promptGroupsLeaveNoArraysBehind() {
        Generator gen = new Generator(qwen, null);
        GenerationOptions opts = GenerationOptions.sampling(10, 1.0, 1.0, 0).withEos(List.of(0, 1, 2, 3, 4, 5, 6, 7));
        gen.generateGroups(GROUPS, opts, () -> false); // warm-up
        int before = qwen.manager().getManagedArrays().size();
        for (int i = 0; i < 3; i++) gen.generateGroups(GROUPS, opts, () -> false);
        assertEquals(before, qwen.manager().getManagedArrays().size());
    }

    @Test
    void rejectsIdsOutsideTheVocabulary() {
        Generator gen = new Generator(llama, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gen.generate(List.of(new int[] {1, 400}), GREEDY, null));
        assertTrue(e.getMessage().contains("400"));
    }
}
