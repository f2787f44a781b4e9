package org.sealworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.ArcJob;
import org.sealworkbench.jobs.ArcRlJob;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.seal.arc.ArcRestEm;
import org.sealworkbench.seal.arc.TttConfig;
import picocli.CommandLine;

class ArcRlCliTest {
    @TempDir
    Path tmp;

    private static final TttConfig C = TttConfig.parse("{\"data_generation\": {\"use_basic_augmentations\": false, "
            + "\"use_size_augmentations\": false, \"use_chain_augmentations\": false, \"use_repeat_augmentations\": false}, "
            + "\"training\": {\"strategy\": \"train_using_output_tokens\", \"learning_rate\": 0.01, \"num_train_epochs\": 8}}")
            .config().orElseThrow();

    @Test
    void theFlagsBuildTheRequest() {
        ArcRlCommand c = new ArcRlCommand();
        new CommandLine(c).parseArgs("--workspace", "w", "--tasks", "t.json", "--model", "m", "--k", "4", "--distinct",
                "--task", "a,b", "--sft-epochs", "3", "--sft-lr", "0.001", "--sft-batch", "2", "--self-edit-tokens", "200",
                "--workers", "1", "--max-examples", "12", "--preset", "reference", "--seed", "5");
        var q = c.request();
        assertEquals(List.of("a", "b"), q.taskIds());
        assertEquals(4, q.k());
        assertTrue(q.distinct());
        assertEquals(3, q.sft().epochs());
        assertEquals(0.001, q.sft().learningRate());
        assertEquals(2, q.sft().effectiveBatch());
        assertEquals(16, q.sft().loraRank(), "SEAL's rank, not overridden");
        assertEquals(200, q.arcRequest().selfEditTokens());
        assertEquals(12, q.arcRequest().maxExamples());
        assertEquals("reference", q.arcRequest().preset());
        assertEquals(5, q.arcRequest().seed());
        assertEquals(0, q.arcRequest().configs().size());
        assertTrue(!q.arcRequest().baseline());
    }

    @Test
    void sealTinysContextIsRefusedWithOneLineNamingTheTasks() {
        TestEngine.setUp();
        CliTest.Result r = CliTest.run("arc-rl", "--workspace", tmp.resolve("ws").toString(), "--tasks",
                "sample-data/arc/arc-agi_training_challenges_filtered_1B_training_set.json", "--task", "4be741c5", "--k", "2");
        assertEquals(1, r.code());
        String e = r.err();
        assertTrue(e.startsWith("seal arc-rl: seal-tiny has a context of 512 tokens") && e.contains("task 4be741c5"), e);
    }

    @Test
    void theOutputGivesEachTasksRewardsTheOverallShareAndTheModel() {
        List<ArcRestEm.Pair> pairs = List.of(new ArcRestEm.Pair("aa", 0, "x", C, "", true),
                new ArcRestEm.Pair("aa", 1, "y", C, "400 epochs x 24 texts / 2 exceed 375 steps", false),
                new ArcRestEm.Pair("bb", 0, "z", C, "", false));
        ArcRlJob.Report r = new ArcRlJob.Report(1, "0123456789ab", "tiny_challenges.json", 7, 1, pairs,
                List.of(new ArcJob.Sampling("aa", 2, 3, List.of())), 3, 0, 1, List.of(), ArcRestEm.reference(), 2L,
                Path.of("/ws/models/arc-round-1"), false);
        String out = ArcRlCommand.text(r, Path.of("/ws"));
        assertTrue(out.contains("aa: 2 self-edits from 3 draws"), out);
        assertTrue(out.contains("aa | self-edit 2 | aug none · output tokens · lr 0.01 · 8 ep | not trained: 400 epochs x 24 "
                + "texts / 2 exceed 375 steps | not solved | reward 0"), out);
        assertTrue(out.contains("  aa           1 of 2 (50.0 %)"), out);
        assertTrue(out.contains("  bb           0 of 1 (0.0 %)"), out);
        assertTrue(out.contains("pairs solved: 1 of 3 (33.3 %); tasks with a solved self-edit: 1 of 2"), out);
        assertTrue(out.contains("SFT of the generator on 1 rewarded self-edits (LoRA r 16, alpha 16, lr 5.0E-5, 8 epochs, "
                + "batch 5, cosine); model /ws/models/arc-round-1 (model id 2, parent 1)"), out);
        assertTrue(out.contains("seal arc --workspace /ws --model /ws/models/arc-round-1"), out);
        ArcRlJob.Report none = new ArcRlJob.Report(1, "0123456789ab", "t", 7, 1, List.of(pairs.get(2)), List.of(), 1, 0, 0,
                List.of(), ArcRestEm.reference(), null, null, true);
        String o2 = ArcRlCommand.text(none, Path.of("/ws"));
        assertTrue(o2.startsWith("round 1 [01234567] already run in /ws: read back, nothing computed"), o2);
        assertTrue(o2.contains("no self-edit solved its task") && o2.contains("saves no model"), o2);
    }
}
