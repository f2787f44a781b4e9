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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sealworkbench.data.DataWriter;
import org.sealworkbench.data.Format;
import org.sealworkbench.data.GeneratedSelfEdits;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.SelfEditMeta;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.PassageSummary;
import org.sealworkbench.store.SelfEditRecord;

/**
 * Writes a workspace's passages, or its self-edits grouped by passage (SEAL's generated self-edit
 * shape), to SEAL JSON or JSONL. It writes a temporary file beside the target and moves it into place
 * at the end, so a failed or cancelled export leaves no half-written file.
 *
 * <p>Self-edits (issue 21): a {@link SelfEditFilter} chooses them (author, template, RL round), and SEAL's sibling
 * {@code .meta} is written beside the file ({@code out.json} -> {@code out.meta}, where SEAL's scripts and our import
 * look first): the author model, the sampling settings (temperature, top_p, max_tokens) where every exported self-edit
 * has the same, k where every passage has the same number, and the newest self-edit's time. A field the self-edits
 * disagree on is left out and named in the report's notes, so a mixed export is never passed off as one model's.
 */
public final class ExportJob {
    /** What to export. */
    public enum What { PASSAGES, SELF_EDITS }

    /** What an export wrote: records are passages or self-edit objects (one per passage with self-edits). */
    public record Report(Path file, String format, int records, int selfEdits, Path metaFile, List<String> notes) {
        public Report {
            notes = notes == null ? List.of() : List.copyOf(notes);
        }

        public Report(Path file, String format, int records, int selfEdits) {
            this(file, format, records, selfEdits, null, List.of());
        }
    }

    private final ExperimentLog log;
    private final Path out;
    private final Format format;
    private final What what;
    private final SelfEditFilter filter;

    public ExportJob(ExperimentLog log, Path out, Format format, What what) {
        this(log, out, format, what, SelfEditFilter.ALL);
    }

    public ExportJob(ExperimentLog log, Path out, Format format, What what, SelfEditFilter filter) {
        if (format == Format.SQUAD) throw new IllegalArgumentException("export to SQuAD is not supported; use seal-json or jsonl");
        this.log = log;
        this.out = out;
        this.format = format;
        this.what = what;
        this.filter = filter == null ? SelfEditFilter.ALL : filter;
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
            if (log.readOnly()) {
                // An export only reads the workspace: it runs, but is not recorded in the jobs table it may not write.
                Report r = new ExportJob(log, request.out(), request.format(), request.what(), request.filter()).run(listener, token);
                List<String> notes = new ArrayList<>(r.notes());
                notes.add("not recorded among the workspace's jobs: the workspace is open read-only (" + log.readOnlyReason() + ")");
                return new Report(r.file(), r.format(), r.records(), r.selfEdits(), r.metaFile(), notes);
            }
            JsonObject params = new JsonObject();
            params.addProperty("file", request.out().toAbsolutePath().toString());
            params.addProperty("format", request.format().cliName());
            params.addProperty("what", request.what().name());
            if (!request.filter().isAll()) params.addProperty("self_edits", request.filter().describe());
            long jobId = JobRow.open(log, request.kind(), params, request, resumeId);
            try {
                Report r = new ExportJob(log, request.out(), request.format(), request.what(), request.filter()).run(listener, token);
                log.updateJob(jobId, "done", 1.0, r.records() + " records written to " + r.file());
                return r;
            } catch (CancelledException e) {
                log.endJob(jobId, "cancelled", 0, e.getMessage());
                throw e;
            } catch (RuntimeException e) {
                log.endJob(jobId, "failed", 0, e.getMessage() == null ? e.toString() : e.getMessage());
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
        MetaBuilder meta = new MetaBuilder();
        Map<Long, String> modelNames = new HashMap<>();
        Path tmp = null;
        Path metaTmp = null;
        Path metaTarget = null;
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
                        List<String> texts = new ArrayList<>();
                        String prompt = null;
                        for (SelfEditRecord e : log.selfEdits(s.id())) {
                            String author = e.modelId() == null ? null
                                    : modelNames.computeIfAbsent(e.modelId(), id -> log.model(id).map(m -> m.name()).orElse(null));
                            meta.seen(e, author);
                            if (!filter.test(e, author)) continue;
                            texts.add(e.text());
                            if (prompt == null) prompt = e.promptText();
                            meta.add(e, e.author() == AuthorKind.HUMAN_EDIT ? SelfEditFilter.HUMAN : author);
                        }
                        if (!texts.isEmpty()) {
                            meta.passage(texts.size());
                            w.selfEdits(new GeneratedSelfEdits(passageOf(s.id()), prompt, texts));
                            records++;
                            selfEdits += texts.size();
                        }
                    }
                    progress.report(i + 1, passages.size(), records + " records written", false);
                }
            }
            if (what == What.SELF_EDITS) {
                metaTarget = metaPathOf(target);
                metaTmp = Files.createTempFile(target.getParent(), "." + metaTarget.getFileName(), ".part");
                meta.build().write(metaTmp);
                // The data file first: a crash between the two moves leaves at worst an old .meta beside the new file.
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.move(metaTmp, metaTarget, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            deleteQuietly(tmp);
            deleteQuietly(metaTmp);
            throw new JobFailedException(target + ": cannot write: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            deleteQuietly(metaTmp);
            if (e instanceof CancelledException) throw new JobCancelledException("Export cancelled; " + target + " not written");
            throw e;
        }
        progress.report(1, 1, records + " records written to " + target.getFileName(), true);
        List<String> notes = new ArrayList<>();
        if (what == What.SELF_EDITS) {
            if (!filter.isAll()) notes.add("self-edits chosen: " + filter.describe());
            notes.addAll(meta.notes());
        }
        return new Report(target, format.cliName(), records, selfEdits, metaTarget, notes);
    }

    /** SEAL's sibling meta file: {@code out.json} -> {@code out.meta} (a name without extension gets {@code .meta} added). */
    public static Path metaPathOf(Path dataFile) {
        String name = dataFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dataFile.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".meta");
    }

    /**
     * The .meta of the exported self-edits: a field goes in only when every self-edit (or, for k, every passage) agrees.
     * The sampling settings are read from each self-edit's stored sampling JSON (the generator's, or an imported .meta,
     * which use the same keys).
     */
    static final class MetaBuilder {
        private final Map<String, java.util.Set<String>> seen = new java.util.TreeMap<>();
        private final java.util.Set<Integer> ks = new java.util.TreeSet<>();
        private java.time.Instant newest;
        private final java.util.Set<String> timestamps = new java.util.TreeSet<>();
        private int count;
        private final java.util.Set<String> authors = new java.util.TreeSet<>();
        private final java.util.Set<String> templates = new java.util.TreeSet<>();

        /** Every self-edit scanned, matched or not: what a filter could have chosen, for the note when none matched. */
        void seen(SelfEditRecord e, String author) {
            authors.add(e.author() == AuthorKind.HUMAN_EDIT ? SelfEditFilter.HUMAN : author == null ? "(no model)" : author);
            if (e.promptTemplate() != null) templates.add(e.promptTemplate());
        }

        void add(SelfEditRecord e, String author) {
            count++;
            value("model", author == null ? "(unknown)" : author);
            JsonObject sampling = null;
            if (e.samplingJson() != null) {
                try {
                    com.google.gson.JsonElement j = com.google.gson.JsonParser.parseString(e.samplingJson());
                    if (j.isJsonObject()) sampling = j.getAsJsonObject();
                } catch (RuntimeException ignored) {
                    // Not JSON: the sampling settings are unknown, as when there are none.
                }
            }
            for (String key : List.of("temperature", "top_p", "max_tokens")) {
                com.google.gson.JsonElement v = sampling == null ? null : sampling.get(key);
                value(key, v == null || !v.isJsonPrimitive() ? "(unknown)" : v.getAsJsonPrimitive().getAsString());
            }
            com.google.gson.JsonElement ts = sampling == null ? null : sampling.get("timestamp");
            timestamps.add(ts == null || !ts.isJsonPrimitive() ? "(unknown)" : ts.getAsString());
            if (e.created() != null && (newest == null || e.created().isAfter(newest))) newest = e.created();
        }

        void passage(int completions) {
            ks.add(completions);
        }

        private void value(String key, String v) {
            seen.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(v);
        }

        private String single(String key) {
            java.util.Set<String> vs = seen.getOrDefault(key, java.util.Set.of());
            return vs.size() == 1 && !vs.contains("(unknown)") ? vs.iterator().next() : null;
        }

        SelfEditMeta build() {
            String t = single("temperature");
            String p = single("top_p");
            String m = single("max_tokens");
            return new SelfEditMeta(single("model"), t == null ? null : Double.valueOf(t), p == null ? null : Double.valueOf(p),
                    m == null ? null : (int) Double.parseDouble(m), ks.size() == 1 ? ks.iterator().next() : null,
                    timestamp(), null);
        }

        /** The generation time an imported .meta recorded when all agree, else the newest self-edit's time in the log. */
        private String timestamp() {
            if (timestamps.size() == 1 && !timestamps.contains("(unknown)")) return timestamps.iterator().next();
            return newest == null ? null : newest.toString();
        }

        List<String> notes() {
            List<String> notes = new ArrayList<>();
            if (count == 0) {
                notes.add("no self-edit matched: the file holds no records (authors in the workspace: "
                        + (authors.isEmpty() ? "none" : String.join(", ", authors)) + "; templates: "
                        + (templates.isEmpty() ? "none recorded" : String.join(", ", templates)) + ")");
                return notes;
            }
            for (Map.Entry<String, java.util.Set<String>> e : seen.entrySet()) {
                if (e.getValue().size() > 1) {
                    notes.add("the self-edits differ in " + e.getKey() + " (" + String.join(", ", e.getValue())
                            + "), so the .meta leaves it out" + (e.getKey().equals("model") ? "; --author chooses one model's" : ""));
                }
            }
            if (ks.size() > 1) notes.add("passages have different numbers of self-edits " + ks + ", so the .meta has no k");
            return notes;
        }
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
