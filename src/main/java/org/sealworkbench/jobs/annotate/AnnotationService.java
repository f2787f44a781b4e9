package org.sealworkbench.jobs.annotate;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;
import org.sealworkbench.util.Seeds;
import org.sealworkbench.seal.annotate.AnnotationMeasures;
import org.sealworkbench.seal.annotate.Verdict;
import org.sealworkbench.store.AnnotationRecord;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.ModelRecord;
import org.sealworkbench.store.PassageDetail;
import org.sealworkbench.store.PassageSummary;
import org.sealworkbench.store.RewardRecord;
import org.sealworkbench.store.SelfEditRecord;

/**
 * Annotation on the experiment log's existing {@code annotations} table (no schema change):
 * <ul>
 *   <li>a judgement is kind {@value #PAIRWISE}, target {@code self_edit:<low>,self_edit:<high>}, payload
 *       {@code {uid, passage_id, left, right, verdict, rating_left, rating_right, note, judged_at}};</li>
 *   <li>an undo is kind {@value #RETRACTION}, target {@code annotation:<uid>}: rows are only ever added, so an
 *       exported judgement is never removed, only marked retracted;</li>
 *   <li>the guideline is kind {@value #GUIDELINE}; the latest one counts.</li>
 * </ul>
 * A self-edit's author is its model's name (models and imports), else "human edit (editor)"; its reward is
 * the latest stored one.
 */
public final class AnnotationService implements AnnotationBackend {
    public static final String PAIRWISE = "pairwise";
    public static final String RETRACTION = "retraction";
    public static final String GUIDELINE = "guideline";
    private static final String GUIDELINE_TARGET = "annotation-guideline";
    static final List<String> CSV_COLUMNS = List.of("uid", "pair_id", "passage_id", "passage_title", "left_self_edit_id",
            "right_self_edit_id", "verdict", "preferred_self_edit_id", "rating_left", "rating_right", "note", "annotator",
            "judged_at", "retracted");

    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private final ExperimentLog log;
    private final boolean ownsLog;

    /** On a log someone else opened and closes. */
    public AnnotationService(ExperimentLog log) {
        this(log, false);
    }

    private AnnotationService(ExperimentLog log, boolean ownsLog) {
        this.log = log;
        this.ownsLog = ownsLog;
    }

    /** Opens the workspace's log (creating it when needed); closing the service closes it. */
    public static AnnotationService open(Path workspaceDir) {
        return new AnnotationService(ExperimentLog.open(workspaceDir), true);
    }

    @Override
    public Path workspaceDir() {
        return log.workspaceDir();
    }

    @Override
    public List<Options.PassageOption> passages() {
        List<Options.PassageOption> out = new ArrayList<>();
        for (PassageSummary p : log.passages()) out.add(new Options.PassageOption(p.id(), p.title(), p.selfEditCount()));
        return out;
    }

    @Override
    public List<Options.AuthorOption> authors() {
        Map<Long, String> models = modelNames();
        Map<String, Integer> counts = new LinkedHashMap<>();
        java.util.Set<Long> shown = new java.util.HashSet<>();   // the passages readers see
        for (PassageSummary p : log.passages()) shown.add(p.id());
        // by passage, then each author's first self-edit in it: the order of reading every passage's self-edits
        for (ExperimentLog.AuthorCount a : log.selfEditAuthors()) {
            if (shown.contains(a.passageId())) counts.merge(authorOf(a.modelId(), a.author(), a.sourceLabel(), models), a.count(), Integer::sum);
        }
        List<Options.AuthorOption> out = new ArrayList<>();
        counts.forEach((a, n) -> out.add(new Options.AuthorOption(a, n)));
        return out;
    }

    @Override
    public Optional<String> lastAnnotator() {
        List<AnnotationRecord> all = log.annotations(null);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (PAIRWISE.equals(all.get(i).kind())) return Optional.of(all.get(i).annotator());
        }
        return Optional.empty();
    }

    @Override
    public String guideline() {
        List<AnnotationRecord> g = log.annotations(GUIDELINE_TARGET);
        if (g.isEmpty()) return "";
        JsonObject o = JsonParser.parseString(g.get(g.size() - 1).payloadJson()).getAsJsonObject();
        return o.has("text") ? o.get("text").getAsString() : "";
    }

    @Override
    public void saveGuideline(String annotator, String text) {
        JsonObject o = new JsonObject();
        o.addProperty("text", text == null ? "" : text);
        log.addAnnotation(annotator == null || annotator.isBlank() ? "unknown" : annotator.strip(), GUIDELINE,
                GUIDELINE_TARGET, GSON.toJson(o));
    }

    @Override
    public List<AnnotationPair> pairs(TaskSpec spec) {
        Map<Long, String> models = modelNames();
        List<AnnotationPair> out = new ArrayList<>();
        for (long passageId : spec.passageIds()) {
            PassageDetail p = log.passage(passageId)
                    .orElseThrow(() -> new IllegalArgumentException(log.databaseFile() + ": no passage with id " + passageId));
            List<SelfEditRecord> edits = log.selfEdits(passageId);
            List<SelfEditRecord[]> pairs = new ArrayList<>();
            if (spec.rule() == PairingRule.ALL_PAIRS) {
                for (int i = 0; i < edits.size(); i++) {
                    for (int k = i + 1; k < edits.size(); k++) pairs.add(new SelfEditRecord[] {edits.get(i), edits.get(k)});
                }
            } else {
                for (SelfEditRecord a : edits) {
                    if (!spec.authorA().equals(authorOf(a, models))) continue;
                    for (SelfEditRecord b : edits) {
                        if (spec.authorB().equals(authorOf(b, models))) pairs.add(new SelfEditRecord[] {a, b});
                    }
                }
            }
            // The order within a passage and the side of each self-edit are drawn from the seed, per pair.
            Collections.shuffle(pairs, new java.util.Random(Seeds.derive(spec.seed(), passageId)));
            for (SelfEditRecord[] pair : pairs) {
                long lo = Math.min(pair[0].id(), pair[1].id());
                long hi = Math.max(pair[0].id(), pair[1].id());
                boolean swap = new SplittableRandom(Seeds.derive(spec.seed(), lo, hi)).nextBoolean();
                SelfEditRecord left = pair[0].id() == lo ^ swap ? pair[0] : pair[1];
                SelfEditRecord right = left == pair[0] ? pair[1] : pair[0];
                out.add(new AnnotationPair(passageId, p.title(), p.context(), side(left, models), side(right, models)));
            }
        }
        return out;
    }

    private EditSide side(SelfEditRecord e, Map<Long, String> models) {
        return new EditSide(e.id(), e.text(), authorOf(e, models), e.promptTemplate(), reward(e.id()));
    }

    private Double reward(long selfEditId) {
        List<RewardRecord> r = log.rewards(selfEditId);
        return r.isEmpty() ? null : r.get(r.size() - 1).value();
    }

    private Map<Long, String> modelNames() {
        Map<Long, String> m = new HashMap<>();
        for (ModelRecord r : log.models()) m.put(r.id(), r.name());
        return m;
    }

    static String authorOf(SelfEditRecord e, Map<Long, String> models) {
        return authorOf(e.modelId(), e.author(), e.sourceLabel(), models);
    }

    private static String authorOf(Long modelId, AuthorKind kind, String sourceLabel, Map<Long, String> models) {
        if (modelId != null && models.containsKey(modelId)) return models.get(modelId);
        if (kind == AuthorKind.HUMAN_EDIT) return sourceLabel == null ? "human edit" : "human edit (" + sourceLabel + ")";
        return sourceLabel != null ? sourceLabel : kind.dbValue();
    }

    // ---- judgements -----------------------------------------------------------------------------

    @Override
    public List<Judgement> judgements() {
        List<AnnotationRecord> all = log.annotations(null);
        Set<String> retracted = new HashSet<>();
        for (AnnotationRecord r : all) {
            if (RETRACTION.equals(r.kind())) retracted.add(r.target().substring("annotation:".length()));
        }
        List<Judgement> out = new ArrayList<>();
        for (AnnotationRecord r : all) {
            if (!PAIRWISE.equals(r.kind())) continue;
            JsonObject o = JsonParser.parseString(r.payloadJson()).getAsJsonObject();
            String uid = o.get("uid").getAsString();
            out.add(new Judgement(uid, r.annotator(), o.get("passage_id").getAsLong(), o.get("left").getAsLong(),
                    o.get("right").getAsLong(), Verdict.fromKey(o.get("verdict").getAsString()), intOrNull(o, "rating_left"),
                    intOrNull(o, "rating_right"), stringOrNull(o, "note"), Instant.parse(o.get("judged_at").getAsString()),
                    retracted.contains(uid)));
        }
        return out;
    }

    @Override
    public Judgement judge(String annotator, AnnotationPair pair, Verdict verdict, Integer ratingLeft, Integer ratingRight,
                           String note) {
        if (annotator == null || annotator.isBlank()) throw new IllegalArgumentException("a judgement needs an annotator name");
        checkRating(ratingLeft);
        checkRating(ratingRight);
        Judgement j = new Judgement(UUID.randomUUID().toString(), annotator.strip(), pair.passageId(),
                pair.left().selfEditId(), pair.right().selfEditId(), verdict, ratingLeft, ratingRight,
                note == null || note.isBlank() ? null : note.strip(), Instant.now(), false);
        store(j);
        return j;
    }

    private void store(Judgement j) {
        long lo = Math.min(j.leftId(), j.rightId());
        long hi = Math.max(j.leftId(), j.rightId());
        log.addAnnotation(j.annotator(), PAIRWISE, "self_edit:" + lo + ",self_edit:" + hi, GSON.toJson(payload(j)));
    }

    private static JsonObject payload(Judgement j) {
        JsonObject o = new JsonObject();
        o.addProperty("uid", j.uid());
        o.addProperty("passage_id", j.passageId());
        o.addProperty("left", j.leftId());
        o.addProperty("right", j.rightId());
        o.addProperty("verdict", j.verdict().key());
        o.addProperty("rating_left", j.ratingLeft());
        o.addProperty("rating_right", j.ratingRight());
        o.addProperty("note", j.note());
        o.addProperty("judged_at", j.judgedAt().toString());
        return o;
    }

    private static void checkRating(Integer r) {
        if (r != null && (r < 1 || r > 5)) throw new IllegalArgumentException("a rating is 1 to 5, got " + r);
    }

    @Override
    public void retract(String annotator, String uid) {
        log.addAnnotation(annotator, RETRACTION, "annotation:" + uid, GSON.toJson(Map.of("uid", uid, "retracted_at", Instant.now().toString())));
    }

    @Override
    public AnnotationMeasures measures() {
        List<Judgement> live = judgements().stream().filter(j -> !j.retracted()).toList();
        Map<Long, String> models = modelNames();
        Map<Long, String> authors = new HashMap<>();
        Map<Long, Double> rewards = new HashMap<>();
        for (Judgement j : live) {
            for (long id : new long[] {j.leftId(), j.rightId()}) {
                if (authors.containsKey(id)) continue;
                authors.put(id, log.selfEdit(id).map(e -> authorOf(e, models)).orElse("self-edit " + id));
                rewards.put(id, reward(id));
            }
        }
        return AnnotationMeasures.compute(live.stream().map(Judgement::toPairJudgement).toList(), authors::get, rewards::get);
    }

    // ---- export and import ------------------------------------------------------------------------

    @Override
    public int exportCsv(Path file, Progress progress, CancelToken cancel) {
        List<Judgement> all = judgements();
        Map<Long, String> titles = new HashMap<>();
        for (PassageSummary p : log.passages()) titles.put(p.id(), p.title());
        writeAtomically(file, w -> {
            w.write(String.join(",", CSV_COLUMNS));
            w.write("\r\n");
            int i = 0;
            for (Judgement j : all) {
                cancel.throwIfCancelled();
                List<String> cells = List.of(j.uid(), j.pairKey(), Long.toString(j.passageId()),
                        titles.getOrDefault(j.passageId(), ""), Long.toString(j.leftId()), Long.toString(j.rightId()),
                        j.verdict().key(), j.preferredId() == null ? "" : j.preferredId().toString(),
                        j.ratingLeft() == null ? "" : j.ratingLeft().toString(),
                        j.ratingRight() == null ? "" : j.ratingRight().toString(), j.note() == null ? "" : j.note(),
                        j.annotator(), j.judgedAt().toString(), Boolean.toString(j.retracted()));
                List<String> quoted = new ArrayList<>();
                for (String c : cells) quoted.add(csv(c));
                w.write(String.join(",", quoted));
                w.write("\r\n");
                progress.update(++i, all.size(), "exported " + i + " of " + all.size() + " judgements");
            }
        });
        return all.size();
    }

    /** RFC 4180: quote a cell holding a comma, quote or line break; double the quotes inside. */
    static String csv(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) return cell;
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    @Override
    public int exportJsonl(Path file, Progress progress, CancelToken cancel) {
        List<AnnotationRecord> all = log.annotations(null);
        Map<Long, String> titles = new HashMap<>();
        for (PassageSummary p : log.passages()) titles.put(p.id(), p.title());
        Map<Long, String> digests = new HashMap<>();
        int[] lines = {0};
        writeAtomically(file, w -> {
            int i = 0;
            for (AnnotationRecord r : all) {
                cancel.throwIfCancelled();
                i++;
                JsonObject o = JsonParser.parseString(r.payloadJson()).getAsJsonObject();
                JsonObject line = new JsonObject();
                if (PAIRWISE.equals(r.kind())) {
                    long left = o.get("left").getAsLong();
                    long right = o.get("right").getAsLong();
                    long passage = o.get("passage_id").getAsLong();
                    line.addProperty("type", "judgement");
                    line.addProperty("uid", o.get("uid").getAsString());
                    line.addProperty("pair_id", Math.min(left, right) + "-" + Math.max(left, right));
                    line.addProperty("passage_id", passage);
                    line.addProperty("passage_title", titles.get(passage));
                    line.addProperty("left_self_edit_id", left);
                    line.addProperty("right_self_edit_id", right);
                    line.addProperty("left_text_sha256", digests.computeIfAbsent(left, this::digestOf));
                    line.addProperty("right_text_sha256", digests.computeIfAbsent(right, this::digestOf));
                    line.add("verdict", o.get("verdict"));
                    line.add("rating_left", o.get("rating_left"));
                    line.add("rating_right", o.get("rating_right"));
                    line.add("note", o.get("note"));
                    line.addProperty("annotator", r.annotator());
                    line.add("judged_at", o.get("judged_at"));
                } else if (RETRACTION.equals(r.kind())) {
                    line.addProperty("type", "retraction");
                    line.add("uid", o.get("uid"));
                    line.addProperty("annotator", r.annotator());
                    line.add("retracted_at", o.get("retracted_at"));
                } else {
                    continue;
                }
                w.write(GSON.toJson(line));
                w.write("\n");
                lines[0]++;
                progress.update(i, all.size(), "exported " + lines[0] + " lines");
            }
        });
        return lines[0];
    }

    private String digestOf(long selfEditId) {
        return log.selfEdit(selfEditId).map(e -> sha256(e.text())).orElse(null);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface Body {
        void write(BufferedWriter w) throws IOException;
    }

    /** Writes a temporary file beside the target and moves it into place, so a failed export leaves no half file. */
    private static void writeAtomically(Path file, Body body) {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                body.write(w);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot write: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the move went through, or the error above says what went wrong
                }
            }
        }
    }

    @Override
    public ImportResult importJsonl(Path file, Progress progress, CancelToken cancel) {
        List<String> lines;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines = r.lines().toList();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
        Set<String> known = new HashSet<>();
        Set<String> retracted = new HashSet<>();
        for (Judgement j : judgements()) {
            known.add(j.uid());
            if (j.retracted()) retracted.add(j.uid());
        }
        int[] added = {0, 0, 0};
        log.inTransaction(() -> {
            for (int n = 0; n < lines.size(); n++) {
                cancel.throwIfCancelled();
                String text = lines.get(n).strip();
                if (text.isEmpty()) continue;
                String where = file + ", line " + (n + 1);
                JsonObject o;
                try {
                    JsonElement e = JsonParser.parseString(text);
                    if (!e.isJsonObject()) throw new IllegalArgumentException(where + ": not a JSON object");
                    o = e.getAsJsonObject();
                } catch (JsonParseException e) {
                    throw new IllegalArgumentException(where + ": not valid JSON: " + e.getMessage(), e);
                }
                String type = required(o, "type", where);
                String uid = required(o, "uid", where);
                String annotator = required(o, "annotator", where);
                if (type.equals("judgement")) {
                    if (known.contains(uid)) {
                        added[2]++;
                        continue;
                    }
                    Judgement j = parseJudgement(o, uid, annotator, where);
                    store(j);
                    known.add(uid);
                    added[0]++;
                } else if (type.equals("retraction")) {
                    if (!known.contains(uid)) throw new IllegalArgumentException(where + ": retracts judgement " + uid
                            + ", which is neither in this workspace nor earlier in the file");
                    if (retracted.contains(uid)) {
                        added[2]++;
                        continue;
                    }
                    String at = required(o, "retracted_at", where);
                    log.addAnnotation(annotator, RETRACTION, "annotation:" + uid, GSON.toJson(Map.of("uid", uid, "retracted_at", at)));
                    retracted.add(uid);
                    added[1]++;
                } else {
                    throw new IllegalArgumentException(where + ": unknown type '" + type + "' (expected judgement or retraction)");
                }
                progress.update(n + 1, lines.size(), "read " + (n + 1) + " of " + lines.size() + " lines");
            }
        });
        return new ImportResult(added[0], added[1], added[2]);
    }

    private Judgement parseJudgement(JsonObject o, String uid, String annotator, String where) {
        long passage = requiredLong(o, "passage_id", where);
        long left = requiredLong(o, "left_self_edit_id", where);
        long right = requiredLong(o, "right_self_edit_id", where);
        if (left == right) throw new IllegalArgumentException(where + ": left and right self-edit are the same (" + left + ")");
        for (String side : List.of("left", "right")) {
            long id = side.equals("left") ? left : right;
            SelfEditRecord e = log.selfEdit(id).orElseThrow(() -> new IllegalArgumentException(where + ": self-edit " + id
                    + " (" + side + ") is not in this workspace; import judgements into a copy of the workspace they were made in"));
            if (e.passageId() != passage) throw new IllegalArgumentException(where + ": self-edit " + id + " belongs to passage "
                    + e.passageId() + " here, not to passage " + passage);
            String digest = stringOrNull(o, side + "_text_sha256");
            if (digest != null && !digest.equals(sha256(e.text()))) throw new IllegalArgumentException(where + ": self-edit " + id
                    + " (" + side + ") has other text in this workspace than where it was judged");
        }
        Verdict verdict;
        try {
            verdict = Verdict.fromKey(required(o, "verdict", where));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        Instant at;
        try {
            at = Instant.parse(required(o, "judged_at", where));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": judged_at is not an ISO-8601 instant: " + o.get("judged_at"), e);
        }
        Integer rl;
        Integer rr;
        try {
            rl = intOrNull(o, "rating_left");
            rr = intOrNull(o, "rating_right");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + ": a rating is not a whole number 1 to 5: " + o.get("rating_left") + ", "
                    + o.get("rating_right"), e);
        }
        try {
            checkRating(rl);
            checkRating(rr);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        return new Judgement(uid, annotator, passage, left, right, verdict, rl, rr, stringOrNull(o, "note"), at, false);
    }

    private static String required(JsonObject o, String key, String where) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) throw new IllegalArgumentException(where + ": missing field '" + key + "'");
        if (!e.isJsonPrimitive()) throw new IllegalArgumentException(where + ": field '" + key + "' is not a string or number");
        return e.getAsString();
    }

    private static long requiredLong(JsonObject o, String key, String where) {
        String s = required(o, key, where);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": field '" + key + "' is not a whole number: " + s, e);
        }
    }

    private static Integer intOrNull(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsInt();
    }

    private static String stringOrNull(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    /** Whether the workspace is open read-only: the measures and exports work, every judgement or import is refused. */
    public boolean readOnly() {
        return log.readOnly();
    }

    @Override
    public void close() {
        if (ownsLog) log.close();
    }
}
