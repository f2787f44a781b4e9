package org.sealworkbench.jobs;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Format;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.llm.io.RandomCheckpoint;
import org.sealworkbench.seal.Conditions;
import org.sealworkbench.llm.training.TrainSettings;
import org.sealworkbench.seal.InnerLoop;
import org.sealworkbench.seal.InnerLoopSettings;
import org.sealworkbench.seal.LoraSettings;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.PromptTemplates;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.seal.SettingsOverrides;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.JobRecord;
import org.sealworkbench.store.NewSelfEdit;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/** Jobs built from requests: the request stored with the row as JSON, and a stopped job resumed from its row alone. */
class JobsResumeTest {
    @TempDir
    Path tmp;

    @Test
    void everyRequestReadsBackEqualFromItsJson() {
        Path ws = tmp.resolve("ws"), m = tmp.resolve("model");
        SealSettings tiny = new SettingsOverrides().grader("exact_match").innerRepeats(1).apply(Presets.sealTinyCpu());
        PassageSplit split = new PassageSplit(10, "validation.json", null);
        List<JobRequest<?>> all = List.of(
                new ImportRequest(ws, tmp.resolve("in.json"), null),
                new ExportRequest(ws, tmp.resolve("out.jsonl"), Format.JSONL, ExportJob.What.SELF_EDITS),
                new GenerationRequest(ws, m, tiny.generation().withTemplate(PromptTemplates.SELF_QA), List.of(3L, 4L), 0, "t"),
                new InnerLoopsRequest(ws, m, tiny, List.of(7L, 9L), "mine", null),
                new EvaluationRequest(ws, m, tiny, split, List.of("passage-only", "seal-round:2"), 5, tmp.resolve("judge")),
                new EvaluationRequest(ws, m, tiny, split, List.of("cpt:passage-only"), 5, null,
                        new org.sealworkbench.seal.CptSettings(20, 3, 1e-3, 4, 2, 1, 1000, 42)),
                new RlRequest(ws, m, Presets.reference(), new PassageSplit(200), null),
                new ContinualRequest(ws, m, tiny, split, 8, 3, "self-edits:gpt4_1", null),
                new FinetuneRequest(ws, m, tmp.resolve("sft.jsonl"), tmp.resolve("adapter"),
                        new LoraSettings(4, 8, 0.1, InnerLoopSettings.QV), TrainSettings.defaults().withEpochs(3), 512, tmp.resolve("ckpt"), true),
                new FinetuneRequest(null, m, tmp.resolve("sft.jsonl"), tmp.resolve("full"), null, TrainSettings.defaults(), 64, null, false),
                new ArcRequest(null, m, tmp.resolve("tasks.json"), null, List.of("6150a2bd"), 3, "tiny-cpu", 12,
                        List.of("{\"training\": {}}"), 2, true, true, 7, 2),
                new ArcRequest(ws, m, tmp.resolve("tasks.json"), null, List.of(), 0, "reference", 0, List.of(), 4, false, false,
                        0, 0, 192),
                new ArcRlRequest(ws, m, tmp.resolve("tasks.json"), tmp.resolve("sol.json"), List.of("a", "b"), 2, "tiny-cpu",
                        12, 15, true, 3, 1, 4, 1e-4, 5, 160));
        for (JobRequest<?> r : all) {
            String json = RequestJson.write(r);
            assertEquals(r, RequestJson.read(r.kind(), json), json);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RequestJson.read("evaluation", "{\"workspace\":\"w\"}"));
        assertTrue(e.getMessage().startsWith("the stored request of the evaluation job is not valid"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RequestJson.read("dance", "{}"));
        assertTrue(e.getMessage().contains("'dance'"), e.getMessage());
    }

    /**
     * Each request's JSON holds {@code "field":value} and reads back equal; the same JSON without the field (a request
     * stored before the field existed) reads back with {@code field} giving {@code absent}.
     */
    private static void travelsAndReadsAsWhenAbsent(List<JobRequest<?>> requests, String name, int value,
                                                    java.util.function.ToIntFunction<JobRequest<?>> field, int absent) {
        for (JobRequest<?> r : requests) {
            String json = RequestJson.write(r);
            assertTrue(json.contains("\"" + name + "\":" + value), json);
            assertEquals(r, RequestJson.read(r.kind(), json));
            String old = json.replace(",\"" + name + "\":" + value, "");
            assertFalse(old.contains(name), old);
            assertEquals(absent, field.applyAsInt(RequestJson.read(r.kind(), old)), old);
        }
    }

    @Test
    void theSelfEditTokensTravelWithArcRequestsAndAStoredRequestWithoutThemReadsAsThePresets() {
        Path m = tmp.resolve("model");
        ArcRequest arc = new ArcRequest(tmp.resolve("ws"), m, tmp.resolve("t.json"), null, List.of(), 0, "tiny-cpu", 0,
                List.of(), 2, false, false, 0, 0, 192);
        travelsAndReadsAsWhenAbsent(List.of(arc), "selfEditTokens", 192, r -> ((ArcRequest) r).selfEditTokens(), 0);
        assertEquals(192, ArcJob.settings(arc).selfEditMaxTokens());
        assertEquals(128, ArcJob.settings(new ArcRequest(null, m, tmp.resolve("t.json"), null, List.of(), 0, "tiny-cpu", 0,
                List.of(), 2, false, false, 0, 0)).selfEditMaxTokens(), "0: SEAL's 128");
    }

    @Test
    void theAdapterBatchTravelsWithEvaluationAndRlRequestsAndAStoredRequestWithoutItReadsAsTheDefault() {
        Path ws = tmp.resolve("ws"), m = tmp.resolve("model");
        SealSettings tiny = Presets.sealTinyCpu();
        EvaluationRequest eval = new EvaluationRequest(ws, m, tiny, new PassageSplit(10), List.of("passage-only"), 5, null, null, null, 3);
        RlRequest rl = new RlRequest(ws, m, tiny, new PassageSplit(10), null, 3);
        travelsAndReadsAsWhenAbsent(List.of(eval, rl), "adapterBatch", 3,
                read -> read instanceof EvaluationRequest e ? e.adapterBatch() : ((RlRequest) read).adapterBatch(),
                org.sealworkbench.seal.StoredRuns.DEFAULT_ADAPTER_BATCH);
        assertEquals(16, new RlRequest(ws, m, tiny, new PassageSplit(10), null).adapterBatch(), "16 unless told");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> eval.withAdapterBatch(-1));
        assertTrue(e.getMessage().contains("adapter batch"), e.getMessage());
    }

    @Test
    void theWorkersTravelWithEvaluationAndRlRequestsAndAStoredRequestWithoutThemReadsAsAutomatic() {
        Path ws = tmp.resolve("ws"), m = tmp.resolve("model");
        SealSettings tiny = Presets.sealTinyCpu();
        EvaluationRequest eval = new EvaluationRequest(ws, m, tiny, new PassageSplit(10), List.of("passage-only"), 5, null, null, null, 3)
                .withWorkers(2);
        RlRequest rl = new RlRequest(ws, m, tiny, new PassageSplit(10), null, 3, 2);
        travelsAndReadsAsWhenAbsent(List.of(eval, rl), "workers", 2,
                read -> read instanceof EvaluationRequest e ? e.workers() : ((RlRequest) read).workers(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> eval.withWorkers(-1));
        assertTrue(e.getMessage().contains("workers must be at least 1"), e.getMessage());
    }

    @Test
    void aCancelledImportIsResumedFromItsRowAlone() throws Exception {
        Path ws = tmp.resolve("ws");
        CancelToken token = new CancelToken();
        // Cancel on the first report from inside the file: the import rolls back and the row says cancelled.
        Progress cancelling = (d, t, m) -> {
            if (d > 0) token.cancel();
        };
        ImportRequest request = new ImportRequest(ws, ImportJobTest.SAMPLE.toAbsolutePath(), null);
        assertThrows(JobCancelledException.class, () -> Jobs.run(request, cancelling, token));
        List<JobRecord> stopped = Jobs.resumable(ws);
        assertEquals(1, stopped.size());
        assertEquals("cancelled", stopped.get(0).status());
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(0, log.passages().size(), "nothing imported");
        }

        // A new process knows only the workspace and the row: the request comes from the row.
        Object result = Jobs.resume(ws, stopped.get(0).id(), Progress.none(), new CancelToken());
        ImportReport report = assertInstanceOf(ImportReport.class, result);
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(report.passages(), log.passages().size());
            assertTrue(report.passages() > 0);
            assertEquals(1, log.jobs().size(), "resumed in the same row");
            JobRecord row = log.jobs().get(0);
            assertEquals("done", row.status());
            assertEquals(request, Jobs.requestOf(ws, row));
        }
        assertTrue(Jobs.resumable(ws).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Jobs.resume(ws, stopped.get(0).id(), Progress.none(), new CancelToken()));
        assertTrue(e.getMessage().contains("is done"), e.getMessage());
    }

    @Test
    void aRowWithoutARequestSaysWhy() {
        Path ws = tmp.resolve("ws");
        long id;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            id = log.addJob("import", "{\"file\":\"x\"}");
            log.updateJob(id, "failed", 0, "boom");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Jobs.resume(ws, id, Progress.none(), new CancelToken()));
        assertTrue(e.getMessage().contains("without its request"), e.getMessage());
        assertTrue(e.getMessage().contains(ws.toString()), e.getMessage());
    }

    @Test
    void stoppedInnerLoopsResumeInTheirRowWithoutRecomputing() throws Exception {
        TestEngine.setUp();
        Path ckpt = tmp.resolve("m");
        try (NDManager nd = NDManager.newBaseManager()) {
            RandomCheckpoint.write(ckpt, "llama", "tiny", 5, "F32", nd);
        }
        Path ws = tmp.resolve("ws");
        long seId;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            long pid = log.addPassage(new Passage("T", "A short fact.", List.of(new Question("Q?", "fact"))), "t");
            seId = log.addSelfEdit(new NewSelfEdit(pid, "A fact is short.", AuthorKind.IMPORT, null, null, null, null, null, "t"));
        }
        // seal-tiny-cpu's 3 repeats: three inner loops of the one self-edit.
        InnerLoopsRequest request = new InnerLoopsRequest(ws, ckpt, Presets.sealTinyCpu(), List.of(seId), Conditions.selfEditsOf("test"), null);
        CancelToken token = new CancelToken();
        List<String> messages = new ArrayList<>();
        Progress cancelAtSecond = (d, t, m) -> {
            messages.add(m);
            // The job's meter drops a report that comes within 100 ms of the one before (ProgressMeter): a warm JVM trains
            // this tiny model's inner loop faster than that, and "inner loop 2 of 3" was dropped (seen once in CI). Holding
            // the first report for longer than that makes the second one come through.
            if (m.startsWith("inner loop 1 of 3")) {
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (m.startsWith("inner loop 2 of 3")) token.cancel();
        };
        assertThrows(JobCancelledException.class, () -> Jobs.run(request, cancelAtSecond, token));
        long doneBefore;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            doneBefore = log.runs().stream().filter(r -> r.status().equals("done")).count();
            assertTrue(doneBefore >= 1 && doneBefore < 3, doneBefore + " runs done; " + messages);
            assertEquals("cancelled", log.jobs().get(0).status());
        }

        @SuppressWarnings("unchecked")
        List<InnerLoop.Outcome> all = (List<InnerLoop.Outcome>) Jobs.resume(ws, Jobs.resumable(ws).get(0).id(), Progress.none(), new CancelToken());
        assertEquals(3, all.size());
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(3, log.runs().stream().filter(r -> r.status().equals("done")).count(), "the stored runs are reused, not redone");
            // the loop in flight when the token was set stays in the log as cancelled (rows are appended, never rewritten)
            assertEquals(3 + log.runs().stream().filter(r -> r.status().equals("cancelled")).count(), log.runs().size());
            assertEquals(List.of(0L, 1L, 2L).stream().map(r -> Presets.sealTinyCpu().innerLoop().repeatSeed(r.intValue())).toList(),
                    all.stream().map(o -> log.run(o.runId()).orElseThrow().seed()).toList());
            assertEquals(1, log.jobs().size());
            assertEquals("done", log.jobs().get(0).status());
            assertEquals(1.0, log.jobs().get(0).progress());
        }
        assertTrue(Files.exists(ws.resolve(ExperimentLog.DB_FILE)));
    }

    @Test
    void aCancelledFinetuneRecordedInAWorkspaceResumesFromItsCheckpoint() throws Exception {
        TestEngine.setUp();
        Path ckpt = tmp.resolve("m");
        try (NDManager nd = NDManager.newBaseManager()) {
            RandomCheckpoint.write(ckpt, "llama", "tiny", 5, "F32", nd);
        }
        Path data = tmp.resolve("train.jsonl");
        Files.writeString(data, "{\"prompt\": \"Q: sky? A:\", \"completion\": \" blue\"}\n{\"text\": \"The sea is wide.\"}\n");
        Path ws = tmp.resolve("ws"), out = tmp.resolve("adapter"), trainer = tmp.resolve("trainer");
        FinetuneRequest request = new FinetuneRequest(ws, ckpt, data, out, new LoraSettings(2, 4, 0, InnerLoopSettings.QV),
                TrainSettings.defaults().withEpochs(3), 64, trainer, false);
        CancelToken token = new CancelToken();
        // Cancel at the first optimizer step: the trainer stops there and writes its checkpoint.
        FinetuneJob.Report first = Jobs.run(request, (d, t, m) -> {
            if (d >= 1 && t > 0) token.cancel();
        }, token);
        assertTrue(first.result().cancelled());
        assertNull(first.written());
        assertFalse(Files.exists(out));
        JobRecord stopped = Jobs.resumable(ws).get(0);
        assertEquals("cancelled", stopped.status());

        // The stored request says where the trainer checkpoint is; resuming must continue from it, not start over.
        List<Long> steps = new ArrayList<>();
        FinetuneJob.Report done = (FinetuneJob.Report) Jobs.resume(ws, stopped.id(), (d, t, m) -> {
            if (t > 0) steps.add(d);
        }, new CancelToken());
        assertFalse(done.result().cancelled());
        assertEquals(out, done.written());
        assertTrue(Files.exists(out.resolve("adapter_config.json")));
        assertFalse(steps.isEmpty());
        assertTrue(steps.get(0) > 1, "resumed after the stored step, not from step 1: " + steps);
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(1, log.jobs().size());
            assertEquals("done", log.jobs().get(0).status());
        }
    }
}
