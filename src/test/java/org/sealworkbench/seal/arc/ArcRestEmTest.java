package org.sealworkbench.seal.arc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

/** The few-shot round's reward, selection and SFT set. */
class ArcRestEmTest {
    @TempDir
    Path tmp;

    private static final TttConfig C = TttConfig.parse("{\"data_generation\": {\"use_basic_augmentations\": true, "
            + "\"use_size_augmentations\": false, \"use_chain_augmentations\": false, \"use_repeat_augmentations\": false}, "
            + "\"training\": {\"strategy\": \"train_using_output_tokens\", \"learning_rate\": 0.001, \"num_train_epochs\": 2}}")
            .config().orElseThrow();

    private static ArcRestEm.Pair pair(String task, int i, String notTrained, Boolean solved) {
        return new ArcRestEm.Pair(task, i, "text " + task + i, C, notTrained, solved);
    }

    @Test
    void theRewardIsOneOnlyForATrainedSelfEditThatSolvedItsTask() {
        assertEquals(1, pair("a", 0, "", true).reward());
        assertEquals(0, pair("a", 0, "", false).reward());
        assertEquals(0, pair("a", 0, "", null).reward(), "no solution known: nothing to reward");
        // over SEAL's step cap: no training, so no reward even when the untrained model's prediction was right
        assertEquals(0, pair("a", 0, "400 epochs x 24 texts / 2 exceed 375 steps", true).reward());
        assertEquals(0, pair("a", 0, "the self-edit trains for 0 epochs", true).reward());
    }

    @Test
    void theRewardFollowsWhatTheInnerLoopReported() {
        // ArcTtt's reason for the step cap (whyNotTrained) is what makes a pair "not trained"
        TttConfig long400 = TttConfig.parse(C.toJson().replace("\"num_train_epochs\": 2", "\"num_train_epochs\": 400"))
                .config().orElseThrow();
        assertEquals(400, long400.epochs());
        String why = ArcTtt.whyNotTrained(long400, 24, 0, 512, ArcSettings.tinyCpu());
        assertTrue(why.contains("exceed 375 steps"), why);
        assertEquals(0, pair("a", 0, why, true).reward());
        assertEquals("", ArcTtt.whyNotTrained(C, 24, 0, 512, ArcSettings.tinyCpu()));
    }

    @Test
    void everyRewardedPairIsKeptSeveralPerTaskAndNoneForAnUnsolvedTask() {
        List<ArcRestEm.Pair> pairs = List.of(pair("a", 0, "", false), pair("a", 1, "", true), pair("a", 2, "", true),
                pair("b", 0, "", false), pair("b", 1, "too many steps", true), pair("c", 0, "", true));
        List<ArcRestEm.Pair> kept = ArcRestEm.rewarded(pairs);
        assertEquals(List.of(pairs.get(1), pairs.get(2), pairs.get(5)), kept, "all solved pairs in order, not a top-1 per task");
        List<ArcRestEm.TaskRewards> per = ArcRestEm.perTask(pairs);
        assertEquals(List.of(new ArcRestEm.TaskRewards("a", 3, 2), new ArcRestEm.TaskRewards("b", 2, 0),
                new ArcRestEm.TaskRewards("c", 1, 1)), per);
        assertEquals(2 / 3.0, per.get(0).share(), 1e-12);
        assertEquals(0.0, per.get(1).share());
        assertTrue(ArcRestEm.rewarded(List.of(pair("a", 0, "", false))).isEmpty());
    }

    @Test
    void pairsReadBackAsTheyWereStored() {
        List<ArcRestEm.Pair> pairs = List.of(pair("a", 0, "", true), pair("b", 3, "no training text", false),
                new ArcRestEm.Pair("c", 1, "{not json", null, "", null));
        List<ArcRestEm.Pair> back = ArcRestEm.fromJson(ArcRestEm.toJson(pairs).toString());
        assertEquals(pairs.size(), back.size());
        for (int i = 0; i < pairs.size(); i++) {
            assertEquals(pairs.get(i).task(), back.get(i).task());
            assertEquals(pairs.get(i).index(), back.get(i).index());
            assertEquals(pairs.get(i).text(), back.get(i).text());
            assertEquals(pairs.get(i).notTrained(), back.get(i).notTrained());
            assertEquals(pairs.get(i).solved(), back.get(i).solved());
            assertEquals(pairs.get(i).reward(), back.get(i).reward());
            assertEquals(pairs.get(i).config() == null ? null : pairs.get(i).config().toJson(),
                    back.get(i).config() == null ? null : back.get(i).config().toJson());
        }
    }

    @Test
    void theRecipeIsSealsBehaviourCloningOneWithOverrides() {
        var r = ArcRestEm.reference();
        assertEquals(16, r.loraRank());
        assertEquals(16.0, r.loraAlpha());
        assertEquals(List.of("q_proj", "v_proj", "gate_proj", "down_proj", "up_proj"), r.targetModules());
        assertEquals(5e-5, r.learningRate());
        assertEquals(8, r.epochs());
        assertEquals(5, r.effectiveBatch());
        var o = ArcRestEm.recipe(3, 1e-3, 0);
        assertEquals(3, o.epochs());
        assertEquals(1e-3, o.learningRate());
        assertEquals(5, o.effectiveBatch(), "0: the reference's");
    }

    @Test
    void anSftExampleIsTheSampledPromptThenTheSelfEditThenEosWithThePromptMasked() throws Exception {
        TestEngine.setUp();
        Path dir = TestEngine.tinyLlama(tmp.resolve("m"));
        Path cfg = dir.resolve("config.json");
        JsonObject o = JsonParser.parseString(Files.readString(cfg)).getAsJsonObject();
        o.addProperty("max_position_embeddings", 1500);   // room for the small task's example (~1,130 tokens), not the large one's (~1,940)
        Files.writeString(cfg, o.toString());
        ArcTask small = new ArcTask("s", List.of(new ArcExample(Grid.of(new int[][] {{1}}), Grid.of(new int[][] {{2}}))),
                new ArcExample(Grid.of(new int[][] {{3}}), Grid.of(new int[][] {{2}})));
        int[][] big = new int[10][10];
        ArcTask large = new ArcTask("l", List.of(new ArcExample(Grid.of(big), Grid.of(big)), new ArcExample(Grid.of(big),
                Grid.of(big))), new ArcExample(Grid.of(big), Grid.of(big)));
        try (SealModel m = new SealModel(LlamaModel.load(dir, ComputeDevice.CPU), Tokenizer.load(dir), 0, "tiny", dir)) {
            String text = " {\"data_generation\": {}}\n";
            ArcRestEm.SftSet set = ArcRestEm.sftSet(m, Map.of("s", small, "l", large), List.of(
                    new ArcRestEm.Pair("s", 0, text, C, "", true), new ArcRestEm.Pair("l", 2, text, C, "", true)));
            assertEquals(1, set.examples().size());
            int[] prompt = ArcSelfEdits.promptIds(m, small);
            int[] completion = m.tokenizer().encode(text, false);
            int[] ids = set.examples().get(0).ids();
            assertEquals(prompt.length + completion.length + 1, ids.length);
            assertEquals(List.of(java.util.Arrays.stream(prompt).boxed().toArray()),
                    List.of(java.util.Arrays.stream(java.util.Arrays.copyOf(ids, prompt.length)).boxed().toArray()),
                    "the prompt exactly as sampled");
            assertEquals(List.of(java.util.Arrays.stream(completion).boxed().toArray()), List.of(java.util.Arrays.stream(
                    java.util.Arrays.copyOfRange(ids, prompt.length, ids.length - 1)).boxed().toArray()),
                    "then the self-edit's text as written");
            assertEquals(m.eosId(), ids[ids.length - 1], "then EOS");
            assertEquals(prompt.length, set.examples().get(0).promptLength(), "loss on the completion only");
            // the large task's prompt does not leave room for the completion: left out, named, not cut
            assertEquals(1, set.leftOut().size());
            assertTrue(set.leftOut().get(0).startsWith("task l, self-edit 3:") && set.leftOut().get(0).contains("1500"),
                    set.leftOut().get(0));
        }
    }
}
