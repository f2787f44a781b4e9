package org.sealworkbench.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.store.ArcRunRecord;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.JobRecord;
import org.sealworkbench.util.CancelToken;

/** ARC runs in a workspace: stored with their steps when they end, read back instead of trained again. */
class ArcJobStoreTest {
    @TempDir
    Path tmp;

    private static final Path TASKS = Path.of("sample-data/arc/arc-agi_training_challenges_filtered_1B_training_set.json");
    private static final String CONFIG = "{\"data_generation\": {\"use_basic_augmentations\": true, "
            + "\"use_size_augmentations\": false, \"use_chain_augmentations\": false, \"use_repeat_augmentations\": false}, "
            + "\"training\": {\"strategy\": \"train_using_output_tokens\", \"learning_rate\": 0.001, \"num_train_epochs\": 1}}";

    private ArcRequest request(Path ws) {
        return request(ws, List.of("6150a2bd"), 0);
    }

    private ArcRequest request(Path ws, List<String> tasks, int workers) {
        return new ArcRequest(ws, Path.of("assets/models/seal-tiny"), TASKS, null, tasks, 0, "tiny-cpu", 4,
                List.of(CONFIG), 0, false, true, 0, workers);
    }

    @Test
    void twoWorkersGiveWhatOneGivesInTheSameOrder() {
        TestEngine.setUp();
        List<String> tasks = List.of("6150a2bd", "5582e5ca", "6e02f1e3");
        ArcJob.Report one = Jobs.run(request(null, tasks, 1), (d, t, m) -> { }, new CancelToken());
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        ArcJob.Report two = ArcJob.run(request(null, tasks, 2), (d, t, m) -> { }, new CancelToken(), new ArcJob.Listener() {
            @Override
            public void result(org.sealworkbench.seal.arc.ArcTtt.Result r) {
                heard.add(r.task() + (r.config() == null ? " baseline" : ""));
            }
        });
        assertEquals(6, two.results().size());
        assertEquals(6, heard.size(), "every result told once");
        for (int i = 0; i < 6; i++) {
            var a = one.results().get(i);
            var b = two.results().get(i);
            assertEquals(a.task(), b.task(), "the report keeps the pieces' order");
            assertEquals(a.config(), b.config());
            assertEquals(a.steps(), b.steps());
            assertEquals(a.lastLoss(), b.lastLoss(), 0, "the same seed on another replica: the same losses");
            assertEquals(a.answers(), b.answers());
            assertEquals(a.attempt1(), b.attempt1());
        }
    }

    @Test
    void storesEachRunWithItsStepsAndReadsThemBackOnARerun() {
        TestEngine.setUp();
        Path ws = tmp.resolve("ws");
        ArcJob.Report first = Jobs.run(request(ws), (d, t, m) -> { }, new CancelToken());
        assertEquals(2, first.results().size());
        assertEquals(0, first.reused());
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            List<ArcRunRecord> runs = log.arcRuns();
            assertEquals(2, runs.size());
            ArcRunRecord trained = runs.get(0);
            assertEquals("6150a2bd", trained.task());
            assertEquals(TASKS.getFileName().toString(), trained.taskSet());
            assertEquals(2, trained.steps());
            assertEquals(2, log.arcTrainingSteps(trained.id()).size());
            assertEquals(first.results().get(0).lastLoss(), log.arcTrainingSteps(trained.id()).get(1).loss(), 0);
            assertNull(runs.get(1).configJson(), "the baseline");
            assertEquals(first.results().get(0).prompts(), com.google.gson.JsonParser.parseString(trained.answersJson())
                    .getAsJsonArray().size());
            JobRecord job = log.jobs().get(0);
            assertEquals(ArcRequest.KIND, job.kind());
            assertEquals("done", job.status());
        }
        // the same request again: both found stored, nothing trained, the same results
        ArcJob.Report again = Jobs.run(request(ws), (d, t, m) -> { }, new CancelToken());
        assertEquals(2, again.reused());
        assertEquals(first.results().get(0).answers(), again.results().get(0).answers());
        // why each answer ended is stored with them (schema step 12) and read back
        assertEquals(first.results().get(0).answers().size(), first.results().get(0).answerEndings().size());
        assertEquals(first.results().get(0).answerEndings(), again.results().get(0).answerEndings());
        assertEquals(first.results().get(1).answerEndings(), again.results().get(1).answerEndings());
        assertEquals(first.results().get(0).attempt1(), again.results().get(0).attempt1());
        assertEquals(first.results().get(0).solved(), again.results().get(0).solved());
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(2, log.arcRuns().size());
        }
    }

    @Test
    void aCancelledRunStoresNothingAndSaysHowToResume() {
        TestEngine.setUp();
        Path ws = tmp.resolve("ws2");
        CancelToken token = new CancelToken();
        token.cancel();
        JobCancelledException e = assertThrows(JobCancelledException.class,
                () -> Jobs.run(request(ws), (d, t, m) -> { }, token));
        assertTrue(e.getMessage().contains("run the same command again to resume"), e.getMessage());
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(0, log.arcRuns().size());
            assertEquals("cancelled", log.jobs().get(0).status());
        }
    }
}
