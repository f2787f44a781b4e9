package org.sealworkbench.seal.arc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.arc.ArcExample;
import org.sealworkbench.data.arc.ArcTask;
import org.sealworkbench.data.arc.Grid;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.tokenizer.Tokenizer;
import org.sealworkbench.seal.SealModel;

class ArcSelfEditsTest {
    @TempDir
    Path tmp;

    private static final ArcTask TASK = new ArcTask("t",
            List.of(new ArcExample(Grid.of(new int[][] {{1, 0}, {0, 2}}), Grid.of(new int[][] {{2, 0}, {0, 1}}))),
            new ArcExample(Grid.of(new int[][] {{3}}), Grid.of(new int[][] {{3}})));

    @Test
    void theUserMessageIsSealsRowsThenTheInstruction() {
        assertEquals("Input:\n1 0\n0 2\n\nOutput:\n2 0\n0 1\n\n------\n\n" + TttConfig.PROMPT,
                ArcSelfEdits.userMessage(TASK));
    }

    @Test
    void drawsAgainUntilTheBudgetWhenNothingIsAConfig() throws Exception {
        TestEngine.setUp();
        Path dir = TestEngine.tinyLlama(tmp.resolve("m"));
        // a random model of the tiny shape, with room in its context for SEAL's ~2,300-byte prompt
        Path cfg = dir.resolve("config.json");
        JsonObject o = JsonParser.parseString(Files.readString(cfg)).getAsJsonObject();
        o.addProperty("max_position_embeddings", 4096);
        Files.writeString(cfg, o.toString());
        try (SealModel m = new SealModel(LlamaModel.load(dir, ComputeDevice.CPU), Tokenizer.load(dir), 0, "tiny", dir)) {
            ArcSettings s = ArcSettings.tinyCpu().withSelfEditTries(3);
            ArcSelfEdits.Sampled out = ArcSelfEdits.sample(m, TASK, 2, false, s, 7, () -> false);
            // a random model writes no JSON: every draw is refused, 2 wanted x 3 tries
            assertEquals(0, out.kept().size());
            assertEquals(6, out.draws().size());
            out.draws().forEach(d -> assertFalse(d.valid()));
            out.draws().forEach(d -> assertFalse(d.problem().isEmpty()));
            // the draws are samples, not one text six times
            assertTrue(out.draws().stream().map(ArcSelfEdits.Draw::text).distinct().count() > 1);
        }
    }

    /**
     * A draw that is not a config says why, and, where a limit cut it before it could be one, which: the new-token limit, or
     * the model's context where that leaves less room than the limit (the generator is given the smaller room, so it
     * reports both as its token limit; before, a draw the context cut read as the token limit's, with no word of it).
     */
    @Test
    void aDrawALimitCutSaysWhichLimit() throws Exception {
        TestEngine.setUp();
        Path dir = TestEngine.tinyLlama(tmp.resolve("m"));
        TestEngine.widenContext(dir, 4096);
        int prompt;
        try (SealModel m = new SealModel(LlamaModel.load(dir, ComputeDevice.CPU), Tokenizer.load(dir), 0, "tiny", dir)) {
            prompt = ArcSelfEdits.promptIds(m, TASK).length;
        }
        String limit = "(stopped: the new-token limit (24 tokens) is reached)";
        assertEquals(6, cutDraws(dir, limit), "the 24-token limit cut every draw (a random model rarely draws its one EOS)");
        // room for 20 tokens in the context, under the limit of 24: the context cut them
        TestEngine.widenContext(dir, prompt + 20);
        String context = "(stopped: the model's context (" + (prompt + 20) + " tokens) is full)";
        assertEquals(6, cutDraws(dir, context), "the context cut every draw");
    }

    /** Samples 2 self-edits of TASK with 3 tries each and a 24-token limit; how many of the 6 draws end with {@code cut}. */
    private static long cutDraws(Path dir, String cut) throws Exception {
        try (SealModel m = new SealModel(LlamaModel.load(dir, ComputeDevice.CPU), Tokenizer.load(dir), 0, "tiny", dir)) {
            ArcSettings s = ArcSettings.tinyCpu().withSelfEditTries(3).withSelfEditMaxTokens(24);
            ArcSelfEdits.Sampled out = ArcSelfEdits.sample(m, TASK, 2, false, s, 7, () -> false);
            assertEquals(6, out.draws().size());
            for (ArcSelfEdits.Draw d : out.draws()) {
                assertFalse(d.valid());
                assertTrue(d.problem().endsWith(cut) || !d.problem().contains("stopped"), d.problem());
            }
            return out.draws().stream().filter(d -> d.problem().endsWith(cut)).count();
        }
    }

    @Test
    void aPromptTooLongForTheContextIsRefusedWithItsLength() throws Exception {
        TestEngine.setUp();
        Path dir = TestEngine.tinyLlama(tmp.resolve("m"));
        try (SealModel m = new SealModel(LlamaModel.load(dir, ComputeDevice.CPU), Tokenizer.load(dir), 0, "tiny", dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ArcSelfEdits.sample(m, TASK, 1, false, ArcSettings.tinyCpu(), 0, () -> false));
            assertTrue(e.getMessage().contains("task t") && e.getMessage().contains("context of 512"), e.getMessage());
        }
    }
}
