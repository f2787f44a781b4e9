package org.sealworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.TestEngine;

/** ./seal arc on the bundled seal-tiny and SEAL's own ARC training set. */
class ArcCliTest {
    @TempDir
    Path tmp;

    private static final String TASKS = "sample-data/arc/arc-agi_training_challenges_filtered_1B_training_set.json";
    private static final String CONFIG = "{\"data_generation\": {\"use_basic_augmentations\": true, "
            + "\"use_size_augmentations\": false, \"use_chain_augmentations\": false, \"use_repeat_augmentations\": false}, "
            + "\"training\": {\"strategy\": \"train_using_all_tokens\", \"learning_rate\": 0.001, \"num_train_epochs\": 1}}";

    @Test
    void runsAGivenSelfEditAndTheBaselineAndWritesEveryResult() throws Exception {
        TestEngine.setUp();
        Path json = tmp.resolve("out/arc.json");
        CliTest.Result r = CliTest.run("arc", "--tasks", TASKS, "--task", "6150a2bd", "--max-examples", "4", "--config",
                CONFIG, "--baseline", "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        // one line per (task, self-edit), the baseline last, and the summary over the self-edits only
        assertTrue(r.out().contains("6150a2bd | aug b · all tokens · lr 0.001 · 1 ep | 4 texts, 2 steps"), r.out());
        assertTrue(r.out().contains("6150a2bd | baseline | not trained: no self-edit"), r.out());
        assertTrue(r.out().contains("1 tasks; (task, self-edit) pairs solved: ") && r.out().contains(" of 1 "), r.out());
        JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        JsonArray runs = o.getAsJsonArray("runs");
        assertEquals(2, runs.size());
        JsonObject first = runs.get(0).getAsJsonObject();
        assertEquals(2, first.get("steps").getAsInt());
        assertEquals(0.001, first.getAsJsonObject("config").getAsJsonObject("training").get("learning_rate").getAsDouble());
        assertEquals(first.get("prompts").getAsInt(), first.getAsJsonArray("answers").size());
        assertEquals(first.getAsJsonArray("answers").size(), first.getAsJsonArray("answer_endings").size(), "why each ended, beside it");
        assertTrue(first.getAsJsonArray("answer_endings").get(0).getAsJsonObject().has("finish"));
        assertTrue(runs.get(1).getAsJsonObject().get("config").isJsonNull());
    }

    @Test
    void aConfigThatIsNotASelfEditIsRefusedByName() {
        CliTest.Result r = CliTest.run("arc", "--tasks", TASKS, "--task", "6150a2bd", "--config", "{\"training\": 3}");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("config 1 is not a few-shot self-edit: no \"data_generation\" object"), r.err());
    }

    @Test
    void anUnknownTaskAndAMissingFileAreNamed() {
        CliTest.Result r = CliTest.run("arc", "--tasks", TASKS, "--task", "nope", "--baseline");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("no task nope"), r.err());
        CliTest.Result missing = CliTest.run("arc", "--tasks", tmp.resolve("none.json").toString(), "--baseline");
        assertNotEquals(0, missing.code());
        assertTrue(missing.err().contains("none.json: no such file or folder"), missing.err());
    }

    @Test
    void sealTinysContextIsTooSmallForSealsSelfEditPromptAndSaysSo() {
        CliTest.Result r = CliTest.run("arc", "--tasks", TASKS, "--task", "6150a2bd", "--self-edits", "1");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("its self-edit prompt is") && r.err().contains("context of 512"), r.err());
    }

    @Test
    void withAWorkspaceARerunFindsEveryRunStored() {
        TestEngine.setUp();
        String ws = tmp.resolve("ws").toString();
        String[] args = {"arc", "--workspace", ws, "--tasks", TASKS, "--task", "6150a2bd", "--max-examples", "2", "--config",
                CONFIG, "--baseline"};
        CliTest.Result first = CliTest.run(args);
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("2 inner loops trained, 0 found stored"), first.out());
        CliTest.Result again = CliTest.run(args);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("0 inner loops trained, 2 found stored"), again.out());
        CliTest.Result info = CliTest.run("info", "--workspace", ws);
        assertTrue(info.out().contains("few-shot runs   2 "), info.out());
        // ./seal report adds the few-shot table: the given config and the baseline, one pair each
        CliTest.Result report = CliTest.run("report", "--workspace", ws);
        assertEquals(0, report.code(), report.err());
        assertTrue(report.out().contains("Few-shot (ARC), arc-agi_training_challenges_filtered_1B_training_set.json"), report.out());
        assertTrue(report.out().contains("config: aug b · all tokens · lr 0.001 · 1 ep"), report.out());
        assertTrue(report.out().contains("no test-time training"), report.out());
    }
}
