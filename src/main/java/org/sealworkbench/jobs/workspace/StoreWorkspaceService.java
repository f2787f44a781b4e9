package org.sealworkbench.jobs.workspace;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.jobs.ImportJob;
import org.sealworkbench.jobs.ImportReport;
import org.sealworkbench.util.CancelledException;
import org.sealworkbench.util.Progress;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.seal.SealModel;
import org.sealworkbench.seal.ContextFit;
import org.sealworkbench.seal.Ending;
import org.sealworkbench.seal.SelfEditGenerator;
import org.sealworkbench.seal.SelfEditSequences;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.Counts;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.ModelRecord;
import org.sealworkbench.store.NewSelfEdit;
import org.sealworkbench.store.PassageDetail;
import org.sealworkbench.store.PassageSummary;
import org.sealworkbench.store.QuestionRecord;
import org.sealworkbench.store.RewardRecord;
import org.sealworkbench.store.SelfEditRecord;

/**
 * The window's workspace on the SQLite experiment log, with one loaded model shared by every generation
 * (loading takes seconds; it happens once per model folder). Reads go through the log's reader connection,
 * so they run beside a generation's writes.
 */
public final class StoreWorkspaceService implements WorkspaceService {
    /** The tag (source label) of self-edits generated in the window; it also enters their seed. */
    public static final String TAG = "studio";
    /** Where the bundled model is: the system property {@code seal.defaultModel} (set by ./seal), else relative. */
    public static final String DEFAULT_MODEL_PROPERTY = "seal.defaultModel";

    private final ExperimentLog log;
    private final Object modelLock = new Object();
    private volatile SealModel model;        // replaced under modelLock
    private volatile ModelInfo modelInfo;    // replaced under modelLock

    private StoreWorkspaceService(ExperimentLog log) {
        this.log = log;
    }

    public static StoreWorkspaceService open(Path dir) {
        return new StoreWorkspaceService(ExperimentLog.open(dir));
    }

    public static Path bundledModel() {
        return Path.of(System.getProperty(DEFAULT_MODEL_PROPERTY, "assets/models/seal-tiny")).toAbsolutePath().normalize();
    }

    @Override public Path dir() { return log.workspaceDir(); }

    @Override public String readOnlyReason() { return log.readOnlyReason(); }

    @Override
    public List<PassageItem> passages() {
        List<PassageItem> out = new ArrayList<>();
        for (PassageSummary s : log.passages()) out.add(new PassageItem(s.id(), s.title(), s.questionCount(), s.selfEditCount()));
        return out;
    }

    @Override
    public Optional<PassageText> passage(long id) {
        return log.passage(id).map(StoreWorkspaceService::text);
    }

    static PassageText text(PassageDetail d) {
        List<QuestionItem> qs = new ArrayList<>();
        for (QuestionRecord q : d.questions()) qs.add(new QuestionItem(q.id(), q.passageId(), q.ordinal(), q.question(), q.answer()));
        return new PassageText(d.id(), d.title(), d.context(), qs);
    }

    @Override
    public WorkspaceCounts counts() {
        Counts c = log.counts();
        return new WorkspaceCounts(c.passages(), c.questions(), c.selfEdits(), c.runs());
    }

    @Override
    public long changeStamp() {
        // Rows are only ever added, so the row counts change whenever anything is written.
        Counts c = log.counts();
        return ((((c.passages() * 31 + c.questions()) * 31 + c.selfEdits()) * 31 + c.models()) * 31 + c.runs()) * 31
                + c.answers() + c.grades() * 7 + c.annotations() * 13;
    }

    @Override
    public Map<Long, String> passageContexts() {
        return log.passageContexts();
    }

    /** The last QA numbers computed and the results' stamp they were computed at. */
    private record CachedQa(List<Long> stamp, org.sealworkbench.jobs.qa.LibraryQa qa) {}

    private volatile CachedQa cachedQa;

    @Override
    public Optional<org.sealworkbench.jobs.qa.LibraryQa> libraryQaIfCurrent() {
        CachedQa c = cachedQa;
        return c != null && c.stamp().equals(log.resultsStamp()) ? Optional.of(c.qa()) : Optional.empty();
    }

    @Override
    public org.sealworkbench.jobs.qa.LibraryQa libraryQa() {
        List<Long> stamp = log.resultsStamp();   // before reading: a grade stored meanwhile makes the next check compute again
        CachedQa c = cachedQa;
        if (c != null && c.stamp().equals(stamp)) return c.qa();
        // Through a connection of its own: this reads every grade (seconds on a large workspace), and the shared log's
        // reader would keep the passage and self-edit reads of a selection waiting meanwhile.
        org.sealworkbench.jobs.qa.LibraryQa qa;
        try (ExperimentLog own = ExperimentLog.openExisting(dir())) {
            qa = org.sealworkbench.jobs.qa.QaService.libraryQa(own);
        }
        cachedQa = new CachedQa(stamp, qa);
        return qa;
    }

    @Override
    public ImportReport importFile(Path file, Progress progress, CancelToken cancel) {
        return new ImportJob(file, log).run(progress, cancel);
    }

    @Override
    public List<SelfEditItem> selfEdits(long passageId) {
        Map<Long, String> modelNames = modelNames();
        List<SelfEditItem> out = new ArrayList<>();
        for (SelfEditRecord r : log.selfEdits(passageId)) out.add(item(r, modelNames));
        return out;
    }

    @Override
    public SelfEditItem saveEdit(long parentId, String text, String editor) {
        String who = editor == null || editor.isBlank() ? System.getProperty("user.name", "annotator") : editor.strip();
        long id = log.addHumanEdit(parentId, text, who);
        return item(log.selfEdit(id).orElseThrow(), modelNames());
    }

    @Override
    public List<SelfEditItem> history(long selfEditId) {
        SelfEditRecord start = log.selfEdit(selfEditId)
                .orElseThrow(() -> new IllegalArgumentException(log.databaseFile() + ": no self-edit with id " + selfEditId));
        SelfEditRecord root = start;
        Set<Long> seen = new LinkedHashSet<>();
        while (root.parentId() != null && seen.add(root.id())) {
            Optional<SelfEditRecord> parent = log.selfEdit(root.parentId());
            if (parent.isEmpty()) break;
            root = parent.get();
        }
        // Breadth-first from the original: every edit after the version it edits.
        Map<Long, String> names = modelNames();
        List<SelfEditItem> out = new ArrayList<>();
        List<SelfEditRecord> queue = new ArrayList<>(List.of(root));
        Set<Long> visited = new java.util.HashSet<>();
        while (!queue.isEmpty()) {
            SelfEditRecord r = queue.remove(0);
            if (!visited.add(r.id())) continue;
            out.add(item(r, names));
            queue.addAll(log.editsOf(r.id()));
        }
        out.sort(java.util.Comparator.comparingLong(SelfEditItem::id));
        return out;
    }

    private SelfEditItem item(SelfEditRecord r, Map<Long, String> modelNames) {
        SelfEditItem.Author author = switch (r.author()) {
            case MODEL -> SelfEditItem.Author.MODEL;
            case HUMAN_EDIT -> SelfEditItem.Author.HUMAN_EDIT;
            case IMPORT -> SelfEditItem.Author.IMPORT;
        };
        String name = r.modelId() != null ? modelNames.getOrDefault(r.modelId(), "model " + r.modelId()) : r.sourceLabel();
        List<RewardRecord> rewards = log.rewards(r.id());
        Double score = rewards.isEmpty() ? null : rewards.stream().mapToDouble(RewardRecord::value).average().orElse(0);
        return new SelfEditItem(r.id(), r.passageId(), r.text(), author, name, r.parentId(), r.promptTemplate(),
                samplingSummary(r.samplingJson()), r.created(), score);
    }

    /**
     * "T 1.0 · top-p 0.95 · seed 42 · sample 1" from the stored sampling JSON, and "stopped at the model's context" when the
     * sample filled it; "" when there is none or it is unreadable.
     */
    static String samplingSummary(String json) {
        if (json == null || json.isBlank()) return "";
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            List<String> parts = new ArrayList<>();
            if (o.has("temperature")) parts.add("T " + o.get("temperature").getAsString());
            if (o.has("top_p")) parts.add("top-p " + o.get("top_p").getAsString());
            if (o.has("seed")) parts.add("seed " + o.get("seed").getAsString());
            if (o.has("index")) parts.add("sample " + (o.get("index").getAsInt() + 1));
            if (o.has("finish") && "context".equals(o.get("finish").getAsString())) parts.add("stopped at the model's context");
            return String.join(" · ", parts);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private Map<Long, String> modelNames() {
        Map<Long, String> names = new HashMap<>();
        for (ModelRecord m : log.models()) names.put(m.id(), m.name());
        return names;
    }

    @Override
    public List<ModelItem> models() {
        List<ModelItem> out = new ArrayList<>();
        Path bundled = bundledModel();
        out.add(new ModelItem(null, "seal-tiny (bundled)", bundled, "llama", "seal-tiny (bundled)"));
        Map<Long, ModelRecord> byId = new HashMap<>();
        List<ModelRecord> all = log.models();
        for (ModelRecord m : all) byId.put(m.id(), m);
        for (ModelRecord m : all) {
            // A model an import or a results file only names (the author of imported self-edits) has no family and
            // no folder: it is no checkpoint to load, so the pickers do not offer it.
            if (m.family() == null) continue;
            Path dir = Path.of(m.path());
            if (dir.toAbsolutePath().normalize().equals(bundled)) continue;
            List<String> chain = new ArrayList<>();
            ModelRecord at = m;
            Set<Long> seen = new java.util.HashSet<>();
            while (at != null && seen.add(at.id())) {
                chain.add(0, at.name());
                at = at.parentModelId() == null ? null : byId.get(at.parentModelId());
            }
            out.add(new ModelItem(m.id(), m.name(), dir, m.family(), String.join(" -> ", chain)));
        }
        return out;
    }

    @Override
    public ModelInfo loadModel(Path dir, Progress progress, CancelToken cancel) {
        Path abs = dir.toAbsolutePath().normalize();
        log.requireWritable();   // loading records the model in the workspace: refused before seconds of loading
        synchronized (modelLock) {
            if (model != null && model.dir().equals(abs)) return modelInfo;
            progress.update(0, -1, "Loading model " + abs.getFileName());
            validateFolder(abs);
            cancel.throwIfCancelled();
            ComputeDevice device = Devices.pick();
            SealModel loaded = SealModel.open(abs, log, device);
            if (model != null) model.close();
            model = loaded;
            var cfg = loaded.model().config();
            String dtype = Devices.dtypeName(loaded.model().dtype());
            int bytes = dtype.contains("16") ? 2 : dtype.contains("64") ? 8 : 4;
            modelInfo = new ModelInfo(loaded.modelId(), loaded.name(), abs, cfg.modelType(), cfg.parameterCount(), dtype,
                    device.toString(), cfg.parameterCount() * bytes);
            return modelInfo;
        }
    }

    /** The files a checkpoint folder needs, each missing one named. */
    static void validateFolder(Path dir) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + ": not a folder (a model is a Hugging Face checkpoint folder)");
        if (!Files.isRegularFile(dir.resolve("config.json"))) throw new IllegalArgumentException(dir.resolve("config.json") + ": file not found");
        if (!Files.isRegularFile(dir.resolve("model.safetensors")) && !Files.isRegularFile(dir.resolve("model.safetensors.index.json"))) {
            throw new IllegalArgumentException(dir.resolve("model.safetensors") + ": file not found (nor a sharded model.safetensors.index.json)");
        }
    }

    @Override
    public Optional<ModelInfo> loadedModel() {
        return Optional.ofNullable(modelInfo);
    }

    /** The engine, device and natives, for the status bar (starts the engine: seconds, the first time). */
    public static String engineDescription() {
        return Devices.describe();
    }

    @Override
    public List<SequencePreview> sequences(long passageId, String selfEditText) {
        PassageDetail p = log.passage(passageId)
                .orElseThrow(() -> new IllegalArgumentException(log.databaseFile() + ": no passage with id " + passageId));
        List<String> seqs = SelfEditSequences.build(p.title(), p.context(), selfEditText);
        List<SequencePreview> out = new ArrayList<>();
        SealModel m = model; // not under the lock: a preview must not wait for a generation to end
        for (String s : seqs) out.add(new SequencePreview(s, m == null ? -1 : m.tokenizer().encode(s, true).length));
        return out;
    }

    @Override
    public List<SelfEditItem> generate(List<Long> passageIds, GenerateRequest request, SampleStream stream,
                                       Progress progress, CancelToken cancel) {
        List<SelfEditItem> stored = new ArrayList<>();
        synchronized (modelLock) {
            loadModel(request.modelDir(), progress, cancel);
            // a passage whose prompt leaves no room in the model's context: refused before any sampling
            List<PassageDetail> ps = new ArrayList<>();
            for (long id : passageIds) {
                ps.add(log.passage(id).orElseThrow(() -> new IllegalArgumentException(log.databaseFile() + ": no passage with id " + id)));
            }
            ContextFit.checkPrompts(model.name(), model.tokenizer(), model.model().config().maxPositionEmbeddings(),
                    request::render, ps);
            Map<Long, String> names = modelNames();
            long started = System.nanoTime();
            int[] cut = {0, 0};   // samples the model's context stopped, samples the new-token limit stopped
            for (int i = 0; i < passageIds.size(); i++) {
                if (cancel.isCancelled()) break;
                long passageId = passageIds.get(i);
                progress.update(i, passageIds.size(), progressMessage(i, passageIds.size(), started));
                stored.addAll(generateOne(passageId, request, stream, cancel, names, cut));
            }
            if (cancel.isCancelled()) throw new CancelledException(
                    "Generation cancelled; kept " + stored.size() + " finished self-edit" + (stored.size() == 1 ? "" : "s"));
            // the window's status bar ends with this line: samples cut short by the context or the new-token limit are said
            // there too, in whole sentences (a column says it in brief)
            progress.update(passageIds.size(), passageIds.size(), "Generated " + stored.size() + " self-edits" + (cut[0] == 0 ? ""
                    : " · " + cut[0] + " " + Ending.contextFull(model.model().config().maxPositionEmbeddings()).sentence())
                    + (cut[1] == 0 ? "" : " · " + cut[1] + " " + Ending.tokenLimit(request.maxTokens()).sentence()));
        }
        return stored;
    }

    /** "passage 3 of 10 · about 2 min left" (the ETA from the mean time per passage so far). */
    static String progressMessage(int done, int total, long startedNanos) {
        String s = "passage " + (done + 1) + " of " + total;
        if (done == 0) return s;
        double perPassage = (System.nanoTime() - startedNanos) / 1e9 / done;
        long left = Math.round(perPassage * (total - done));
        return s + " · about " + (left < 90 ? left + " s" : (left + 30) / 60 + " min") + " left";
    }

    private List<SelfEditItem> generateOne(long passageId, GenerateRequest req, SampleStream stream,
                                           CancelToken cancel, Map<Long, String> names, int[] cut) {
        PassageDetail p = log.passage(passageId)
                .orElseThrow(() -> new IllegalArgumentException(log.databaseFile() + ": no passage with id " + passageId));
        String prompt = req.render(p.title(), p.context());
        long seed = SelfEditGenerator.seedFor(req.seed(), TAG, passageId);
        int k = req.k();
        SelfEditItem[] done = new SelfEditItem[k];
        stream.started(passageId, k);
        // The CLI's sampling routine, streamed: each sample is stored as soon as it ends, so a later cancel keeps it.
        SelfEditGenerator.sample(model, prompt, k, req.temperature(), req.topP(), req.maxTokens(), seed,
                new SelfEditGenerator.SampleListener() {
                    @Override public void text(int index, String delta) {
                        stream.text(passageId, index, delta);
                    }

                    @Override public void ended(SelfEditGenerator.Sample s) {
                        done[s.index()] = store(p.id(), req, prompt, seed, s, names);
                        Ending ending = Ending.of(s.finish(), req.maxTokens(), model.model().config().maxPositionEmbeddings());
                        if (s.stoppedByContext()) cut[0]++;
                        else if (ending.cut()) cut[1]++;
                        // why it ended, where the person should know: the context or the token limit cut it (an EOS
                        // ends it as the model meant)
                        stream.stored(passageId, s.index(), done[s.index()], ending);
                    }
                }, cancel::isCancelled);
        List<SelfEditItem> out = new ArrayList<>();
        for (SelfEditItem d : done) if (d != null) out.add(d);
        return out;
    }

    private SelfEditItem store(long passageId, GenerateRequest req, String prompt, long seed, SelfEditGenerator.Sample s,
                               Map<Long, String> names) {
        String sampling = SelfEditGenerator.samplingJson(req.template(), req.k(), s.index(), req.temperature(), req.topP(),
                req.maxTokens(), seed, s.finish(), s.newTokens(), model.name());
        long id = log.addSelfEdit(new NewSelfEdit(passageId, s.text(), AuthorKind.MODEL, model.modelId(), null, req.template(),
                prompt, sampling, TAG));
        names.putIfAbsent(model.modelId(), model.name());
        return item(log.selfEdit(id).orElseThrow(), names);
    }

    @Override
    public void close() {
        synchronized (modelLock) {
            if (model != null) model.close();
            model = null;
            modelInfo = null;
        }
        log.close();
    }
}
