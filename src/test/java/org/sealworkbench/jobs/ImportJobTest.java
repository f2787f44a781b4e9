package org.sealworkbench.jobs;

import org.sealworkbench.util.Progress;
import org.sealworkbench.util.CancelToken;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.DataWriter;
import org.sealworkbench.data.Format;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.Counts;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.JobRecord;
import org.sealworkbench.store.SelfEditRecord;

class ImportJobTest {
    @TempDir
    Path tmp;

    static final Path SAMPLE = Path.of("sample-data", "passages.json");
    static final Path SAMPLE_EDITS = Path.of("sample-data", "self-edits-example.json");
    static final Counts EMPTY = new Counts(0, 0, 0, 0, 0, 0, 0, 0);

    @Test
    void importsSamplePassagesWithProgressAndAJobRecord() {
        List<Double> fractions = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            ImportReport r = new ImportJob(SAMPLE, log).run((d, t, m) -> {
                fractions.add(Progress.fraction(d, t));
                messages.add(m);
            }, new CancelToken());
            assertEquals("seal-json", r.format());
            assertEquals(12, r.passages());
            assertEquals(55, r.questions());
            assertEquals(0, r.selfEdits());
            assertEquals(0, r.skipped());
            assertTrue(r.notes().get(0).contains("SEAL passage JSON"), r.notes().toString());
            assertEquals(new Counts(12, 55, 0, 0, 0, 0, 0, 0), log.counts());
            assertEquals("Vessary Lighthouse", log.passages().get(0).title());

            JobRecord job = log.jobs().get(0);
            assertEquals("import", job.kind());
            assertEquals("done", job.status());
            assertEquals(1.0, job.progress());
            assertTrue(job.paramsJson().contains("passages.json"), job.paramsJson());

            assertEquals(1.0, fractions.get(fractions.size() - 1));
            for (double f : fractions) assertTrue(f == -1 || (f >= 0 && f <= 1), "fraction " + f);
            assertTrue(messages.get(messages.size() - 1).contains("12 passages"), messages.toString());

            // A second import of the same file reuses the stored passages.
            ImportReport again = new ImportJob(SAMPLE, log).run(Progress.none(), new CancelToken());
            assertEquals(0, again.passages());
            assertTrue(again.notes().stream().anyMatch(n -> n.contains("12 passages already in the workspace were reused")));
            assertEquals(12, log.counts().passages());
        }
    }

    @Test
    void selfEditFileAttachesToStoredPassagesWithItsMeta() {
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            new ImportJob(SAMPLE, log).run(Progress.none(), new CancelToken());
            ImportReport r = new ImportJob(SAMPLE_EDITS, log).run(Progress.none(), new CancelToken());
            assertEquals(0, r.passages());
            assertEquals(5, r.selfEdits());
            assertEquals(12, log.counts().passages());
            assertEquals(1, log.counts().models());
            long lighthouse = log.passages().get(0).id();
            List<SelfEditRecord> edits = log.selfEdits(lighthouse);
            assertEquals(3, edits.size());
            SelfEditRecord e = edits.get(0);
            assertEquals(AuthorKind.IMPORT, e.author());
            assertEquals("self-edits-example.json", e.sourceLabel());
            assertTrue(e.promptText().endsWith("Implications:\n"), e.promptText());
            assertTrue(e.samplingJson().contains("\"top_p\":0.95"), e.samplingJson());
            assertEquals("hand-written (example)", log.model(e.modelId()).orElseThrow().name());
            assertEquals(3, log.passages().get(0).selfEditCount());
        }
    }

    @Test
    void malformedRecordImportsNothingAndSaysWhere() throws IOException {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "[{\"title\":\"a\",\"context\":\"c\",\"questions\":[]},"
                + "{\"title\":\"b\",\"context\":\"d\",\"questions\":[{\"question\":\"q\",\"answer\":\"x\"}]},"
                + "{\"title\":\"c\",\"context\":\"e\",\"questions\":[{\"question\":\"q\",\"answer\":\"x\"},{\"question\":\"q\",\"answer\":3}]}]");
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            JobFailedException e = assertThrows(JobFailedException.class,
                    () -> new ImportJob(bad, log).run(Progress.none(), new CancelToken()));
            assertEquals(bad + ": record 3: field \"questions[1].answer\": expected a string, found NUMBER (nothing imported)",
                    e.getMessage());
            assertEquals(EMPTY, log.counts());
            JobRecord job = log.jobs().get(0);
            assertEquals("failed", job.status());
            assertEquals(e.getMessage(), job.message());
        }
    }

    @Test
    void emptyAndMissingFilesFailClearly() throws IOException {
        Path empty = tmp.resolve("empty.json");
        Files.createFile(empty);
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            JobFailedException e = assertThrows(JobFailedException.class,
                    () -> new ImportJob(empty, log).run(Progress.none(), new CancelToken()));
            assertEquals(empty + ": the file is empty (nothing imported)", e.getMessage());
            e = assertThrows(JobFailedException.class,
                    () -> new ImportJob(tmp.resolve("missing.json"), log).run(Progress.none(), new CancelToken()));
            assertTrue(e.getMessage().contains("missing.json: no such file"), e.getMessage());
            assertEquals(EMPTY, log.counts());
        }
    }

    @Test
    void cancelMidwayRollsBackEverything() throws IOException {
        Path big = tmp.resolve("big.jsonl");
        try (OutputStream os = Files.newOutputStream(big); DataWriter w = DataWriter.open(os, Format.JSONL)) {
            for (int i = 0; i < 3000; i++) {
                w.passage(new Passage("P" + i, "Context number " + i + ".", List.of(new Question("Q" + i, "A" + i))));
            }
        }
        CancelToken token = new CancelToken();
        double[] cancelledAt = {-1};
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            // Cancel on the first progress report that comes from inside the file.
            JobCancelledException e = assertThrows(JobCancelledException.class, () -> new ImportJob(big, log).run((d, t, m) -> {
                double f = Progress.fraction(d, t);
                if (f > 0 && !token.isCancelled()) {
                    cancelledAt[0] = f;
                    token.cancel();
                }
            }, token));
            assertTrue(cancelledAt[0] > 0 && cancelledAt[0] < 1, "cancelled at " + cancelledAt[0]);
            assertEquals("Import of big.jsonl cancelled; nothing imported", e.getMessage());
            assertEquals(EMPTY, log.counts());
            assertEquals("cancelled", log.jobs().get(0).status());
        }
    }

    @Test
    void squadImportCountsSkippedQuestions() throws IOException {
        Path squad = tmp.resolve("train-v2.0.json");
        Files.writeString(squad, "{\"version\":\"v2.0\",\"data\":[{\"title\":\"T\",\"paragraphs\":[{\"context\":\"C.\",\"qas\":["
                + "{\"question\":\"Q1\",\"answers\":[{\"text\":\"A\",\"answer_start\":0}],\"is_impossible\":false},"
                + "{\"question\":\"Q2\",\"answers\":[],\"is_impossible\":true}]}]}]}");
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            ImportReport r = new ImportJob(squad, log).run(Progress.none(), new CancelToken());
            assertEquals("squad", r.format());
            assertEquals(1, r.passages());
            assertEquals(1, r.questions());
            assertEquals(1, r.skipped());
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("unanswerable question skipped: Q2")), r.notes().toString());
        }
    }
}
