package org.sealworkbench.jobs;

import org.sealworkbench.util.Counts;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sealworkbench.data.arc.ArcTask;
import org.sealworkbench.jobs.charts.ChartsData.LossPoint;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.seal.RestEm;
import org.sealworkbench.seal.RlSettings;
import org.sealworkbench.seal.SealModel;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.seal.arc.ArcRestEm;
import org.sealworkbench.seal.arc.ArcSelfEdits;
import org.sealworkbench.seal.arc.ArcSettings;
import org.sealworkbench.seal.arc.ArcTtt;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.ExperimentRecord;
import org.sealworkbench.store.ModelRecord;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/**
 * Runs an {@link ArcRlRequest}: one ReST-EM round of SEAL's few-shot setting (SEAL.md section 2, {@link ArcRestEm}).
 *
 * <ol>
 *   <li>Every task must have a solution (a reward needs one), and its self-edit prompt must leave room for a config in
 *       the model's context; otherwise the job stops before any work, naming each task and why.</li>
 *   <li>The inner loops: {@link ArcJob#runAll} with the request as `./seal arc --self-edits K` (sampling every task's
 *       self-edits first, then the inner loops on the workers' replicas, each looked up in {@code arc_runs} before it is
 *       trained and stored when it ends), so a stopped round resumes by lookup and its runs are the few-shot runs
 *       History and Charts show.</li>
 *   <li>Rewards ({@link ArcRestEm.Pair#reward()}) and the round's record: an experiment
 *       "Few-shot ReST-EM round N [DIGEST]: TASK SET" whose description (JSON, kind "few-shot rest-em round") holds
 *       what identifies the round (its digest over the input model's folder, the task set and tasks, k, distinct, the
 *       inner loop's settings and the SFT recipe), every (task, self-edit) pair with its text, config and reward, and
 *       the folder its model goes to (none when nothing was rewarded). Written once, when every reward is in; the round is found by its digest
 *       afterwards, so a rerun reads the pairs back instead of sampling and looking up again.</li>
 *   <li>No rewarded pair: the round says so and saves no model (the job ends "done" with that message).</li>
 *   <li>Otherwise the SFT set ({@link ArcRestEm#sftSet}), SFT and merge ({@link RestEm#sftAndMerge}, SEAL's cosine
 *       schedule) and the model saved as {@code models/arc-round-N} ({@code arc-round-N-DIGEST} when another round N
 *       has that name) with a models row whose parent is the input model ({@link RestEm#saveRoundModel}: a folder
 *       saved by a killed run is loaded, not trained again). A round whose model row and folder exist is done: a
 *       rerun reads it back and loads no model.</li>
 * </ol>
 * Round N: 1, or one more than the round whose model the input is. Not an {@code rl_rounds} row: those are the
 * knowledge setting's rounds ({@code seal eval --condition seal-round:N} picks its model from them).
 */
public final class ArcRlJob {
    private ArcRlJob() {
    }

    /** The experiment description's kind of a few-shot round. */
    public static final String EXPERIMENT_KIND = ArcRestEm.EXPERIMENT_KIND;

    /**
     * What a round did. {@code pairs}: every (task, self-edit) with its reward, in task order; {@code sampling}: how
     * sampling went (read back as the round's record keeps it; empty for a round recorded before it kept it); {@code innerLoops}/{@code reused}: inner loops run and found
     * stored this time; {@code sftExamples}: the SFT set's size and {@code leftOut} what did not fit; {@code modelOutId}
     * and {@code modelDir}: the round's model (null when nothing was rewarded); {@code stored}: the whole round was read
     * back from the workspace.
     */
    public record Report(int round, String digest, String taskSet, long experimentId, long modelInId,
            List<ArcRestEm.Pair> pairs, List<ArcJob.Sampling> sampling, int innerLoops, int reused, int sftExamples,
            List<String> leftOut, RlSettings.Sft sft, Long modelOutId, Path modelDir, boolean stored,
            List<LossPoint> sftLoss) {
        public Report {
            sftLoss = sftLoss == null ? List.of() : List.copyOf(sftLoss);
        }

        /** A report without the SFT's losses (a round that saved no model, or one stored before they were kept). */
        public Report(int round, String digest, String taskSet, long experimentId, long modelInId,
                List<ArcRestEm.Pair> pairs, List<ArcJob.Sampling> sampling, int innerLoops, int reused, int sftExamples,
                List<String> leftOut, RlSettings.Sft sft, Long modelOutId, Path modelDir, boolean stored) {
            this(round, digest, taskSet, experimentId, modelInId, pairs, sampling, innerLoops, reused, sftExamples, leftOut,
                    sft, modelOutId, modelDir, stored, List.of());
        }

        public List<ArcRestEm.TaskRewards> perTask() {
            return ArcRestEm.perTask(pairs);
        }

        public int rewarded() {
            return ArcRestEm.rewarded(pairs).size();
        }
    }

    /** Runs the request in a new job row. */
    public static Report run(ArcRlRequest q, Progress progress, CancelToken token) {
        return run(q, null, progress, token, null);
    }

    /**
     * Runs the request in a new job row, telling {@code steps} (on the job's thread) of each task's sampling, every inner
     * loop's steps and result, the SFT's steps and the saving of the model: what the window shows as the round runs.
     */
    public static Report run(ArcRlRequest q, Progress progress, CancelToken token, ArcSteps steps) {
        return run(q, null, progress, token, steps);
    }

    /**
     * Resumes a stopped round from its job row ({@link Jobs#resume}'s rules: the stored request run again in the same
     * row), telling {@code steps} as {@link #run(ArcRlRequest, Progress, CancelToken, ArcSteps)} does.
     *
     * @throws IllegalArgumentException when the row is missing, of another kind, or not stopped (done, or refused)
     */
    public static Report resume(Path workspace, long jobId, Progress progress, CancelToken token, ArcSteps steps) {
        org.sealworkbench.store.JobRecord row;
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            row = log.job(jobId).orElseThrow(() -> new IllegalArgumentException(workspace + ": no job with id " + jobId));
        }
        if (!ArcRlRequest.KIND.equals(row.kind())) {
            throw new IllegalArgumentException(workspace + ": job " + jobId + " is a " + row.kind() + " job, not a few-shot "
                    + "RL round");
        }
        Jobs.checkStopped(workspace, row);
        return run((ArcRlRequest) Jobs.requestOf(workspace, row), row.id(), progress, token, steps);
    }

    /**
     * The context, in tokens, of the model in {@code dir} (its config's max_position_embeddings), read without loading
     * the weights: what a form checks SEAL's self-edit prompt against before a round starts.
     *
     * @throws IllegalArgumentException naming the folder when it holds no readable model config
     */
    public static int contextTokens(Path dir) {
        return org.sealworkbench.llm.model.ModelConfig.read(dir).maxPositionEmbeddings();
    }

    static Report run(ArcRlRequest q, Long resumeId, Progress progress, CancelToken token) {
        return run(q, resumeId, progress, token, null);
    }

    private static Report run(ArcRlRequest q, Long resumeId, Progress progress, CancelToken token, ArcSteps stepsOrNull) {
        ArcSteps steps = stepsOrNull != null ? stepsOrNull : NO_STEPS;
        ArcRequest arc = q.arcRequest();
        List<ArcTask> tasks = ArcJob.select(ArcJob.readTasks(q.tasks(), q.solutions()), arc);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException(q.tasks() + ": no tasks to train on");
        }
        List<String> unsolved = tasks.stream().filter(t -> !t.hasSolution()).map(ArcTask::name).toList();
        if (!unsolved.isEmpty()) {
            throw new IllegalArgumentException(q.tasks() + ": " + Counts.of(unsolved.size(), "task") + " without a solution ("
                    + String.join(", ", unsolved) + "): a reward needs the solution; give the solutions file (--solutions)");
        }
        ArcSettings settings = ArcJob.settings(arc);
        String taskSet = q.tasks().toAbsolutePath().normalize().getFileName().toString();
        Path modelIn = q.model().toAbsolutePath().normalize();
        String digest = digest(q, settings, taskSet, tasks, modelIn);
        try (ExperimentLog log = ExperimentLog.openWritable(q.workspace())) {
            JsonObject params = ArcJob.params(arc);
            params.addProperty("k", q.k());
            params.addProperty("round_digest", digest);
            long jobId = JobRow.open(log, q.kind(), params, q, resumeId);
            return ArcJob.inJobRow(log, jobId, () -> runRound(q, log, tasks, settings, taskSet, modelIn, digest, progress,
                    token, steps), ArcRlJob::summary);
        }
    }

    /** The job row's closing message (the window's last progress message too). */
    public static String summary(Report r) {
        return String.format(Locale.ROOT, "round %d: %d of %d (task, self-edit) pairs solved; %s", r.round(), r.rewarded(),
                r.pairs().size(), r.modelOutId() == null ? "no self-edit solved its task, no model saved"
                        : "model " + r.modelDir().getFileName());
    }

    private static final ArcSteps NO_STEPS = new ArcSteps() {
        @Override
        public void step(String task, org.sealworkbench.seal.arc.TttConfig config, long step, long totalSteps, double loss) {
        }

        @Override
        public void result(ArcTtt.Result result) {
        }
    };

    private static Report runRound(ArcRlRequest q, ExperimentLog log, List<ArcTask> tasks, ArcSettings settings,
            String taskSet, Path modelIn, String digest, Progress progress, CancelToken token, ArcSteps steps) {
        Optional<ExperimentRecord> recorded = roundExperiment(log, digest);
        if (recorded.isPresent()) {
            JsonObject d = description(recorded.get()).orElseThrow();
            List<ArcRestEm.Pair> pairs = ArcRestEm.fromJson(d.getAsJsonArray("pairs"));
            int round = d.get("round").getAsInt();
            long modelInId = d.get("model_in_id").getAsLong();
            if (ArcRestEm.rewarded(pairs).isEmpty()) {
                return new Report(round, digest, taskSet, recorded.get().id(), modelInId, pairs, samplingOf(d), 0, 0, 0,
                        List.of(), q.sft(), null, null, true);
            }
            Path dir = Path.of(d.get("model_dir").getAsString());
            Optional<ModelRecord> out = modelRow(log, dir);
            if (out.isPresent() && Files.isDirectory(dir)) {
                progress.update(1, 1, "round " + round + " already done: " + dir.getFileName());
                return new Report(round, digest, taskSet, recorded.get().id(), modelInId, pairs, samplingOf(d), 0, 0,
                        d.has("sft_examples") ? d.get("sft_examples").getAsInt() : 0, List.of(), q.sft(),
                        out.get().id(), dir, true, sftLossOf(d));
            }
            // rewarded, recorded, but the model is not saved yet (a run stopped in the SFT): SFT again
            try (SealModel model = SealModel.open(modelIn, log, Devices.pick())) {
                return sft(q, log, model, round, digest, taskSet, recorded.get().id(), pairs,
                        ArcRestEm.sftSet(model, byName(tasks), ArcRestEm.rewarded(pairs)), dir, samplingOf(d), 0, 0, progress, token,
                        steps);
            }
        }
        try (SealModel model = SealModel.open(modelIn, log, Devices.pick())) {
            checkPrompts(model, tasks, settings);
            ArcJob.Report inner = ArcJob.runAll(q.arcRequest(), tasks, List.of(), model, log, progress, token,
                    ArcSteps.listener(steps));
            List<ArcRestEm.Pair> pairs = new ArrayList<>();
            Map<String, Integer> perTask = new LinkedHashMap<>();
            for (int i = 0; i < inner.results().size(); i++) {
                ArcTtt.Result r = inner.results().get(i);
                int index = perTask.merge(r.task(), 1, Integer::sum) - 1;
                pairs.add(ArcRestEm.Pair.of(r, index, inner.selfEditTexts().get(i)));
            }
            int round = roundNumber(log, modelIn);
            int innerLoops = inner.results().size() - inner.reused();
            List<ArcRestEm.Pair> kept = ArcRestEm.rewarded(pairs);
            // a round without a reward saves no model, so it claims no folder name
            Path dir = kept.isEmpty() ? null : log.workspaceDir().resolve(RestEm.MODELS_DIR)
                    .resolve(modelName(log, round, digest)).toAbsolutePath().normalize();
            ArcRestEm.SftSet set = kept.isEmpty() ? null : ArcRestEm.sftSet(model, byName(tasks), kept);
            long experimentId = log.addExperiment(experimentName(round, digest, taskSet), describe(q, settings, taskSet,
                    tasks, model, round, digest, pairs, dir, set == null ? 0 : set.examples().size(), inner.sampling()).toString());
            if (set == null) {
                return new Report(round, digest, taskSet, experimentId, model.modelId(), pairs, inner.sampling(),
                        innerLoops, inner.reused(), 0, List.of(), q.sft(), null, null, false);
            }
            return sft(q, log, model, round, digest, taskSet, experimentId, pairs, set, dir, inner.sampling(), innerLoops,
                    inner.reused(), progress, token, steps);
        }
    }

    /** SFT on the rewarded pairs' set ({@link ArcRestEm#sftSet}), merge, and the round's model saved. */
    private static Report sft(ArcRlRequest q, ExperimentLog log, SealModel model, int round, String digest, String taskSet,
            long experimentId, List<ArcRestEm.Pair> pairs, ArcRestEm.SftSet set, Path dir, List<ArcJob.Sampling> sampling,
            int innerLoops, int reused, Progress progress, CancelToken token, ArcSteps steps) {
        if (set.examples().isEmpty()) {
            throw new IllegalArgumentException("round " + round + ": every rewarded self-edit is too long for the SFT: "
                    + String.join("; ", set.leftOut()));
        }
        RlSettings.Sft sft = q.sft();
        progress.update(0, -1, String.format(Locale.ROOT, "round %d: SFT of the generator on %d rewarded self-edits",
                round, set.examples().size()));
        List<LossPoint> losses = new ArrayList<>();
        long out = RestEm.saveRoundModel(log, model, dir, dir.getFileName().toString(), () -> {
            RestEm.sftAndMerge(model, set.examples(), sft, ArcRestEm.SCHEDULE, q.seed(), "arc-rest-em-round-" + round,
                    info -> {
                        losses.add(new LossPoint((int) info.step(), info.loss()));
                        steps.sftStep(info.step(), info.totalSteps(), info.loss());
                    }, token::isCancelled);
            progress.update(0, -1, String.format(Locale.ROOT, "round %d: saving the merged model as %s", round,
                    dir.getFileName()));
            steps.saving(dir);
        });
        if (!losses.isEmpty()) keepSftLoss(log, experimentId, losses);
        return new Report(round, digest, taskSet, experimentId, model.modelId(), pairs, sampling, innerLoops, reused,
                set.examples().size(), set.leftOut(), sft, out, dir, false, losses);
    }

    /** The SFT's loss by step, kept in the round's experiment record ("sft_loss": [[step, loss], …]) for reading back. */
    static void keepSftLoss(ExperimentLog log, long experimentId, List<LossPoint> losses) {
        log.experiments().stream().filter(e -> e.id() == experimentId).findFirst().flatMap(ArcRlJob::description)
                .ifPresent(d -> {
                    JsonArray a = new JsonArray();
                    for (LossPoint p : losses) {
                        JsonArray x = new JsonArray();
                        x.add(p.step());
                        x.add(p.loss());
                        a.add(x);
                    }
                    d.add("sft_loss", a);
                    log.setExperimentDescription(experimentId, d.toString());
                });
    }

    /** How the round's sampling went, as its record keeps it (empty: a round recorded before the record kept it). */
    static List<ArcJob.Sampling> samplingOf(JsonObject d) {
        if (!d.has("sampling") || !d.get("sampling").isJsonArray()) return List.of();
        List<ArcJob.Sampling> out = new ArrayList<>();
        for (var e : d.getAsJsonArray("sampling")) out.add(ArcJob.Sampling.fromJson(e.getAsJsonObject()));
        return out;
    }

    /** The SFT's loss a round's record keeps (empty: none kept, e.g. a round stored before the record kept it). */
    static List<LossPoint> sftLossOf(JsonObject d) {
        if (!d.has("sft_loss") || !d.get("sft_loss").isJsonArray()) return List.of();
        List<LossPoint> out = new ArrayList<>();
        for (var e : d.getAsJsonArray("sft_loss")) {
            JsonArray x = e.getAsJsonArray();
            out.add(new LossPoint(x.get(0).getAsInt(), x.get(1).getAsDouble()));
        }
        return out;
    }

    /**
     * Step 1: every task's self-edit prompt leaves room for a config (at least 16 tokens) in the model's context.
     *
     * @throws IllegalArgumentException naming every task that does not fit, with its prompt's length
     */
    static void checkPrompts(SealModel model, List<ArcTask> tasks, ArcSettings s) {
        int context = model.model().config().maxPositionEmbeddings();
        Map<String, Integer> tooLong = new LinkedHashMap<>();
        for (ArcTask t : tasks) {
            int n = ArcSelfEdits.promptIds(model, t).length;
            if (ArcSelfEdits.room(model, n, s) < ArcSelfEdits.MIN_ROOM) tooLong.put(t.name(), n);
        }
        if (!tooLong.isEmpty()) throw new PromptsTooLong(model.name(), context, tasks.size(), tooLong);
    }

    /**
     * The refusal of {@link #checkPrompts}: the model's context and each task whose self-edit prompt leaves no room for a
     * config, with the prompt's length in tokens (its message is the command's, one line naming every task; its
     * {@link #summary} says how many and the longest). The same request is refused again, so its job row is "refused".
     */
    public static final class PromptsTooLong extends JobRefusedException {
        private static final long serialVersionUID = 1L;
        private final String model;
        private final int context;
        private final int tasks;
        private final Map<String, Integer> promptTokens;

        public PromptsTooLong(String model, int context, int tasks, Map<String, Integer> promptTokens) {
            super(org.sealworkbench.seal.ContextFit.promptsMessage(model, context, "task", tasks, promptTokens,
                    "Use a model with a longer context, or leave those tasks out (--task)"));
            this.model = model;
            this.context = context;
            this.tasks = tasks;
            this.promptTokens = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(promptTokens));
        }

        /** The model's name (its folder). */
        public String model() { return model; }
        /** The model's context, in tokens. */
        public int context() { return context; }
        /** How many tasks the round was to train on. */
        public int tasks() { return tasks; }
        /** The tasks whose prompt leaves no room, each with its prompt's length in tokens, in the tasks' order. */
        public Map<String, Integer> promptTokens() { return promptTokens; }
        /** The tokens a self-edit needs after its prompt, at least. */
        public int minRoom() { return ArcSelfEdits.MIN_ROOM; }

        /**
         * How many tasks' prompts leave no room, in whose context, and the longest: "13 of 13 tasks' self-edit prompts
         * leave no room in seal-tiny's 512-token context (longest 1322 tokens; a self-edit needs 16 more)."
         */
        @Override
        public String summary() {
            return org.sealworkbench.seal.ContextFit.promptsSummary(model, context, "task", tasks, promptTokens);
        }
    }

    /** What identifies a round: the input model's folder, the tasks, k, distinct, the inner loop's recipe, the SFT's. */
    static String digest(ArcRlRequest q, ArcSettings settings, String taskSet, List<ArcTask> tasks, Path modelIn) {
        JsonObject o = new JsonObject();
        o.addProperty("model_in", modelIn.toString());
        o.addProperty("task_set", taskSet);
        JsonArray names = new JsonArray();
        tasks.forEach(t -> names.add(t.name()));
        o.add("tasks", names);
        o.addProperty("k", q.k());
        o.addProperty("distinct", q.distinct());
        o.add("arc_settings", JsonParser.parseString(ArcJob.settingsJson(settings)));
        o.add("sft", sftJson(q.sft()));
        return SealSettings.digestOf(o.toString());
    }

    private static JsonObject sftJson(RlSettings.Sft s) {
        JsonObject o = new JsonObject();
        o.addProperty("lora_rank", s.loraRank());
        o.addProperty("lora_alpha", s.loraAlpha());
        JsonArray t = new JsonArray();
        s.targetModules().forEach(t::add);
        o.add("targets", t);
        o.addProperty("learning_rate", s.learningRate());
        o.addProperty("epochs", s.epochs());
        o.addProperty("batch", s.effectiveBatch());
        o.addProperty("schedule", ArcRestEm.SCHEDULE.name().toLowerCase(Locale.ROOT));
        return o;
    }

    private static JsonObject describe(ArcRlRequest q, ArcSettings settings, String taskSet, List<ArcTask> tasks,
            SealModel model, int round, String digest, List<ArcRestEm.Pair> pairs, Path dir, int sftExamples,
            List<ArcJob.Sampling> sampling) {
        JsonObject d = new JsonObject();
        d.addProperty("kind", EXPERIMENT_KIND);
        d.addProperty("round", round);
        d.addProperty("digest", digest);
        d.addProperty("task_set", taskSet);
        d.addProperty("tasks_path", q.tasks().toAbsolutePath().normalize().toString());
        JsonArray names = new JsonArray();
        tasks.forEach(t -> names.add(t.name()));
        d.add("tasks", names);
        d.addProperty("model_in_id", model.modelId());
        d.addProperty("model_in", model.dir().toString());
        d.addProperty("k", q.k());
        d.addProperty("distinct", q.distinct());
        d.addProperty("arc_settings_digest", SealSettings.digestOf(ArcJob.settingsJson(settings)));
        d.add("sft", sftJson(q.sft()));
        if (dir != null) {
            d.addProperty("model_dir", dir.toString());
        }
        d.addProperty("rewarded", ArcRestEm.rewarded(pairs).size());
        d.addProperty("sft_examples", sftExamples);
        d.add("pairs", ArcRestEm.toJson(pairs));
        JsonArray sampled = new JsonArray();   // how each task's sampling went, draws that were not configs and why
        sampling.forEach(s -> sampled.add(s.toJson()));
        d.add("sampling", sampled);
        return d;
    }

    static String experimentName(int round, String digest, String taskSet) {
        return "Few-shot ReST-EM round " + round + " [" + digest.substring(0, 8) + "]: " + taskSet;
    }

    /** The few-shot rounds recorded in the workspace: each experiment of that kind with its description. */
    public static List<Map.Entry<ExperimentRecord, JsonObject>> rounds(ExperimentLog log) {
        List<Map.Entry<ExperimentRecord, JsonObject>> out = new ArrayList<>();
        for (ExperimentRecord e : log.experiments()) {
            description(e).filter(d -> d.has("kind") && EXPERIMENT_KIND.equals(d.get("kind").getAsString()))
                    .ifPresent(d -> out.add(Map.entry(e, d)));
        }
        return out;
    }

    private static Optional<ExperimentRecord> roundExperiment(ExperimentLog log, String digest) {
        return rounds(log).stream().filter(e -> digest.equals(string(e.getValue(), "digest"))).map(Map.Entry::getKey)
                .findFirst();
    }

    /** 1, or one more than the round whose saved model is {@code modelIn}. */
    private static int roundNumber(ExperimentLog log, Path modelIn) {
        int n = 1;
        for (Map.Entry<ExperimentRecord, JsonObject> e : rounds(log)) {
            if (modelIn.toString().equals(string(e.getValue(), "model_dir"))) {
                n = Math.max(n, e.getValue().get("round").getAsInt() + 1);
            }
        }
        return n;
    }

    /** {@code arc-round-N}, or {@code arc-round-N-DIGEST} when another round or anything else has that folder. */
    private static String modelName(ExperimentLog log, int round, String digest) {
        String plain = "arc-round-" + round;
        Path dir = log.workspaceDir().resolve(RestEm.MODELS_DIR).resolve(plain).toAbsolutePath().normalize();
        boolean taken = Files.exists(dir) || modelRow(log, dir).isPresent()
                || rounds(log).stream().anyMatch(e -> dir.toString().equals(string(e.getValue(), "model_dir")));
        return taken ? plain + "-" + digest.substring(0, 8) : plain;
    }

    private static Optional<ModelRecord> modelRow(ExperimentLog log, Path dir) {
        return log.modelAt(dir.toAbsolutePath().normalize().toString());
    }

    private static Map<String, ArcTask> byName(List<ArcTask> tasks) {
        Map<String, ArcTask> m = new LinkedHashMap<>();
        tasks.forEach(t -> m.put(t.name(), t));
        return m;
    }

    private static Optional<JsonObject> description(ExperimentRecord e) {
        if (e.description() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonParser.parseString(e.description()).getAsJsonObject());
        } catch (RuntimeException bad) {
            return Optional.empty();
        }
    }

    private static String string(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsString() : null;
    }
}
