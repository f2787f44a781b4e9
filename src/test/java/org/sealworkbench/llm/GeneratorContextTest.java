package org.sealworkbench.llm;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.generation.Generation;
import org.sealworkbench.llm.generation.GenerationOptions;
import org.sealworkbench.llm.generation.Generator;
import org.sealworkbench.llm.model.LlamaModel;

/**
 * The generator stops where a sequence fills the model's context (max_position_embeddings): one tiny random model read
 * twice, with a context of 32 tokens and of 512 (the same weights: the context is only a number in config.json), so that
 * the 512-token one is the unbounded run the short one must agree with up to its stop.
 */
class GeneratorContextTest {
    static final int CONTEXT = 32;
    @TempDir static Path tmp;
    static LlamaModel small;
    static LlamaModel wide;

    @BeforeAll
    static void load() throws Exception {
        TestEngine.setUp();
        Path s = TestEngine.tinyLlama(tmp.resolve("small"));
        TestEngine.widenContext(s, CONTEXT);
        small = LlamaModel.load(s, ComputeDevice.CPU);
        wide = LlamaModel.load(TestEngine.tinyLlama(tmp.resolve("wide")), ComputeDevice.CPU);
        assertEquals(CONTEXT, small.config().maxPositionEmbeddings());
        assertEquals(512, wide.config().maxPositionEmbeddings());
    }

    @AfterAll
    static void close() {
        if (small != null) small.close();
        if (wide != null) wide.close();
    }

    /** Greedy, no end-of-sequence token: only the cap or the context ends a row. */
    private static GenerationOptions greedy(int maxNew) {
        return GenerationOptions.greedy(maxNew).withEos(List.of());
    }

    private static int[] prompt(int n, int seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = 1 + (seed * 37 + i * 11) % 250;
        return p;
    }

    @Test
    void oneRowStopsExactlyAtTheContextWithTheUnboundedRunsTokens() {
        int[] p = prompt(10, 1);
        int[] unbounded = new Generator(wide, null).generate(List.of(p), greedy(40), null).get(0).tokens();
        assertEquals(40, unbounded.length, "the wide model decodes past 32 positions");
        for (boolean cache : new boolean[] {true, false}) {
            List<Integer> streamed = new ArrayList<>();
            Generation g = new Generator(small, null).generate(List.of(p), greedy(40).withCache(cache),
                    (row, tok, delta) -> streamed.add(tok)).get(0);
            assertEquals(Generation.Finish.CONTEXT, g.finish(), "cache " + cache);
            assertEquals(CONTEXT - p.length, g.tokens().length, "10 prompt tokens + 22 new fill the 32-token context");
            assertArrayEquals(Arrays.copyOf(unbounded, CONTEXT - p.length), g.tokens(), "the same tokens up to the stop");
            assertEquals(g.tokens().length, streamed.size(), "nothing streamed past the stop");
        }
        // the cap reached at the same token, or before: the cap ended it, not the context
        assertEquals(Generation.Finish.MAX_TOKENS, new Generator(small, null).generate(List.of(p), greedy(22), null).get(0).finish());
        Generation capped = new Generator(small, null).generate(List.of(p), greedy(21), null).get(0);
        assertEquals(Generation.Finish.MAX_TOKENS, capped.finish());
        assertEquals(21, capped.tokens().length);
    }

    @Test
    void rowsOfABatchStopEachAtTheirOwnLength() {
        // prompts of 4, 10, 31 and 32 tokens: room for 28, 22, 1 and 0 new tokens
        List<int[]> prompts = List.of(prompt(4, 2), prompt(10, 3), prompt(31, 4), prompt(CONTEXT, 5));
        for (boolean cache : new boolean[] {true, false}) {
            List<Generation> gs = new Generator(small, null).generate(prompts, greedy(40).withCache(cache), null);
            for (int r = 0; r < prompts.size(); r++) {
                int[] p = prompts.get(r);
                Generation g = gs.get(r);
                assertEquals(Generation.Finish.CONTEXT, g.finish(), "row " + r);
                assertEquals(CONTEXT - p.length, g.tokens().length, "row " + r + " with a prompt of " + p.length);
                int[] alone = new Generator(wide, null).generate(List.of(p), greedy(40), null).get(0).tokens();
                assertArrayEquals(Arrays.copyOf(alone, g.tokens().length), g.tokens(), "row " + r + ", cache " + cache);
            }
        }
    }

    @Test
    void promptGroupsStopPerRowAtTheirOwnLength() {
        List<Generator.PromptGroup> groups = List.of(
                new Generator.PromptGroup(prompt(6, 6), 2, 11),
                new Generator.PromptGroup(prompt(20, 7), 1, 12),
                new Generator.PromptGroup(prompt(29, 8), 3, 13));
        // greedy: each row is its prompt's unbounded run, cut where its own sequence fills the context
        List<List<Generation>> greedy = new Generator(small, null).generateGroups(groups, greedy(40), () -> false);
        for (int gi = 0; gi < groups.size(); gi++) {
            int[] p = groups.get(gi).prompt();
            int[] alone = new Generator(wide, null).generate(List.of(p), greedy(40), null).get(0).tokens();
            for (Generation g : greedy.get(gi)) {
                assertEquals(Generation.Finish.CONTEXT, g.finish(), "group " + gi);
                assertArrayEquals(Arrays.copyOf(alone, CONTEXT - p.length), g.tokens(), "group " + gi);
            }
        }
        // sampling: the rows of a group draw apart, and each still ends at its own length, as the group alone ends there
        GenerationOptions hot = GenerationOptions.sampling(40, 1.5, 1.0, 0).withEos(List.of());
        List<List<Generation>> sampled = new Generator(small, null).generateGroups(groups, hot, () -> false);
        for (int gi = 0; gi < groups.size(); gi++) {
            Generator.PromptGroup g = groups.get(gi);
            List<Generation> alone = new Generator(small, null).generate(Collections.nCopies(g.rows(), g.prompt()),
                    hot.withSeed(g.seed()), null);
            for (int r = 0; r < g.rows(); r++) {
                assertEquals(Generation.Finish.CONTEXT, sampled.get(gi).get(r).finish());
                assertEquals(CONTEXT - g.prompt().length, sampled.get(gi).get(r).tokens().length);
                assertArrayEquals(alone.get(r).tokens(), sampled.get(gi).get(r).tokens(), "group " + gi + " row " + r);
            }
        }
    }

    @Test
    void aPromptLongerThanTheContextIsRefusedWithItsLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Generator(small, null).generate(List.of(prompt(4, 1), prompt(33, 1)), greedy(5), null));
        assertEquals("a prompt of 33 tokens is longer than the model's context of 32 tokens (max_position_embeddings): it never"
                + " learnt the positions past it", e.getMessage());
    }

    @Test
    void theReasonInWords() {
        assertEquals("stopped: the model's context (32 tokens) is full", Generation.Finish.CONTEXT.words(32));
        assertEquals("reached the new-token limit", Generation.Finish.MAX_TOKENS.words(32));
    }
}
