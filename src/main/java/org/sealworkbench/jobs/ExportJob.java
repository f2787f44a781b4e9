package org.sealworkbench.jobs;

import org.sealworkbench.util.Progress;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.CancelledException;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.sealworkbench.data.DataWriter;
import org.sealworkbench.data.Format;
import org.sealworkbench.data.GeneratedSelfEdits;
import org.sealworkbench.data.Passage;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.PassageSummary;
import org.sealworkbench.store.SelfEditRecord;

/**
 * Writes a workspace's passages, or its self-edits grouped by passage (SEAL's generated self-edit
 * shape), to SEAL JSON or JSONL. It writes a temporary file beside the target and moves it into place
 * at the end, so a failed or cancelled export leaves no half-written file.
 */
public final class ExportJob {
    /** What to export. */
    public enum What { PASSAGES, SELF_EDITS }

    /** What an export wrote: records are passages or self-edit objects (one per passage with self-edits). */
    public record Report(Path file, String format, int records, int selfEdits) {}

    private final ExperimentLog log;
    private final Path out;
    private final Format format;
    private final What what;

    public ExportJob(ExperimentLog log, Path out, Format format, What what) {
        if (format == Format.SQUAD) throw new IllegalArgumentException("export to SQuAD is not supported; use seal-json or jsonl");
        this.log = log;
        this.out = out;
        this.format = format;
        this.what = what;
    }

    /**
     * The export of a request, built from it alone: the workspace's log is opened here and the export recorded in the
     * jobs table with the request (done, cancelled or failed).
     */
    public static Report run(ExportRequest request, Progress listener, CancelToken token) {
        return run(request, null, listener, token);
    }

    static Report run(ExportRequest request, Long resumeId, Progress listener, CancelToken token) {
        // Opening a missing workspace would create an empty one; for an export that is surely a typo.
        if (!Files.isRegularFile(request.workspace().resolve(ExperimentLog.DB_FILE))) {
            throw new IllegalArgumentException("no workspace at " + request.workspace() + " (no " + ExperimentLog.DB_FILE + ")");
        }
        try (ExperimentLog log = ExperimentLog.open(request.workspace())) {
            JsonObject params = new JsonObject();
            params.addProperty("file", request.out().toAbsolutePath().toString());
            params.addProperty("format", request.format().cliName());
            params.addProperty("what", request.what().name());
            long jobId = JobRow.open(log, request.kind(), params, request, resumeId);
            try {
                Report r = new ExportJob(log, request.out(), request.format(), request.what()).run(listener, token);
                log.updateJob(jobId, "done", 1.0, r.records() + " records written to " + r.file());
                return r;
            } catch (CancelledException e) {
                log.updateJob(jobId, "cancelled", 0, e.getMessage());
                throw e;
            } catch (RuntimeException e) {
                log.updateJob(jobId, "failed", 0, e.getMessage() == null ? e.toString() : e.getMessage());
                throw e;
            }
        }
    }

    public Report run(Progress listener, CancelToken token) {
        ProgressMeter progress = new ProgressMeter(listener);
        Path target = out.toAbsolutePath();
        List<PassageSummary> passages = log.passages();
        int records = 0;
        int selfEdits = 0;
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
            try (OutputStream os = Files.newOutputStream(tmp); DataWriter w = DataWriter.open(os, format)) {
                for (int i = 0; i < passages.size(); i++) {
                    token.throwIfCancelled();
                    PassageSummary s = passages.get(i);
                    if (what == What.PASSAGES) {
                        w.passage(passageOf(s.id()));
                        records++;
                    } else if (s.selfEditCount() > 0) {
                        List<SelfEditRecord> edits = log.selfEdits(s.id());
                        List<String> texts = new ArrayList<>();
                        String prompt = null;
                        for (SelfEditRecord e : edits) {
                            texts.add(e.text());
                            if (prompt == null) prompt = e.promptText();
                        }
                        w.selfEdits(new GeneratedSelfEdits(passageOf(s.id()), prompt, texts));
                        records++;
                        selfEdits += texts.size();
                    }
                    progress.report(i + 1, passages.size(), records + " records written", false);
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new JobFailedException(target + ": cannot write: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            if (e instanceof CancelledException) throw new JobCancelledException("Export cancelled; " + target + " not written");
            throw e;
        }
        progress.report(1, 1, records + " records written to " + target.getFileName(), true);
        return new Report(target, format.cliName(), records, selfEdits);
    }

    private Passage passageOf(long id) {
        return log.passageData(id).orElseThrow(() -> new IllegalStateException("passage " + id + " vanished during export"));
    }

    private static void deleteQuietly(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // Only a leftover temporary file; the error being reported matters more.
        }
    }
}
