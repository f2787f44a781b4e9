package org.sealworkbench.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.concurrent.CancellationException;
import org.sealworkbench.data.arc.ArcTask;
import org.sealworkbench.data.arc.Grid;
import org.sealworkbench.store.ArcRunRecord;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.TrainingStepRecord;
import org.sealworkbench.data.arc.ArcTaskReader;
import org.sealworkbench.llm.training.StepInfo;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.tokenizer.Tokenizer;
import org.sealworkbench.seal.ReplicaWorkers;
import org.sealworkbench.seal.SealModel;
import org.sealworkbench.seal.arc.ArcSelfEdits;
import org.sealworkbench.seal.arc.ArcSettings;
import org.sealworkbench.seal.arc.ArcAnswers;
import org.sealworkbench.seal.arc.ArcTtt;
import org.sealworkbench.seal.arc.TttConfig;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.CancelledException;
import org.sealworkbench.util.Progress;

/**
 * Runs an {@link ArcRequest}: reads the tasks (and their solutions), opens the model, and for each task runs
 * {@link ArcTtt} once per self-edit: the given configs, then the sampled ones ({@link ArcSelfEdits}), then the
 * baseline. Every run's adapter is fresh; nothing is stored.
 */
public final class ArcJob {
    private ArcJob() {
    }

    /**
     * One task's sampling: how many draws it took to get its configs; {@code invalidExamples}: the first two draws that were
     * not configs, as written; {@code problems}: why each draw that was not a config is not
     * ({@link ArcSelfEdits.Draw#problem}, in draw order).
     */
    public record Sampling(String task, int kept, int draws, List<String> invalidExamples, List<String> problems) {
        public Sampling {
            invalidExamples = List.copyOf(invalidExamples);
            problems = List.copyOf(problems);
        }

        /** A sampling whose draws' problems are not known. */
        public Sampling(String task, int kept, int draws, List<String> invalidExamples) {
            this(task, kept, draws, invalidExamples, List.of());
        }

        /** As a few-shot round's record keeps it ({@code jobs.ArcRlJob}). */
        public com.google.gson.JsonObject toJson() {
            com.google.gson.JsonObject o = new com.google.gson.JsonObject();
            o.addProperty("task", task);
            o.addProperty("kept", kept);
            o.addProperty("draws", draws);
            JsonArray ex = new JsonArray();
            invalidExamples.forEach(ex::add);
            o.add("invalid_examples", ex);
            JsonArray why = new JsonArray();
            problems.forEach(why::add);
            o.add("problems", why);
            return o;
        }

        /** Read back from {@link #toJson}. */
        public static Sampling fromJson(com.google.gson.JsonObject o) {
            List<String> ex = new ArrayList<>(), why = new ArrayList<>();
            if (o.has("invalid_examples")) o.getAsJsonArray("invalid_examples").forEach(e -> ex.add(e.getAsString()));
            if (o.has("problems")) o.getAsJsonArray("problems").forEach(e -> why.add(e.getAsString()));
            return new Sampling(o.get("task").getAsString(), o.get("kept").getAsInt(), o.get("draws").getAsInt(), ex, why);
        }
    }

    /**
     * Every inner loop's result, in task order, and how sampling went; {@code selfEditTexts}: beside each result, the
     * model's text of a sampled self-edit (null for a given config and the baseline).
     */
    public record Report(int tasks, List<ArcTtt.Result> results, List<String> selfEditTexts, List<Sampling> sampling,
            int reused) {
        public Report {
            selfEditTexts = java.util.Collections.unmodifiableList(new ArrayList<>(selfEditTexts));
        }

        /** Results of (task, self-edit) pairs with a known solution, baseline runs excluded. */
        public List<ArcTtt.Result> scoredSelfEdits() {
            return results.stream().filter(r -> r.config() != null && r.solved() != null).toList();
        }
    }

    /** Hears a run's training steps and each inner loop's result as they happen (on the job's thread). */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** A training step of the inner loop of {@code task} with {@code config} (null: the baseline). */
        default void step(String task, TttConfig config, StepInfo step) {
        }

        /** One inner loop has ended. */
        default void result(ArcTtt.Result result) {
        }

        /** Sampling of {@code wanted} self-edits of {@code task} begins. */
        default void sampling(String task, int wanted) {
        }

        /**
         * {@code task}'s self-edits are sampled: the configs kept, from {@code draws} draws; {@code notConfigs}: why each draw
         * that was not a config is not one, in draw order ({@link ArcSelfEdits.Draw#problem}: "not one JSON object (stopped:
         * the new-token limit (128 tokens) is reached)").
         */
        default void sampled(String task, List<TttConfig> kept, int draws, List<String> notConfigs) {
        }
    }

    static Report run(ArcRequest q, Long resumeId, Progress progress, CancelToken token) {
        return run(q, resumeId, progress, token, Listener.NONE);
    }

    /** Runs the request in a new job row (with a workspace), telling {@code listener} of every step and result. */
    public static Report run(ArcRequest q, Progress progress, CancelToken token, Listener listener) {
        return run(q, null, progress, token, listener);
    }

    /**
     * The tasks of a file or folder as the job reads them: a challenges file with its solutions (given, or found
     * beside it by name), a single-task file, or a folder of them.
     *
     * @throws IllegalArgumentException naming the file and the problem
     */
    public static List<ArcTask> readTasks(Path tasks, Path solutionsOrNull) {
        Path solutions = solutionsOrNull != null ? solutionsOrNull : solutionsBeside(tasks);
        try {
            return ArcTaskReader.read(tasks, solutions);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(e.getFile() + ": no such file or folder", e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(tasks + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the request (in job row {@code resumeId} when it resumes one), telling {@code listener} of every step and
     * result. With a
     * workspace, the job has a row in its jobs table, every finished inner loop is stored with its training steps
     * ({@code arc_runs}), and a (model, task set, task, self-edit, settings) already stored is read back instead of
     * trained again, so a stopped job resumes where it stopped.
     */
    static Report run(ArcRequest q, Long resumeId, Progress progress, CancelToken token, Listener listener) {
        List<ArcTask> tasks = select(readTasks(q.tasks(), q.solutions()), q);
        List<TttConfig> given = new ArrayList<>();
        for (int i = 0; i < q.configs().size(); i++) {
            TttConfig.Parsed p = TttConfig.parse(q.configs().get(i));
            if (p.config().isEmpty()) {
                throw new IllegalArgumentException("config " + (i + 1) + " is not a few-shot self-edit: " + p.problem()
                        + " (" + q.configs().get(i) + ")");
            }
            given.add(p.config().get());
        }
        if (q.workspace() == null) {
            try (LlamaModel m = LlamaModel.load(q.model(), Devices.pick()); Tokenizer tok = Tokenizer.load(q.model());
                    SealModel model = new SealModel(m, tok, 0, q.model().getFileName().toString(), q.model())) {
                return runAll(q, tasks, given, model, null, progress, token, listener);
            } catch (CancellationException | CancelledException e) {
                throw new JobCancelledException("ARC cancelled; nothing was stored (no workspace)");
            }
        }
        try (ExperimentLog log = ExperimentLog.openWritable(q.workspace())) {
            long jobId = JobRow.open(log, q.kind(), params(q), q, resumeId);
            return inJobRow(log, jobId, () -> {
                try (SealModel model = SealModel.open(q.model(), log, Devices.pick())) {
                    return runAll(q, tasks, given, model, log, progress, token, listener);
                }
            }, r -> r.results().size() + " inner loops, " + r.reused() + " found stored");
        }
    }

    /** A job row's parameters for the request's model and tasks (History finds a run's task again from them). */
    static JsonObject params(ArcRequest q) {
        JsonObject params = new JsonObject();
        params.addProperty("model", q.model().toAbsolutePath().toString());
        params.addProperty("tasks", q.tasks().toAbsolutePath().toString());
        if (q.solutions() != null) {
            params.addProperty("solutions", q.solutions().toAbsolutePath().toString());
        }
        return params;
    }

    /**
     * Runs {@code body} as job {@code jobId}: "done" with {@code message} of its result, "cancelled" (saying that the
     * finished inner loops are stored and how to resume; thrown on as a {@link JobCancelledException}), "refused" with
     * the refusal's message ({@link JobRefusedException}: the request would be refused again, so it is not offered for
     * resume) or "failed" with the error's message.
     */
    static <R> R inJobRow(ExperimentLog log, long jobId, java.util.function.Supplier<R> body,
            java.util.function.Function<R, String> message) {
        try {
            R r = body.get();
            log.updateJob(jobId, "done", 1.0, message.apply(r));
            return r;
        } catch (CancellationException | CancelledException e) {
            String msg = "cancelled; every finished inner loop is stored, run the same command again to resume";
            log.endJob(jobId, "cancelled", 0, msg);
            throw new JobCancelledException(msg);
        } catch (org.sealworkbench.util.Refusal e) {
            log.updateJob(jobId, Jobs.REFUSED, 0, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            log.endJob(jobId, "failed", 0, e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        }
    }

    /** One (task, self-edit) inner loop to run, in the report's order; {@code text}: what the model wrote, if sampled. */
    private record Piece(int index, ArcTask task, TttConfig config, String text) {
        String what() {
            return config == null ? "baseline" : config.shortForm();
        }
    }

    /** A piece looked up: its stored result, or null to compute. */
    private record Looked(Piece piece, ArcTtt.Result stored) {
    }

    /** A piece computed, with its training steps (to store). */
    private record Computed(ArcTtt.Result result, List<TrainingStepRecord> steps) {
    }

    /**
     * Samples every task's self-edits first (on the calling thread, as SEAL's self-edit.py does its phase 1), then runs
     * the inner loops on {@code workers} replicas of the model side by side ({@link ReplicaWorkers#pipeline}): each
     * looked up in the log first (calling thread), computed on a worker, then stored and reported as soon as it ends
     * (calling thread). A piece's result does not depend on its worker (its seed is the settings'); the report keeps
     * the pieces' order.
     */
    static Report runAll(ArcRequest q, List<ArcTask> tasks, List<TttConfig> given, SealModel model,
            ExperimentLog log, Progress progress, CancelToken token, Listener listener) {
        ArcSettings s = settings(q);
        String settingsJson = settingsJson(s);
        String taskSet = q.tasks().toAbsolutePath().normalize().getFileName().toString();
        List<Sampling> sampling = new ArrayList<>();
        List<Piece> pieces = new ArrayList<>();
        for (ArcTask task : tasks) {
            List<TttConfig> configs = new ArrayList<>(given);
            List<String> texts = new ArrayList<>(java.util.Collections.nCopies(given.size(), (String) null));
            if (q.selfEdits() > 0) {
                progress.update(0, -1, task.name() + ": sampling " + q.selfEdits() + " self-edits");
                listener.sampling(task.name(), q.selfEdits());
                ArcSelfEdits.Sampled sampled = ArcSelfEdits.sample(model, task, q.selfEdits(), q.distinct(), s,
                        q.seed(), token);
                for (ArcSelfEdits.Draw d : sampled.kept()) {
                    configs.add(d.config());
                    texts.add(d.text());
                }
                List<String> problems = sampled.draws().stream().filter(d -> !d.valid()).map(ArcSelfEdits.Draw::problem).toList();
                sampling.add(new Sampling(task.name(), sampled.kept().size(), sampled.draws().size(),
                        sampled.draws().stream().filter(d -> !d.valid()).limit(2).map(ArcSelfEdits.Draw::text)
                                .toList(), problems));
                listener.sampled(task.name(), sampled.kept().stream().map(ArcSelfEdits.Draw::config).toList(),
                        sampled.draws().size(), problems);
            }
            if (q.baseline()) {
                configs.add(null);
                texts.add(null);
            }
            for (int i = 0; i < configs.size(); i++) {
                pieces.add(new Piece(pieces.size(), task, configs.get(i), texts.get(i)));
            }
        }
        long total = pieces.size();
        ArcTtt.Result[] results = new ArcTtt.Result[pieces.size()];
        int[] counts = new int[2]; // done, reused
        Object lock = new Object(); // workers report their steps through one progress
        int workers = q.workers() > 0 ? q.workers() : Devices.workers(model.model());
        ReplicaWorkers.pipeline(model, Math.max(1, Math.min(workers, pieces.size())), "arc", pieces, token,
                new ReplicaWorkers.Steps<Piece, Looked, Computed>() {
                    @Override
                    public Looked prepare(Piece p) {
                        String configJson = p.config() == null ? null : p.config().toJson();
                        ArcTtt.Result stored = log == null ? null : log.findArcRun(model.modelId(), taskSet,
                                p.task().name(), configJson, settingsJson).map(rec -> stored(rec, p.config()))
                                .orElse(null);
                        if (stored == null) {
                            progress.update(counts[0], total, p.task().name() + ": " + p.what());
                        }
                        return new Looked(p, stored);
                    }

                    @Override
                    public Computed compute(Looked l, SealModel replica, java.util.function.BooleanSupplier stopped) {
                        if (l.stored() != null) {
                            return new Computed(l.stored(), List.of());
                        }
                        Piece p = l.piece();
                        List<TrainingStepRecord> steps = new ArrayList<>();
                        ArcTtt.Result r = new ArcTtt(replica, s).run(p.task(), p.config(), info -> {
                            steps.add(new TrainingStepRecord(0, (int) info.step(), info.loss(), info.lr()));
                            listener.step(p.task().name(), p.config(), info);
                            synchronized (lock) {
                                progress.update(counts[0], total, String.format(Locale.ROOT,
                                        "%s: %s: step %d/%d loss %.4f", p.task().name(), p.what(), info.step(),
                                        info.totalSteps(), info.loss()));
                            }
                        }, stopped);
                        return new Computed(r, steps);
                    }

                    @Override
                    public void finish(Looked l, Computed c) {
                        Piece p = l.piece();
                        ArcTtt.Result r = c.result();
                        if (l.stored() != null) {
                            counts[1]++;
                        } else if (log != null) {
                            log.addArcRun(record(model.modelId(), taskSet, p.config() == null ? null
                                    : p.config().toJson(), p.text(), settingsJson, r, c.steps()));
                        }
                        results[p.index()] = r;
                        listener.result(r);
                        synchronized (lock) {
                            progress.update(++counts[0], total, p.task().name() + ": " + p.what() + ": "
                                    + (r.solved() == null ? "predicted" : r.solved() ? "solved" : "not solved"));
                        }
                    }
                });
        return new Report(tasks.size(), List.of(results), pieces.stream().map(Piece::text).toList(), sampling, counts[1]);
    }

    private static final com.google.gson.Gson SETTINGS_GSON = new com.google.gson.Gson();

    /** The request's fixed recipe: its preset with its seed and training-text cap. */
    static ArcSettings settings(ArcRequest q) {
        ArcSettings s0 = ArcSettings.preset(q.preset()).withSeed(q.seed());
        ArcSettings s1 = q.maxExamples() > 0 ? s0.withMaxExamples(q.maxExamples()) : s0;
        return q.selfEditTokens() > 0 ? s1.withSelfEditMaxTokens(q.selfEditTokens()) : s1;
    }

    /** The recipe as runs store it (and look it up). */
    static String settingsJson(ArcSettings s) {
        return SETTINGS_GSON.toJson(s);
    }

    private static ArcRunRecord.New record(long modelId, String taskSet, String configJson, String text,
            String settingsJson, ArcTtt.Result r, List<TrainingStepRecord> steps) {
        JsonArray answers = new JsonArray();
        r.answers().forEach(answers::add);
        return new ArcRunRecord.New(modelId, taskSet, r.task(), configJson, text, settingsJson, r.texts(),
                r.textsTooLong(), r.steps(), Double.isNaN(r.lastLoss()) ? null : r.lastLoss(),
                r.trained() ? null : r.notTrained(), r.prompts(), r.readable(), gridJson(r.attempt1()),
                gridJson(r.attempt2()), r.solved(), answers.toString(), r.trainNanos() / 1e9, r.predictNanos() / 1e9,
                steps, ArcAnswers.json(r.answerEndings()));
    }

    /** A stored run as the inner loop's result (its config is the one looked up with). */
    static ArcTtt.Result stored(ArcRunRecord rec, TttConfig config) {
        List<String> answers = new ArrayList<>();
        JsonParser.parseString(rec.answersJson()).getAsJsonArray().forEach(e -> answers.add(e.getAsString()));
        return new ArcTtt.Result(rec.task(), config, rec.texts(), rec.textsTooLong(), rec.steps(),
                rec.lastLoss() == null ? Double.NaN : rec.lastLoss(), rec.notTrained() == null ? "" : rec.notTrained(),
                rec.prompts(), rec.readable(), grid(rec.attempt1()), grid(rec.attempt2()), rec.solved(), answers,
                (long) (rec.trainSeconds() * 1e9), (long) (rec.predictSeconds() * 1e9),
                ArcAnswers.parse(rec.answerEndingsJson(), answers.size()));
    }

    /**
     * The few-shot runs stored in {@code workspace} for the task set {@code tasks} (matched by its file or folder
     * name, as runs store it), oldest first; none when the folder holds no workspace yet.
     */
    public static List<ArcTtt.Result> storedResults(Path workspace, Path tasks) {
        if (workspace == null || !Files.isRegularFile(workspace.resolve(ExperimentLog.DB_FILE))) {
            return List.of();
        }
        String taskSet = tasks.toAbsolutePath().normalize().getFileName().toString();
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            List<ArcTtt.Result> out = new ArrayList<>();
            for (ArcRunRecord rec : log.arcRuns()) {
                if (!rec.taskSet().equals(taskSet)) {
                    continue;
                }
                TttConfig c = rec.configJson() == null ? null : TttConfig.parse(rec.configJson()).config().orElse(null);
                out.add(stored(rec, c));
            }
            return out;
        }
    }

    /**
     * Results as JSON, as `./seal arc --json` writes them and the window exports them: {"tasks": n, "runs": [{task,
     * config (SEAL's JSON, null for the baseline), config_remarks, training_texts, texts_too_long, steps, last_loss,
     * not_trained, prompts, readable_predictions, attempt_1, attempt_2 (grids as rows), solved, answers (every raw
     * answer), train_seconds, predict_seconds}]}.
     */
    public static String resultsJson(int tasks, List<ArcTtt.Result> results) {
        JsonArray runs = new JsonArray();
        for (ArcTtt.Result r : results) {
            JsonObject o = new JsonObject();
            o.addProperty("task", r.task());
            o.add("config", r.config() == null ? null : JsonParser.parseString(r.config().toJson()));
            if (r.config() != null && !r.config().remarks().isEmpty()) {
                JsonArray rem = new JsonArray();
                r.config().remarks().forEach(rem::add);
                o.add("config_remarks", rem);
            }
            o.addProperty("training_texts", r.texts());
            o.addProperty("texts_too_long", r.textsTooLong());
            o.addProperty("steps", r.steps());
            o.addProperty("last_loss", Double.isNaN(r.lastLoss()) ? null : r.lastLoss());
            o.addProperty("not_trained", r.notTrained().isEmpty() ? null : r.notTrained());
            o.addProperty("prompts", r.prompts());
            o.addProperty("readable_predictions", r.readable());
            o.add("attempt_1", r.attempt1() == null ? null : JsonParser.parseString(gridJson(r.attempt1())));
            o.add("attempt_2", r.attempt2() == null ? null : JsonParser.parseString(gridJson(r.attempt2())));
            o.addProperty("solved", r.solved());
            JsonArray answers = new JsonArray();
            r.answers().forEach(answers::add);
            o.add("answers", answers);
            // why each answer ended, beside them (null: not recorded, a run stored before they were)
            String endings = ArcAnswers.json(r.answerEndings());
            o.add("answer_endings", endings == null ? null : JsonParser.parseString(endings));
            o.addProperty("train_seconds", r.trainNanos() / 1e9);
            o.addProperty("predict_seconds", r.predictNanos() / 1e9);
            runs.add(o);
        }
        JsonObject root = new JsonObject();
        root.addProperty("tasks", tasks);
        root.add("runs", runs);
        return new com.google.gson.GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(root) + "\n";
    }

    /** A grid as a JSON array of rows (null stays null). */
    public static String gridJson(Grid g) {
        if (g == null) {
            return null;
        }
        JsonArray rows = new JsonArray();
        for (int[] row : g.cells()) {
            JsonArray a = new JsonArray();
            for (int v : row) {
                a.add(v);
            }
            rows.add(a);
        }
        return rows.toString();
    }

    /** A grid stored as a JSON array of rows (null stays null), as {@link #gridJson} writes it. */
    public static Grid grid(String json) {
        if (json == null) {
            return null;
        }
        JsonArray rows = JsonParser.parseString(json).getAsJsonArray();
        int[][] cells = new int[rows.size()][];
        for (int r = 0; r < rows.size(); r++) {
            JsonArray row = rows.get(r).getAsJsonArray();
            cells[r] = new int[row.size()];
            for (int c = 0; c < row.size(); c++) {
                cells[r][c] = row.get(c).getAsInt();
            }
        }
        return Grid.unbounded(cells);
    }

    /** A challenges file's solutions beside it: "…challenges…" named "…solutions…", when that file exists. */
    static Path solutionsBeside(Path tasks) {
        String name = tasks.getFileName() == null ? "" : tasks.getFileName().toString();
        if (!Files.isRegularFile(tasks) || !name.contains("challenges")) {
            return null;
        }
        Path s = tasks.resolveSibling(name.replace("challenges", "solutions"));
        return Files.isRegularFile(s) ? s : null;
    }

    static List<ArcTask> select(List<ArcTask> all, ArcRequest q) {
        List<ArcTask> out = new ArrayList<>();
        Set<String> wanted = new LinkedHashSet<>(q.taskIds());
        for (ArcTask t : all) {
            String base = t.name().replaceFirst("-\\d+$", "");
            if (wanted.isEmpty() || wanted.contains(t.name()) || wanted.contains(base)) {
                out.add(t);
            }
        }
        for (String w : wanted) {
            if (all.stream().noneMatch(t -> t.name().equals(w) || t.name().replaceFirst("-\\d+$", "").equals(w))) {
                throw new IllegalArgumentException(q.tasks() + ": no task " + w);
            }
        }
        return q.limit() > 0 && out.size() > q.limit() ? out.subList(0, q.limit()) : out;
    }
}
