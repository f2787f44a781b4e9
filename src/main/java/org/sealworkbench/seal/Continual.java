package org.sealworkbench.seal;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.training.FineTune;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.llm.training.TrainResult;
import org.sealworkbench.store.AnswerRecord;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.ExperimentRecord;
import org.sealworkbench.store.GradeRecord;
import org.sealworkbench.store.PassageDetail;
import org.sealworkbench.store.QuestionRecord;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.store.SelfEditRecord;
import org.sealworkbench.util.Progress;
import org.sealworkbench.util.Seeds;

/**
 * SEAL's continual self-edits (SEAL.md section 1, "catastrophic forgetting"): N passages are adapted one after
 * another, each one's inner loop (the single-passage one: its {@link InnerLoopSettings}, a fresh LoRA, passage + its
 * self-edit) run on the model as the previous steps left it, and its adapter MERGED into the weights before the next
 * step; after every step the questions of all passages so far are answered again. One repeat gives an N x N matrix,
 * step x passage accuracy (the cells right of the diagonal are empty: passages not yet seen); repeats start again from
 * the base weights with fresh seeds, and their element-wise mean is the mean matrix. Per step: the accuracy on the
 * newest passage (the diagonal), the mean accuracy on the earlier ones (retention) and how far they fell from their
 * accuracy right after their own step (forgetting).
 *
 * <p>Departure, said here and in the docs: the self-edits are written once, before the sequence, by the base model (or
 * taken from a named author), not rewritten by each step's updated model.
 *
 * <p>Context: every step trains on the single-passage inner loop's sequences, so each must fit the model's context as
 * there ({@link InnerLoop#checkPassages} before any self-edit is sampled, {@link InnerLoop#checkFits} once they are
 * known): otherwise the run is refused ({@link ContextFit.SequencesTooLong}, naming each passage or self-edit with its
 * length) before its experiment is stored or any step trains; what is stored already stays.
 *
 * <p>Storage: each (repeat, step) is one run row (passage = that step's passage, its self-edit, condition
 * "continual: step S of N", the settings snapshot plus {@code "continual": {passages, source}}), with that step's
 * training loss and the answers to the questions of every passage so far, so the matrix is read back from the log.
 * Resume by lookup: a repeat whose steps are all stored is read back; otherwise its stored steps are retrained and
 * merged (same seeds, so the same weights) without answering again, and the sequence goes on from the first step
 * not stored.
 */
public final class Continual {
    public static final String SOURCES = "base-self-edits, passage-only or self-edits:NAME";
    private static final long CONTINUAL_SEED_MARK = 0xC0471L;

    private final ExperimentLog log;
    private final SealSettings settings;
    private final PassageSplit split;
    private final Grader grader;
    private final ComputeDevice device;
    private BiConsumer<Integer, SealModel> afterStep = (s, m) -> {};
    private long reused;
    private long trained;

    public Continual(ExperimentLog log, SealSettings settings, PassageSplit split, Grader grader, ComputeDevice device) {
        this.log = log;
        this.settings = settings;
        this.split = split;
        this.grader = grader;
        this.device = device;
    }

    /** For tests: hears each step (0-based, across repeats counted within one) with the model just after its merge. */
    void afterStep(BiConsumer<Integer, SealModel> hook) {
        this.afterStep = hook;
    }

    /** Steps found stored and read back. */
    public long reused() {
        return reused;
    }

    /** Inner loops trained (answered steps and retrained stored ones). */
    public long trained() {
        return trained;
    }

    /** The label of step {@code step} (1-based) of a sequence of {@code n}. */
    public static String label(int step, int n) {
        return "continual: step " + step + " of " + n;
    }

    /** Whether a run's or answer's condition is a continual step's ({@link #label}). */
    public static boolean isStep(String condition) {
        return condition != null && condition.startsWith("continual: step ");
    }

    /** The seed of step {@code step} of repeat {@code repeat} (both 0-based). */
    static long seed(SealSettings settings, int repeat, int step) {
        return Seeds.derive(settings.innerLoop().seed(), CONTINUAL_SEED_MARK, repeat, step);
    }

    /**
     * The matrices and what they say.
     *
     * @param matrices  per repeat, [step][passage] accuracy (NaN right of the diagonal)
     * @param mean      the element-wise mean over repeats
     * @param newest    per step: mean accuracy on that step's own passage (the mean matrix's diagonal)
     * @param retention per step: mean accuracy on the earlier passages (NaN at step 1)
     * @param forgetting per step: mean over earlier passages of (accuracy right after its own step - accuracy now)
     */
    public record Result(List<Long> passages, String source, List<double[][]> matrices, double[][] mean, double[] newest,
                         double[] retention, double[] forgetting, long experimentId, String settingsDigest) {
        /** The matrices as text: each repeat's, then the mean, with newest / retention / forgetting per step. */
        public String text() {
            StringBuilder b = new StringBuilder();
            int n = passages.size();
            for (int r = 0; r < matrices.size(); r++) b.append(table("repeat " + (r + 1), matrices.get(r), null));
            b.append(table("mean over " + matrices.size() + " repeat(s)", mean, this));
            b.append(String.format(Locale.ROOT, "newest = accuracy on the step's own passage; retention = mean accuracy on the "
                    + "earlier passages; forgetting = their mean drop since their own step (points). %d passages: %s%n", n, passages));
            return b.toString();
        }

        private String table(String title, double[][] m, Result summary) {
            int n = passages.size();
            StringBuilder b = new StringBuilder(title).append(" (rows: after step s; columns: passage j; accuracy %)\n");
            b.append(String.format(Locale.ROOT, "%-8s", "step"));
            for (int j = 0; j < n; j++) b.append(String.format(Locale.ROOT, "%7s", "p" + (j + 1)));
            if (summary != null) b.append(String.format(Locale.ROOT, "%9s%11s%12s", "newest", "retention", "forgetting"));
            b.append('\n');
            for (int s = 0; s < n; s++) {
                b.append(String.format(Locale.ROOT, "%-8s", Integer.toString(s + 1)));
                for (int j = 0; j < n; j++) b.append(String.format(Locale.ROOT, "%7s", cell(m[s][j])));
                if (summary != null) {
                    b.append(String.format(Locale.ROOT, "%9s%11s%12s", cell(summary.newest[s]), cell(summary.retention[s]),
                            cell(summary.forgetting[s])));
                }
                b.append('\n');
            }
            return b.append('\n').toString();
        }

        private static String cell(double x) {
            // Rounded first and + 0.0, so that a difference of -1e-17 prints 0.0, not -0.0.
            return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.1f", Math.rint(1000 * x) / 10.0 + 0.0);
        }

        /** Long form: repeat (1-based, or "mean"), step, passage index, passage id, accuracy; only cells on or left of the diagonal. */
        public String csv() {
            StringBuilder b = new StringBuilder("repeat,step,passage,passage_id,accuracy\n");
            int n = passages.size();
            for (int r = 0; r <= matrices.size(); r++) {
                double[][] m = r < matrices.size() ? matrices.get(r) : mean;
                String rep = r < matrices.size() ? Integer.toString(r + 1) : "mean";
                for (int s = 0; s < n; s++) {
                    for (int j = 0; j <= s; j++) {
                        b.append(rep).append(',').append(s + 1).append(',').append(j + 1).append(',').append(passages.get(j))
                                .append(',').append(String.format(Locale.ROOT, "%.6f", m[s][j])).append('\n');
                    }
                }
            }
            return b.toString();
        }

        public String json() {
            JsonObject o = new JsonObject();
            o.addProperty("source", source);
            o.addProperty("settings_digest", settingsDigest);
            o.addProperty("experiment_id", experimentId);
            JsonArray ps = new JsonArray();
            passages.forEach(ps::add);
            o.add("passage_ids", ps);
            o.addProperty("matrix", "rows: after step s (1..N); columns: passage j (1..N); accuracy; null right of the diagonal");
            JsonArray reps = new JsonArray();
            for (double[][] m : matrices) reps.add(matrix(m));
            o.add("repeats", reps);
            o.add("mean", matrix(mean));
            o.add("newest", row(newest));
            o.add("retention", row(retention));
            o.add("forgetting", row(forgetting));
            return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(o) + "\n";
        }

        private static JsonArray matrix(double[][] m) {
            JsonArray a = new JsonArray();
            for (double[] r : m) a.add(row(r));
            return a;
        }

        private static JsonArray row(double[] r) {
            JsonArray a = new JsonArray();
            for (double x : r) {
                if (Double.isNaN(x)) a.add(JsonNull.INSTANCE);
                else a.add(x);
            }
            return a;
        }
    }

    /**
     * Runs (or reads back) {@code repeats} sequences over the first {@code passages} validation passages.
     *
     * @param source base-self-edits (the model's first sampled self-edit of each passage), passage-only, or
     *               self-edits:NAME (the first stored self-edit of the model named NAME)
     */
    public Result run(Path modelDir, String source, int passages, int repeats, Progress progress, BooleanSupplier cancelled) {
        if (passages < 1 || repeats < 1) throw new IllegalArgumentException("continual needs at least 1 passage and 1 repeat");
        Evaluation.Condition cond = condition(source);
        List<Long> ids = split.validationPassages(log, passages);
        int n = ids.size();
        String snapshot = snapshot(n, source);
        String digest = SealSettings.digestOf(snapshot);
        List<PassageDetail> details = new ArrayList<>();
        for (long id : ids) details.add(log.passage(id).orElseThrow(() -> new IllegalArgumentException("no passage with id " + id)));
        List<SelfEditRecord> edits;
        long experimentId;
        List<double[][]> matrices = new ArrayList<>();
        SealModel model = SealModel.open(modelDir, log, device);
        try {
            InnerLoop fit = new InnerLoop(log, model, settings, grader);
            // a passage longer than the context: refused before its self-edit is sampled or anything trains
            fit.checkPassages(ids);
            edits = new Evaluation(log, settings, split, grader, device).selfEdits(cond, model, ids, progress, cancelled);
            // every step's training sequences (its self-edit's lines, its passage) must fit the context, as the inner
            // loop's do: refused before the sequence's experiment is stored or any step trains
            fit.checkFits(InnerLoop.toCheck(ids, edits));
            experimentId = experiment(model, ids, edits, source, digest);
            for (int rep = 0; rep < repeats; rep++) {
                if (rep > 0) {   // fresh base weights for every repeat: the previous one merged n adapters into them
                    model.close();
                    model = null;
                    model = SealModel.open(modelDir, log, device);
                }
                matrices.add(repeat(model, rep, repeats, ids, details, edits, experimentId, snapshot, progress, cancelled));
            }
        } finally {
            if (model != null) model.close();
        }
        return summarise(ids, source, matrices, experimentId, digest);
    }

    /** The mean matrix, newest, retention and forgetting of a set of per-repeat matrices. */
    static Result summarise(List<Long> ids, String source, List<double[][]> matrices, long experimentId, String digest) {
        int n = ids.size();
        double[][] mean = new double[n][n];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (double[][] m : matrices) sum += m[s][j];
                mean[s][j] = j > s ? Double.NaN : sum / matrices.size();
            }
        }
        double[] newest = new double[n], retention = new double[n], forgetting = new double[n];
        for (int s = 0; s < n; s++) {
            newest[s] = mean[s][s];
            double keep = 0, drop = 0;
            for (int j = 0; j < s; j++) {
                keep += mean[s][j];
                drop += mean[j][j] - mean[s][j];
            }
            retention[s] = s == 0 ? Double.NaN : keep / s;
            forgetting[s] = s == 0 ? Double.NaN : drop / s;
        }
        return new Result(List.copyOf(ids), source, List.copyOf(matrices), mean, newest, retention, forgetting, experimentId, digest);
    }

    private double[][] repeat(SealModel model, int rep, int repeats, List<Long> ids, List<PassageDetail> details,
                              List<SelfEditRecord> edits, long experimentId, String snapshot, Progress progress,
                              BooleanSupplier cancelled) {
        int n = ids.size();
        double[][] m = new double[n][n];
        for (double[] row : m) java.util.Arrays.fill(row, Double.NaN);
        RunRecord[] stored = new RunRecord[n];
        for (int s = 0; s < n; s++) stored[s] = stored(model, experimentId, ids.get(s), edits == null ? null : edits.get(s).id(),
                label(s + 1, n), seed(settings, rep, s));
        int firstMissing = 0;
        while (firstMissing < n && stored[firstMissing] != null) firstMissing++;
        InnerLoop helper = new InnerLoop(log, model, settings, grader);
        for (int s = 0; s < n; s++) {
            if (cancelled.getAsBoolean()) throw new CancellationException("cancelled");
            String label = label(s + 1, n);
            long seed = seed(settings, rep, s);
            progress.update((long) rep * n + s, (long) repeats * n, String.format(Locale.ROOT, "repeat %d/%d, step %d/%d",
                    rep + 1, repeats, s + 1, n));
            String text = edits == null ? "" : edits.get(s).text();
            long runId;
            if (stored[s] != null) {
                runId = stored[s].id();
                reused++;
                // The weights of later steps need this step's merge: rebuild it (same data, same seed) unless none follows.
                if (firstMissing < n && s < firstMissing) {
                    trainAndMerge(model, helper, details.get(s), text, seed, null, cancelled);
                    afterStep.accept(s, model);
                }
            } else {
                runId = log.startRun(experimentId, model.modelId(), ids.get(s), edits == null ? null : edits.get(s).id(), label,
                        snapshot, seed);
                try {
                    trainAndMerge(model, helper, details.get(s), text, seed, runId, cancelled);
                    afterStep.accept(s, model);
                    answerAll(model, runId, label, details.subList(0, s + 1), cancelled);
                } catch (RuntimeException e) {
                    try {
                        log.finishRun(runId, e instanceof CancellationException ? "cancelled" : "failed");
                    } catch (RuntimeException ignored) {
                        // the original error matters more
                    }
                    throw e;
                }
            }
            double[] acc = accuracies(runId, details.subList(0, s + 1));
            System.arraycopy(acc, 0, m[s], 0, acc.length);
        }
        return m;
    }

    /** One inner loop on the model as it is, its adapter merged into the weights; training steps logged when runId is set. */
    private void trainAndMerge(SealModel model, InnerLoop helper, PassageDetail p, String selfEditText, long seed, Long runId,
                               BooleanSupplier cancelled) {
        InnerLoopSettings s = settings.innerLoop();
        List<SftExample> data = helper.trainingExamples(p, selfEditText);
        if (data.isEmpty()) throw new IllegalStateException("passage " + p.id() + ": no training sequence of 2 or more tokens");
        LoraConfig cfg = LoraConfig.of(s.loraRank(), s.loraAlpha(), s.loraDropout(), s.targetModules());
        try (FineTune ft = FineTune.lora(model.model(), "continual-" + seed, cfg, seed)) {
            TrainResult tr = ft.train(data, helper.trainSettings(seed), model.eosId(),
                    runId == null ? null : info -> log.addTrainingStep(runId, (int) info.step(), info.loss(), info.lr()), cancelled);
            if (tr.cancelled()) throw new CancellationException("cancelled during a continual step");
            ft.merge();
        }
        trained++;
    }

    private void answerAll(SealModel model, long runId, String label, List<PassageDetail> ps, BooleanSupplier cancelled) {
        List<List<ClosedBookQa.Answer>> answers = new ArrayList<>();
        for (PassageDetail p : ps) {
            if (cancelled.getAsBoolean()) throw new CancellationException("cancelled");
            answers.add(ClosedBookQa.answer(model, p.title(), p.questions(), settings.eval()));
        }
        List<List<Grade>> grades = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            List<Grade> g = new ArrayList<>();
            for (int q = 0; q < ps.get(i).questions().size(); q++) {
                QuestionRecord qr = ps.get(i).questions().get(q);
                g.add(grader.grade(LlmJudgeGrader.referenceQuestion(ps.get(i).title(), qr.question()), qr.answer(), answers.get(i).get(q).text()));
            }
            grades.add(g);
        }
        log.inTransaction(() -> {
            for (int i = 0; i < ps.size(); i++) {
                for (int q = 0; q < ps.get(i).questions().size(); q++) {
                    long answerId = ClosedBookQa.store(log, ps.get(i).questions().get(q).id(), runId, label, answers.get(i).get(q));
                    Graders.store(log, answerId, grades.get(i).get(q));
                }
            }
            log.finishRun(runId, InnerLoop.DONE);
            return null;
        });
    }

    /** Per passage of {@code ps}: correct / questions among the run's answers (newest grade of the grader). */
    private double[] accuracies(long runId, List<PassageDetail> ps) {
        java.util.Map<Long, Integer> passageOf = new java.util.HashMap<>();
        for (int i = 0; i < ps.size(); i++) for (QuestionRecord q : ps.get(i).questions()) passageOf.put(q.id(), i);
        int[] correct = new int[ps.size()], total = new int[ps.size()];
        for (AnswerRecord a : log.answersOfRun(runId)) {
            Integer i = passageOf.get(a.questionId());
            if (i == null) continue;
            GradeRecord newest = null;
            for (GradeRecord g : log.grades(a.id())) if (g.grader().equals(grader.name())) newest = g;
            total[i]++;
            if (newest != null && Grade.isCorrectVerdict(newest.verdict())) correct[i]++;
        }
        double[] out = new double[ps.size()];
        for (int i = 0; i < out.length; i++) out[i] = total[i] == 0 ? Double.NaN : correct[i] / (double) total[i];
        return out;
    }

    private RunRecord stored(SealModel model, long experimentId, long passageId, Long selfEditId, String label, long seed) {
        RunRecord found = null;
        for (RunRecord r : log.runs()) {
            if (InnerLoop.DONE.equals(r.status()) && Long.valueOf(experimentId).equals(r.experimentId()) && r.modelId() == model.modelId()
                    && Long.valueOf(passageId).equals(r.passageId()) && java.util.Objects.equals(selfEditId, r.selfEditId())
                    && label.equals(r.condition()) && r.seed() == seed) found = r;
        }
        return found;
    }

    /**
     * A sequence found stored: its result as {@link #run} would return it (its repeats that have every step stored, in
     * repeat order), the grader whose verdicts make its accuracies, the model it started from, and how many repeats were
     * begun but not finished (left out of the matrices).
     */
    public record Stored(Result result, String grader, long modelId, int unfinishedRepeats) {}

    /**
     * Every continual sequence stored in the log, read back without a model: the experiments {@link #run} made (kind
     * "continual" in their description, which names the source, the model, the settings digest and the passages in order),
     * their finished step runs, and the graded answers of those runs. One entry per experiment and grader, repeats found by
     * their seeds ({@link #seed} from the runs' settings snapshot), so the matrices are those {@link #run} returns for the
     * same sequence. Experiments without one finished repeat are left out.
     */
    public static List<Stored> stored(ExperimentLog log, BooleanSupplier cancelled) {
        List<Stored> out = new ArrayList<>();
        List<RunRecord> allRuns = null;   // read once, when the first continual experiment is found
        for (ExperimentRecord e : log.experiments()) {
            if (cancelled.getAsBoolean()) throw new CancellationException("cancelled");
            JsonObject d;
            try {
                d = JsonParser.parseString(e.description() == null ? "" : e.description()).getAsJsonObject();
            } catch (RuntimeException notJson) {
                continue;   // another kind of experiment, described in words
            }
            if (!d.has("kind") || !"continual".equals(d.get("kind").getAsString()) || !d.has("passages")) continue;
            List<Long> ids = new ArrayList<>();
            for (var p : d.getAsJsonArray("passages")) ids.add(p.getAsJsonObject().get("passage_id").getAsLong());
            int n = ids.size();
            // finished runs of this experiment by (step, seed)
            java.util.Map<String, RunRecord> bySeed = new java.util.HashMap<>();
            String snapshot = null;
            if (allRuns == null) allRuns = log.runs();
            for (RunRecord r : allRuns) {
                if (!Long.valueOf(e.id()).equals(r.experimentId()) || !InnerLoop.DONE.equals(r.status())) continue;
                for (int s = 0; s < n; s++) {
                    if (label(s + 1, n).equals(r.condition()) && Long.valueOf(ids.get(s)).equals(r.passageId())) {
                        bySeed.put(s + "/" + r.seed(), r);
                        snapshot = r.settingsJson();
                    }
                }
            }
            if (snapshot == null) continue;
            SealSettings settings = SealSettings.fromJson(snapshot);
            List<RunRecord[]> repeats = new ArrayList<>();
            int unfinished = 0;
            for (int rep = 0; ; rep++) {
                RunRecord[] steps = new RunRecord[n];
                int found = 0;
                for (int s = 0; s < n; s++) {
                    steps[s] = bySeed.get(s + "/" + seed(settings, rep, s));
                    if (steps[s] != null) found++;
                }
                if (found == 0) break;
                if (found == n) repeats.add(steps);
                else unfinished++;
            }
            if (repeats.isEmpty()) continue;
            // answer id -> (run, passage index, grader -> newest verdict)
            java.util.Map<Long, Integer> passageIndex = new java.util.HashMap<>();
            for (int i = 0; i < n; i++) passageIndex.put(ids.get(i), i);
            java.util.Map<Long, java.util.Map<String, String>> verdicts = new java.util.LinkedHashMap<>();
            java.util.Map<Long, long[]> answerAt = new java.util.HashMap<>();   // answer -> {run, passage index}
            java.util.Set<String> graders = new java.util.TreeSet<>();
            for (var g : log.gradedAnswers(e.id())) {
                Integer i = passageIndex.get(g.passageId());
                if (g.runId() == null || i == null) continue;
                verdicts.computeIfAbsent(g.answerId(), k -> new java.util.HashMap<>()).put(g.grader(), g.verdict()); // oldest first: newest wins
                answerAt.put(g.answerId(), new long[] {g.runId(), i});
                graders.add(g.grader());
            }
            java.util.Map<Long, List<Long>> answersOfRun = new java.util.HashMap<>();
            for (var a : answerAt.entrySet()) answersOfRun.computeIfAbsent(a.getValue()[0], k -> new ArrayList<>()).add(a.getKey());
            for (String grader : graders) {
                List<double[][]> matrices = new ArrayList<>();
                for (RunRecord[] steps : repeats) {
                    double[][] m = new double[n][n];
                    for (double[] row : m) java.util.Arrays.fill(row, Double.NaN);
                    for (int s = 0; s < n; s++) {
                        int[] correct = new int[n], total = new int[n];
                        for (long answer : answersOfRun.getOrDefault(steps[s].id(), List.of())) {
                            int j = (int) answerAt.get(answer)[1];
                            total[j]++;
                            if (Grade.isCorrectVerdict(verdicts.get(answer).get(grader))) correct[j]++;
                        }
                        for (int j = 0; j <= s; j++) m[s][j] = total[j] == 0 ? Double.NaN : correct[j] / (double) total[j];
                    }
                    matrices.add(m);
                }
                String source = d.has("source") ? d.get("source").getAsString() : "?";
                String digest = d.has("settings_digest") ? d.get("settings_digest").getAsString() : SealSettings.digestOf(snapshot);
                long modelId = d.has("model_id") ? d.get("model_id").getAsLong() : repeats.get(0)[0].modelId();
                out.add(new Stored(summarise(ids, source, matrices, e.id(), digest), grader, modelId, unfinished));
            }
        }
        return out;
    }

    /** Refuses a source that is not one of {@link #SOURCES}, naming them. */
    public static void checkSource(String source) {
        condition(source);
    }

    /** The source of the self-edits as an evaluation condition (whose self-edit choice is reused). */
    static Evaluation.Condition condition(String source) {
        String s = source == null ? "" : source.strip();
        if (s.equals("base-self-edits") || s.equals("passage-only") || (s.startsWith("self-edits:") && s.length() > "self-edits:".length())) {
            return Evaluation.Condition.parse(s);
        }
        throw new IllegalArgumentException("unknown self-edit source '" + source + "' for continual (known: " + SOURCES + ")");
    }

    private String snapshot(int n, String source) {
        JsonObject o = JsonParser.parseString(settings.toJson()).getAsJsonObject();
        JsonObject c = new JsonObject();
        c.addProperty("passages", n);
        c.addProperty("source", source.strip());
        o.add("continual", c);
        return SealSettings.canonical(o);
    }

    private long experiment(SealModel model, List<Long> ids, List<SelfEditRecord> edits, String source, String digest) {
        String name = "continual: " + source.strip() + " on " + model.name() + " over " + ids.size() + " passages [" + digest + "]";
        return CptEvaluation.experimentOverPassages(log, name, "continual", "source", source.strip(), model, ids, edits, digest);
    }
}
