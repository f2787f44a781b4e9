package org.sealworkbench.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `seal resume`: a stopped job listed and resumed from its row alone. */
class ResumeCliTest {
    @TempDir
    Path tmp;

    @Test
    void aFailedImportIsListedAndResumedOnceTheFileIsFixed() throws Exception {
        String ws = tmp.resolve("ws").toString();
        Path file = tmp.resolve("passages.json");
        Files.writeString(file, "[{\"title\": \"T\", \"context\": \"C\", \"questions\": [");
        assertNotEquals(0, CliTest.run("import", file.toString(), "--workspace", ws).code());

        CliTest.Result list = CliTest.run("resume", "--workspace", ws);
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("job 1") && list.out().contains("import") && list.out().contains("failed"), list.out());

        Files.copy(Path.of("sample-data", "passages.json"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CliTest.Result resumed = CliTest.run("resume", "--workspace", ws, "--job", "1");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().startsWith("job 1 (import) done:"), resumed.out());
        assertTrue(CliTest.run("resume", "--workspace", ws).out().contains("no stopped jobs"));
        CliTest.Result info = CliTest.run("info", "--workspace", ws);
        assertFalse(info.out().contains("passages: 0"), info.out());

        CliTest.Result again = CliTest.run("resume", "--workspace", ws, "--job", "1");
        assertNotEquals(0, again.code());
        assertTrue(again.err().contains("job 1 is done"), again.err());
    }

    @Test
    void anRlJobWhoseSettingsALaterRunFinishedIsNotListed() {
        Path ws = tmp.resolve("ws");
        var settings = new org.sealworkbench.seal.SettingsOverrides().grader("contains").rounds(1)
                .apply(org.sealworkbench.seal.Presets.sealTinyCpu());
        var r = new org.sealworkbench.jobs.RlRequest(ws, tmp.resolve("model"), settings, new org.sealworkbench.seal.PassageSplit(1), null, 1);
        long failed, cancelled;
        try (var log = org.sealworkbench.store.ExperimentLog.open(ws)) {
            failed = log.addJob(org.sealworkbench.jobs.RlRequest.KIND, "{}", org.sealworkbench.jobs.RequestJson.write(r));
            log.updateJob(failed, "failed", 0.4, "out of memory");
            long done = log.addJob(org.sealworkbench.jobs.RlRequest.KIND, "{}", org.sealworkbench.jobs.RequestJson.write(r));
            log.updateJob(done, "done", 1, "1 round");
            cancelled = log.addJob("evaluation", "{}", "{}");
            log.updateJob(cancelled, "cancelled", 0.5, "2 of 4 runs");
        }
        CliTest.Result list = CliTest.run("resume", "--workspace", ws.toString());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("job " + cancelled + " "), list.out());
        assertFalse(list.out().contains("job " + failed + " "), "a later run of its settings finished: " + list.out());
    }

    /**
     * A few-shot round refused (seal-tiny's 512-token context cannot hold SEAL's prompt) is not listed as stopped, and
     * resuming it by its id says it was refused and why, without running anything.
     */
    @Test
    void aRefusedFewShotRoundIsNotListedAndResumingItSaysItWasRefused() {
        org.sealworkbench.llm.TestEngine.setUp();
        String ws = tmp.resolve("ws").toString();
        CliTest.Result round = CliTest.run("arc-rl", "--workspace", ws, "--model", "assets/models/seal-tiny", "--tasks",
                "sample-data/arc/arc-agi_training_challenges_filtered_1B_training_set.json", "--limit", "1", "--k", "2");
        assertNotEquals(0, round.code());
        assertTrue(round.err().contains("context of 512 tokens"), round.err());

        CliTest.Result list = CliTest.run("resume", "--workspace", ws);
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("no stopped jobs"), list.out());
        CliTest.Result again = CliTest.run("resume", "--workspace", ws, "--job", "1");
        assertNotEquals(0, again.code());
        assertTrue(again.err().contains("job 1 was refused") && again.err().contains("context of 512 tokens"), again.err());
    }
}
