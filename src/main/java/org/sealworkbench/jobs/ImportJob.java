package org.sealworkbench.jobs;

import org.sealworkbench.util.Counts;
import org.sealworkbench.util.Progress;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.CancelledException;
import com.google.gson.JsonObject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sealworkbench.data.DataReader;
import org.sealworkbench.data.DataVisitor;
import org.sealworkbench.data.Detection;
import org.sealworkbench.data.GeneratedSelfEdits;
import org.sealworkbench.data.Format;
import org.sealworkbench.data.FormatDetector;
import org.sealworkbench.data.RunResultsReader;
import org.sealworkbench.data.SftJsonlReader;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.SelfEditMeta;
import org.sealworkbench.seal.RunResultsImporter;
import org.sealworkbench.seal.SftImporter;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.NewSelfEdit;
import org.sealworkbench.store.StoreException;

/**
 * Imports one file (SEAL JSON, self-edit file with its .meta, SQuAD, JSONL, SEAL run results, SFT JSONL)
 * into the experiment log,
 * streaming it in small staged transactions (ExperimentLog.stage) so that other writers interleave: on a
 * malformed record, an error, a cancel or a kill, nothing of the file is kept.
 * Passages already in the workspace (same title and context) are reused rather than duplicated.
 * The job is recorded in the jobs table (outside the import's transaction, so a failure is recorded too).
 */
public final class ImportJob {
    private static final int MAX_NOTES = 10;

    private final Path file;
    private final ExperimentLog log;
    private final String modelName;
    private JobRequest<?> request;
    private Long resumeId;

    public ImportJob(Path file, ExperimentLog log) {
        this(file, log, null);
    }

    /**
     * @param modelName who wrote the imported self-edits (null: the .meta file's "model", else the file's name
     *                  without extension; for run results, the stem of their "dataset" field)
     */
    public ImportJob(Path file, ExperimentLog log, String modelName) {
        this.file = file;
        this.log = log;
        this.modelName = modelName == null || modelName.isBlank() ? null : modelName.strip();
    }

    /** The import of a request, built from it alone: the workspace's log is opened here and the job recorded with the request. */
    public static ImportReport run(ImportRequest request, Progress listener, CancelToken token) {
        return run(request, null, listener, token);
    }

    static ImportReport run(ImportRequest request, Long resumeId, Progress listener, CancelToken token) {
        try (ExperimentLog log = ExperimentLog.openWritable(request.workspace())) {
            ImportJob job = new ImportJob(request.file(), log, request.modelName());
            job.request = request;
            job.resumeId = resumeId;
            return job.run(listener, token);
        }
    }

    public ImportReport run(Progress listener, CancelToken token) {
        log.requireWritable();   // before the file is read: a read-only workspace refuses at once, in its own words
        ProgressMeter progress = new ProgressMeter(listener);
        // While another job or process writes the workspace, wait (cancellable) and say so.
        try (ExperimentLog.Registration waiting = log.onWriteWait(ms -> {
            token.throwIfCancelled();
            progress.report(0, -1, file.getFileName() + ": " + ExperimentLog.waitingMessage(ms), true);
        })) {
            return run(progress, token);
        }
    }

    private ImportReport run(ProgressMeter progress, CancelToken token) {
        progress.report(0, -1, "Reading " + file.getFileName() + "...", true);
        Detection detection;
        Optional<Path> metaFile = Optional.empty();
        SelfEditMeta meta = null;
        long total;
        try {
            detection = FormatDetector.detect(file);
            if (detection.selfEdits()) {
                metaFile = SelfEditMeta.findBeside(file);
                if (metaFile.isPresent()) meta = SelfEditMeta.read(metaFile.get());
            }
            total = Files.size(file);
        } catch (IOException e) {
            String msg = message(e) + " (nothing imported)";
            if (request != null) {
                // A job built from a request is recorded even when its file cannot be read, so it can be resumed once fixed.
                JsonObject params = new JsonObject();
                params.addProperty("file", file.toAbsolutePath().toString());
                log.updateJob(JobRow.open(log, ImportRequest.KIND, params, request, resumeId), "failed", 0, msg);
            }
            throw new JobFailedException(msg, e);
        }

        JsonObject params = new JsonObject();
        params.addProperty("file", file.toAbsolutePath().toString());
        params.addProperty("format", detection.format().cliName());
        long jobId = JobRow.open(log, ImportRequest.KIND, params, request, resumeId);
        // Staged: the import commits in small transactions, so that other jobs and processes write in between,
        // and a failure, a cancel or a kill still leaves nothing of this file.
        ExperimentLog.StagedWrites staged = log.stage(jobId);
        try {
            if (detection.format() == Format.RUN_RESULTS || detection.format() == Format.SFT_JSONL) {
                return runSeal(detection, meta, total, jobId, staged, progress, token);
            }
            return runData(detection, metaFile, meta, total, jobId, staged, progress, token);
        } finally {
            staged.close(); // removes the rows unless they were kept
        }
    }

    private ImportReport runData(Detection detection, Optional<Path> metaFile, SelfEditMeta meta, long total, long jobId,
                                 ExperimentLog.StagedWrites staged, ProgressMeter progress, CancelToken token) {
        Counter counter = new Counter(meta, file.getFileName().toString(), token);
        try (InputStream raw = Files.newInputStream(file);
             CountingInputStream in = new CountingInputStream(new BufferedInputStream(raw, 1 << 16))) {
            counter.onRecord = () -> progress.report(in.count(), total, ProgressMeter.megabytes(in.count()) + " of "
                    + ProgressMeter.megabytes(total) + ", " + counter.records + " records", false);
            DataReader.read(in, file.toString(), detection.format(), counter);
            token.throwIfCancelled();
        } catch (CancelledException e) {
            throw cancelled(jobId, staged);
        } catch (IOException | StoreException e) {
            throw fail(jobId, staged, e);
        }

        List<String> notes = new ArrayList<>();
        notes.add("Format: " + detection.description());
        metaFile.ifPresent(m -> notes.add("Sampling settings from " + m.getFileName()));
        if (counter.reused > 0) notes.add(Counts.of(counter.reused, "passage already in the workspace was reused",
                "passages already in the workspace were reused"));
        notes.addAll(counter.warnings);
        notes.addAll(counter.skipNotes);
        if (counter.skipped > counter.skipNotes.size()) {
            notes.add("... and " + (counter.skipped - counter.skipNotes.size()) + " more skipped");
        }
        ImportReport report = new ImportReport(file, detection.format().cliName(), counter.passages, counter.questions,
                counter.selfEdits, counter.skipped, notes);
        String summary = counter.passages + " passages, " + counter.questions + " questions, " + counter.selfEdits
                + " self-edits imported, " + counter.skipped + " skipped";
        keep(jobId, staged, summary);
        progress.report(total, total, summary, true);
        return report;
    }

    /** Keeps the staged rows, recording the job done in the same transaction. */
    private void keep(long jobId, ExperimentLog.StagedWrites staged, String summary) {
        try {
            staged.keep(() -> log.updateJob(jobId, "done", 1.0, summary));
        } catch (StoreException e) {
            throw fail(jobId, staged, e);
        }
    }

    private JobCancelledException cancelled(long jobId, ExperimentLog.StagedWrites staged) {
        String msg = "Import of " + file.getFileName() + " cancelled; " + abandon(staged);
        log.endJob(jobId, "cancelled", 0, msg);
        return new JobCancelledException(msg);
    }

    /**
     * Removes what a stopped import wrote and says what is left: nothing, unless rows of other jobs came to use some of
     * its rows meanwhile. When they cannot be removed now (the disk is full), they stay hidden and are removed later.
     */
    private static String abandon(ExperimentLog.StagedWrites staged) {
        try {
            staged.abandon();
        } catch (StoreException e) {
            return "nothing imported; the rows it had written stay hidden and are removed when the workspace is next"
                    + " opened with space to write";
        }
        return staged.kept() == 0 ? "nothing imported"
                : "nothing imported (" + staged.kept() + " of its rows stay because rows of another job now use them)";
    }

    /** Run-result files and SFT sets, stored by the seal package's importers in one transaction. */
    private ImportReport runSeal(Detection detection, SelfEditMeta meta, long total, long jobId,
                                 ExperimentLog.StagedWrites staged, ProgressMeter progress, CancelToken token) {
        String name = file.getFileName().toString();
        String model = modelName != null ? modelName : meta != null && meta.model() != null ? meta.model() : null;
        int passages;
        int questions;
        int selfEdits;
        int skipped;
        List<String> found;
        try {
            if (detection.format() == Format.RUN_RESULTS) {
                int[] done = {0};
                RunResultsImporter[] holder = new RunResultsImporter[1];
                holder[0] = new RunResultsImporter(log, name, model, () -> {
                    done[0]++;
                    token.throwIfCancelled();
                    progress.report(done[0], -1, done[0] + " articles", false);
                });
                RunResultsReader.read(file, holder[0]);
                token.throwIfCancelled();
                RunResultsImporter r = holder[0];
                passages = r.passagesAdded();
                questions = r.questionsAdded();
                selfEdits = r.selfEditsAdded();
                skipped = 0;
                found = r.notes();
                if (r.passagesReused() > 0) found.add(Counts.of(r.passagesReused(), "passage already in the workspace was reused",
                        "passages already in the workspace were reused"));
            } else {
                SftImporter sft;
                List<String> warnings = new ArrayList<>();
                try (InputStream raw = Files.newInputStream(file);
                     CountingInputStream in = new CountingInputStream(new BufferedInputStream(raw, 1 << 16))) {
                    sft = new SftImporter(log, name, model, () -> {
                        token.throwIfCancelled();
                        progress.report(in.count(), total, ProgressMeter.megabytes(in.count()) + " of "
                                + ProgressMeter.megabytes(total), false);
                    });
                    SftJsonlReader.read(in, file.toString(), sft::pair, w -> warnings.add("Warning: " + w));
                    token.throwIfCancelled();
                }
                passages = sft.passagesAdded();
                questions = 0;
                selfEdits = sft.selfEditsAdded();
                skipped = sft.skipped();
                found = sft.notes();
                found.addAll(warnings);
            }
        } catch (CancelledException e) {
            throw cancelled(jobId, staged);
        } catch (UncheckedIOException e) {
            throw fail(jobId, staged, e.getCause());
        } catch (IOException | StoreException e) {
            throw fail(jobId, staged, e);
        }
        List<String> notes = new ArrayList<>();
        notes.add("Format: " + detection.description());
        notes.addAll(found);
        String summary = passages + " passages, " + questions + " questions, " + selfEdits + " self-edits imported, "
                + skipped + " skipped";
        keep(jobId, staged, summary);
        progress.report(total, total, summary, true);
        return new ImportReport(file, detection.format().cliName(), passages, questions, selfEdits, skipped, notes);
    }

    private JobFailedException fail(long jobId, ExperimentLog.StagedWrites staged, Throwable e) {
        String left = abandon(staged);
        String msg = message(e);
        // A DataFormatException already names the file; other errors get it added.
        if (!msg.contains(file.toString()) && !msg.contains(file.getFileName().toString())) msg = file + ": " + msg;
        msg += " (" + left + ")";
        log.endJob(jobId, "failed", 0, msg);
        return new JobFailedException(msg, e);
    }

    private static String stemOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Writes each record into the log as it streams past, and counts what it did. */
    private final class Counter implements DataVisitor {
        private final String samplingJson;
        private final String modelName;
        private final String sourceLabel;
        private final CancelToken token;
        private Runnable onRecord = () -> {};
        private Long modelId;
        int records;
        int passages;
        int reused;
        int questions;
        int selfEdits;
        int skipped;
        final List<String> skipNotes = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        Counter(SelfEditMeta meta, String sourceLabel, CancelToken token) {
            this.samplingJson = meta == null ? null : meta.json();
            // An explicit name wins; else the .meta file's model; else the file's name without extension.
            this.modelName = ImportJob.this.modelName != null ? ImportJob.this.modelName
                    : meta != null && meta.model() != null ? meta.model() : stemOf(sourceLabel);
            this.sourceLabel = sourceLabel;
            this.token = token;
        }

        @Override
        public void passage(Passage p) {
            log.inTransaction(() -> store(p));
            done();
        }

        @Override
        public void selfEdits(GeneratedSelfEdits s) {
            log.inTransaction(() -> {
                long passageId = store(s.passage());
                if (modelName != null && modelId == null) modelId = log.findOrAddModel(modelName, null, modelName);
                for (String text : s.completions()) {
                    log.addSelfEdit(new NewSelfEdit(passageId, text, AuthorKind.IMPORT, modelId, null, null, s.prompt(),
                            samplingJson, sourceLabel));
                    selfEdits++;
                }
            });
            done();
        }

        private long store(Passage p) {
            Optional<Long> existing = log.findPassage(p.title(), p.context());
            if (existing.isPresent()) {
                reused++;
                return existing.get();
            }
            passages++;
            questions += p.questions().size();
            return log.addPassage(p, sourceLabel);
        }

        private void done() {
            records++;
            token.throwIfCancelled();
            onRecord.run();
        }

        @Override
        public void warning(String message) {
            warnings.add("Warning: " + message);
        }

        @Override
        public void skipped(String what) {
            skipped++;
            if (skipNotes.size() < MAX_NOTES) skipNotes.add(what);
        }
    }
}
