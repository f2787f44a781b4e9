package org.sealworkbench.seal;

import org.sealworkbench.util.Seeds;
import org.sealworkbench.util.Progress;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.training.FineTune;
import org.sealworkbench.llm.training.SftData;
import org.sealworkbench.llm.training.LossMask;
import org.sealworkbench.llm.training.LrSchedule;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.llm.training.TrainResult;
import org.sealworkbench.llm.training.TrainSettings;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.ExperimentRecord;
import org.sealworkbench.store.ModelRecord;
import org.sealworkbench.store.PassageDetail;
import org.sealworkbench.store.RewardRecord;
import org.sealworkbench.store.RlRoundRecord;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.store.SelfEditRecord;

/**
 * ReST-EM for knowledge incorporation (SEAL.md section 1, "Reward and ReST-EM"). Round r:
 * <ol>
 * <li>fresh RL-train passages ({@link PassageSplit#rlPassages}), recorded in the round's experiment;</li>
 * <li>k self-edits of each from the round's generator ({@link SelfEditGenerator}, tag "rl round r");</li>
 * <li>the unadapted baseline of each passage, then {@code repeats} inner loops per self-edit, each with a seed
 *     derived from (round, passage, self-edit index, repeat), up to {@link #adapterBatch} of the round's (from any of its
 *     passages) trained as one batch, batches side by side on {@link #workers}; reward = mean adapted accuracy over the
 *     repeats;</li>
 * <li>per passage the top-1 self-edit (earliest wins ties), kept even without gain when the settings say so;</li>
 * <li>SFT of the generator on (prompt -> best self-edit): LoRA on the settings' projections, completion-only
 *     loss with EOS appended, effective batch by gradient accumulation; the LoRA is merged and the model saved
 *     as {@code models/round-r/} in the workspace ({@code round-r-ID} for a later run's round r, {@link #roundModelName}),
 *     with a model row whose parent is the round's input model.</li>
 * </ol>
 * The merged model is the next round's generator, inner-loop base and answerer.
 *
 * <p>Stop and resume: every unit (self-edits of a passage, a baseline, an inner loop, a reward, the merged
 * model) is stored when done and looked up before it is computed, and every seed is derived from where the
 * unit sits, so running the same command again skips what is stored and ends with the same results as a run
 * that was never interrupted. A round's status in {@code rl_rounds} is "running" until its model is saved. A round
 * is this run's only if its experiment has this run's settings digest and passages ({@link #roundRecord}): the same
 * command again resumes or replays it, a command with other settings runs a round of its own beside it.
 */
public final class RestEm {
    public static final String MODELS_DIR = "models";

    private final ExperimentLog log;
    private final SealSettings settings;
    private final PassageSplit split;
    private final Grader grader;
    private final ComputeDevice device;
    private InnerLoop.Timing timing = InnerLoop.Timing.ZERO;
    private long reused;
    private Listener listener = Listener.NONE;
    private int adapterBatch = StoredRuns.DEFAULT_ADAPTER_BATCH;
    private int workers;   // 0: the device's default (InnerLoop#workers)

    /** The message of the {@link CancellationException} a pause ends the run with. */
    public static final String PAUSED = "paused after the unit in flight";

    /**
     * Told of each unit's result as it is computed or found stored (so a resumed run reports the finished units again,
     * at once), on the thread that runs the rounds; and asked between units whether to pause. A pause lets the unit
     * in flight (an inner loop or a batch of them, a passage's generation, the SFT) finish and then ends the run as a cancel does
     * ({@link CancellationException} with message {@link #PAUSED}); running again resumes where it stopped.
     */
    public interface Listener {
        Listener NONE = new Listener() {};

        /** Passage {@code index} (0-based) of {@code of} in round {@code round} has its self-edits (ids and texts). */
        default void selfEdits(int round, long passageId, String title, int index, int of, List<Long> selfEditIds, List<String> texts) {}

        /** The passage's unadapted accuracy in this round. */
        default void baseline(int round, long passageId, double accuracy) {}

        /** Self-edit {@code index} of the passage earned this reward (mean adapted accuracy over the repeats). */
        default void reward(int round, long passageId, int index, long selfEditId, double reward) {}

        /** The passage's top-1 self-edit; {@code kept}: whether it goes into the round's SFT. */
        default void best(int round, long passageId, int index, boolean kept) {}

        /** Checked between units: true stops the run after the unit in flight. */
        default boolean pauseRequested() {
            return false;
        }
    }

    /** Reports units to {@code l} (null: to nobody) and lets it pause the run between units. */
    public RestEm listener(Listener l) {
        this.listener = l == null ? Listener.NONE : l;
        return this;
    }

    /**
     * How many of a round's inner loops (k x repeats per passage) train together as one batch (1: one at a time); an execution setting,
     * not part of the method: the stored runs and rewards are the same for every size up to float rounding ({@link StoredRuns#orRunAll}).
     */
    public RestEm adapterBatch(int n) {
        if (n < 1) throw new IllegalArgumentException("the adapter batch must be at least 1, got " + n);
        adapterBatch = n;
        return this;
    }

    /**
     * How many batches of inner loops compute side by side, each on a worker thread ({@link StoredRuns#orRunAll}); 0 (the
     * default): {@link InnerLoop#workers}, i.e. SEAL_WORKERS or the cores the model's intra-op threads leave. An execution
     * setting like the adapter batch.
     */
    public RestEm workers(int n) {
        if (n < 0) throw new IllegalArgumentException("workers must be 0 (the default) or more, got " + n);
        workers = n;
        return this;
    }

    public RestEm(ExperimentLog log, SealSettings settings, PassageSplit split, Grader grader, ComputeDevice device) {
        this.log = log;
        this.settings = settings;
        this.split = split;
        this.grader = grader;
        this.device = device;
    }

    /**
     * What a round did. {@code kept}: the selected self-edit of each passage (null where none was kept);
     * {@code noise}: how well repeats agree on the rewards, null with fewer than two repeats or for a stored round;
     * {@code stored}: the round was done in the log already and was read back, not run ({@link #replay}).
     */
    public record Round(int round, long rlRoundId, long experimentId, long modelInId, long modelOutId, Path modelDir,
                        List<Long> passages, List<Long> kept, double meanBaseline, double meanReward, double meanBestReward,
                        RewardNoise noise, boolean stored) {}

    /** Work counters of this object: inner loops and baselines computed (not reused), time in training and answering. */
    public InnerLoop.Timing timing() {
        return timing;
    }

    /** Units found stored and skipped. */
    public long reused() {
        return reused;
    }

    public static String selfEditCondition(int round) {
        return "RL round " + round + ": self-edits";
    }

    public static String baselineCondition(int round) {
        return "RL round " + round + ": no adaptation";
    }

    public static String tag(int round) {
        return "rl round " + round;
    }

    public static String experimentName(int round, long rlRoundId) {
        return "ReST-EM round " + round + " (rl_round " + rlRoundId + ")";
    }

    /** Units of progress per passage: its self-edits, its baseline, its inner loops. */
    private int unitsPerPassage() {
        return 2 + settings.rl().k() * settings.rl().repeats();
    }

    /**
     * Runs rounds 1..rounds from the checkpoint at {@code startDir} (rounds already done in the log are
     * skipped, their saved models loaded); returns what each round did.
     */
    public List<Round> run(Path startDir, int rounds, Progress progress, BooleanSupplier cancelled) {
        RlSettings rl = settings.rl();
        long total = (long) rounds * (rl.passagesPerRound() * (long) unitsPerPassage() + 1);
        long[] done = {0};
        List<Round> out = new ArrayList<>();
        SealModel current = SealModel.open(startDir, log, device);
        try {
            for (int r = 1; r <= rounds; r++) {
                Optional<RlRoundRecord> finished = roundRecord(r, current.modelId(), true);
                if (finished.isPresent() && finished.get().modelOutId() != null) {
                    ModelRecord m = log.model(finished.get().modelOutId()).orElseThrow();
                    done[0] += rl.passagesPerRound() * (long) unitsPerPassage() + 1;
                    progress.update(done[0], total, "round " + r + " already done: " + m.name());
                    reused++;
                    out.add(replay(r, finished.get(), current));
                    if (m.id() != current.modelId()) {
                        current.close();
                        current = SealModel.open(Path.of(m.path()), log, device);
                    }
                    continue;
                }
                Round round = round(r, current, progress, done, total, cancelled);
                out.add(round);
                if (round.modelOutId() != current.modelId()) {
                    // The merged weights are in memory already; only the identity changes.
                    current = current.renamed(round.modelOutId(), round.modelDir().getFileName().toString(), round.modelDir());
                }
            }
        } finally {
            current.close();
        }
        return out;
    }

    /**
     * The newest round-r record of this run from {@code modelIn}, done or not: same round number and input model, and an
     * experiment with this run's settings digest for round r and the same training passages. A round of the same number
     * run with other settings (another k, lr, seed, split...) is another run's: it is neither reused nor continued, so
     * trying settings in one workspace never reports an earlier run's round as this one's. A record without an
     * experiment stored nothing, so any unfinished one may be taken over.
     */
    private Optional<RlRoundRecord> roundRecord(int r, long modelIn, boolean wantDone) {
        String digest = settingsOfRound(settings, r).digest();
        List<Long> passages = null;
        RlRoundRecord found = null;
        for (RlRoundRecord x : log.rlRounds()) {
            if (x.roundNumber() != r || x.modelInId() != modelIn || "done".equals(x.status()) != wantDone) continue;
            Optional<JsonObject> d = roundExperiment(r, x.id()).flatMap(RestEm::description);
            if (d.isEmpty()) {
                if (!wantDone) found = x;
                continue;
            }
            if (passages == null) passages = split.rlPassages(log, r, settings.rl().passagesPerRound());
            if (digest.equals(string(d.get(), "settings_digest")) && passages.equals(passageIds(d.get()))) found = x;
        }
        return Optional.ofNullable(found);
    }

    /** Round r's experiment for this rl_round record ({@link #experiment} made it), if there is one. */
    private Optional<ExperimentRecord> roundExperiment(int r, long rlRoundId) {
        String name = experimentName(r, rlRoundId);
        return log.experiments().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * An experiment's description as JSON, or empty when it has none or it does not parse (written by hand or by another
     * tool: then nothing is shown or matched from it, and nothing is lost).
     */
    private static Optional<JsonObject> description(ExperimentRecord e) {
        if (e.description() == null) return Optional.empty();
        try {
            return Optional.of(com.google.gson.JsonParser.parseString(e.description()).getAsJsonObject());
        } catch (RuntimeException bad) {
            return Optional.empty();
        }
    }

    private static String string(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsString() : null;
    }

    private static List<Long> passageIds(JsonObject d) {
        List<Long> out = new ArrayList<>();
        if (d.has("rl_train_passage_ids")) d.getAsJsonArray("rl_train_passage_ids").forEach(x -> out.add(x.getAsLong()));
        return out;
    }

    /**
     * The folder and model name of a round's merged model: {@code round-r} for the workspace's first round-r record (the
     * usual case: one run), {@code round-r-ID} with the rl_round id for a later run's round r, so that a run with other
     * settings never overwrites or loads another run's model. Fixed per record, so a resumed round finds its own folder.
     */
    private String roundModelName(int r, long rlRoundId) {
        for (RlRoundRecord x : log.rlRounds()) {
            if (x.roundNumber() == r && x.id() < rlRoundId) return "round-" + r + "-" + rlRoundId;
        }
        return "round-" + r;
    }

    private Round round(int r, SealModel model, Progress progress, long[] done, long total, BooleanSupplier cancelled) {
        RlSettings rl = settings.rl();
        List<Long> passages = split.rlPassages(log, r, rl.passagesPerRound());
        long rlRoundId = roundRecord(r, model.modelId(), false).map(RlRoundRecord::id)
                .orElseGet(() -> log.startRlRound(r, model.modelId()));
        log.finishRlRound(rlRoundId, null, "running");
        try {
            return roundBody(r, rlRoundId, passages, model, progress, done, total, cancelled);
        } catch (CancellationException e) {
            log.finishRlRound(rlRoundId, null, "stopped");
            throw e;
        } catch (RuntimeException e) {
            log.finishRlRound(rlRoundId, null, "failed");
            throw e;
        }
    }

    private Round roundBody(int r, long rlRoundId, List<Long> passages, SealModel model, Progress progress, long[] done,
                            long total, BooleanSupplier cancelled) {
        RlSettings rl = settings.rl();
        long experimentId = experiment(r, rlRoundId, model, passages);
        GenerationSettings gen = roundGeneration();
        SelfEditGenerator generator = new SelfEditGenerator(log, model, gen);
        if (workers > 0) generator.useWorkers(workers);
        InnerLoop inner = new InnerLoop(log, model, settingsOfRound(settings, r), grader);
        if (workers > 0) inner.useWorkers(workers);
        StoredRuns stored = new StoredRuns(log);
        String condition = selfEditCondition(r);
        long generationNanos = 0;
        List<Long> kept = new ArrayList<>();
        List<SftData.Record> sft = new ArrayList<>();
        double sumBaseline = 0, sumReward = 0, sumBest = 0;
        int rewardsCount = 0;
        List<double[][]> perRepeat = new ArrayList<>();
        // The round's self-edits first, many passages per generator batch (stored ones are found); the loop below
        // then finds them stored.
        checkUnit(cancelled);
        inner.checkPassages(passages);   // a passage longer than the context: refused before its self-edits are sampled
        long gAll = System.nanoTime();
        generator.forPassages(passages, tag(r), (d, t, m) -> progress.update(done[0], total, Progress.prefixed("round " + r, m)), cancelled);
        generationNanos += System.nanoTime() - gAll;
        // Each passage's self-edits (found stored) and baseline, passage by passage; then every passage's k x repeats inner
        // loops in one list, so that batches (StoredRuns.orRunAll: up to adapterBatch, side by side on the workers) mix
        // passages instead of waiting for one passage's few; rewards and each passage's best as soon as their runs are in.
        int np = passages.size();
        List<List<SelfEditRecord>> editsOf = new ArrayList<>();
        double[] baselines = new double[np];
        List<InnerLoop.Spec> specs = new ArrayList<>();
        List<int[]> where = new ArrayList<>();   // per spec: {passage index, self-edit index, repeat}
        for (int pi = 0; pi < np; pi++) {
            long pid = passages.get(pi);
            String at = String.format(Locale.ROOT, "round %d, passage %d/%d", r, pi + 1, np);
            checkUnit(cancelled);
            progress.update(done[0], total, at + ": self-edits");
            long g0 = System.nanoTime();
            List<SelfEditRecord> edits = generator.forPassage(pid, tag(r), cancelled);
            generationNanos += System.nanoTime() - g0;
            editsOf.add(edits);
            done[0]++;
            listener.selfEdits(r, pid, log.passage(pid).map(PassageDetail::title).orElse(""), pi, np,
                    edits.stream().map(SelfEditRecord::id).toList(), edits.stream().map(SelfEditRecord::text).toList());
            checkUnit(cancelled);
            progress.update(done[0], total, at + ": baseline");
            InnerLoop.Outcome base = stored.orBaseline(inner, experimentId, pid, baselineCondition(r), () -> reused++);
            done[0]++;
            listener.baseline(r, pid, base.accuracy());
            baselines[pi] = base.accuracy();
            sumBaseline += base.accuracy();
            for (int i = 0; i < edits.size(); i++) {
                for (int rep = 0; rep < rl.repeats(); rep++) {
                    long seed = Seeds.derive(settings.innerLoop().seed(), r, pid, i, rep);
                    specs.add(new InnerLoop.Spec(experimentId, pid, edits.get(i).id(), edits.get(i).text(), condition, seed));
                    where.add(new int[] {pi, i, rep});
                }
            }
        }
        double[][] rewards = new double[np][];
        double[][][] accuracies = new double[np][][];
        Long[][][] runIds = new Long[np][][];
        int[][] got = new int[np][];
        int[] rewarded = new int[np];
        int[] best = new int[np];
        boolean[] keep = new boolean[np];
        for (int pi = 0; pi < np; pi++) {
            int k = editsOf.get(pi).size();
            rewards[pi] = new double[k];
            accuracies[pi] = new double[k][rl.repeats()];
            runIds[pi] = new Long[k][rl.repeats()];
            got[pi] = new int[k];
            perRepeat.add(accuracies[pi]);
        }
        long[] innerDone = {0};
        stored.orRunAll(inner, specs, adapterBatch, cancelled, new StoredRuns.Batches() {
            @Override
            public void before(List<Integer> batch) {
                checkUnit(cancelled);
                int[] w = where.get(batch.get(0));
                progress.update(done[0], total, batch.size() == 1
                        ? String.format(Locale.ROOT, "round %d, passage %d/%d: self-edit %d/%d, repeat %d/%d", r, w[0] + 1, np, w[1] + 1,
                                editsOf.get(w[0]).size(), w[2] + 1, rl.repeats())
                        : String.format(Locale.ROOT, "round %d: %d inner loops as one batch (%d of %d done)", r, batch.size(),
                                innerDone[0], specs.size()));
            }

            @Override
            public void note(String message) {
                progress.update(done[0], total, Progress.note("round " + r + ": " + message));
            }

            /** A self-edit's reward as soon as all its repeats are in; the passage's best once all its rewards are. */
            @Override
            public void outcome(int index, InnerLoop.Outcome o, boolean wasStored) {
                if (wasStored) reused++;
                done[0]++;
                innerDone[0]++;
                if (!wasStored) {
                    progress.update(done[0], total, String.format(Locale.ROOT, "round %d: %d of %d inner loops done", r, innerDone[0],
                            specs.size()));
                }
                int pi = where.get(index)[0], i = where.get(index)[1], rep = where.get(index)[2];
                long pid = passages.get(pi);
                List<SelfEditRecord> edits = editsOf.get(pi);
                runIds[pi][i][rep] = o.runId();
                accuracies[pi][i][rep] = o.accuracy();
                if (++got[pi][i] < rl.repeats()) return;
                double sum = 0;
                for (double a : accuracies[pi][i]) sum += a;
                rewards[pi][i] = rewardOf(edits.get(i).id(), rlRoundId, List.of(runIds[pi][i]), sum / rl.repeats());
                listener.reward(r, pid, i, edits.get(i).id(), rewards[pi][i]);
                if (++rewarded[pi] < edits.size()) return;
                best[pi] = bestIndex(rewards[pi]);
                keep[pi] = rl.keepWithoutGain() || rewards[pi][best[pi]] > baselines[pi];
                listener.best(r, pid, best[pi], keep[pi]);
            }
        });
        // the kept self-edits and the SFT data in passage order, whatever order the batches finished in
        for (int pi = 0; pi < np; pi++) {
            List<SelfEditRecord> edits = editsOf.get(pi);
            for (double reward : rewards[pi]) sumReward += reward;
            rewardsCount += rewards[pi].length;
            sumBest += rewards[pi][best[pi]];
            if (keep[pi]) {
                kept.add(edits.get(best[pi]).id());
                PassageDetail p = log.passage(passages.get(pi)).orElseThrow();
                sft.add(new SftData.Record(gen.template().render(p.title(), p.context()), edits.get(best[pi]).text()));
            } else {
                kept.add(null);
            }
        }
        timing = timing.plus(inner.timing()).plus(new InnerLoop.Timing(0, 0, 0, 0, generationNanos));
        checkUnit(cancelled);
        progress.update(done[0], total, "round " + r + ": SFT of the generator on " + sft.size() + " self-edits");
        long modelOut;
        String modelName = roundModelName(r, rlRoundId);
        Path dir = log.workspaceDir().resolve(MODELS_DIR).resolve(modelName);
        if (sft.isEmpty()) {
            modelOut = model.modelId();   // nothing kept: the generator stays as it was
            dir = model.dir();
        } else {
            modelOut = saveRoundModel(log, model, dir, modelName, () -> sftAndMerge(model, sft, r, cancelled));
        }
        log.finishRlRound(rlRoundId, modelOut, "done");
        done[0]++;
        progress.update(done[0], total, "round " + r + " done");
        int n = passages.size();
        return new Round(r, rlRoundId, experimentId, model.modelId(), modelOut, dir, passages, kept, sumBaseline / n,
                sumReward / Math.max(1, rewardsCount), sumBest / n, RewardNoise.of(perRepeat), false);
    }

    /**
     * The settings stored with round {@code r}'s runs: the request's, with the round count replaced by {@code r}. How
     * many rounds follow does not change what round r does (its passages, seeds and SFT depend on r, never on the total),
     * so {@code rl --rounds 2} after {@code rl --rounds 1} stores round 1 and round 2 under the digests a single
     * {@code --rounds 2} gives, and report keeps one row per round (issue 21). Choosing r rather than a fixed value keeps
     * the digest of every round a {@code --rounds N} run stored as its last round, e.g. all of a {@code --rounds 1}
     * workspace; see docs/architecture.md.
     */
    public static SealSettings settingsOfRound(SealSettings settings, int r) {
        if (settings.rl().rounds() == r) return settings;
        return new SealSettings(settings.preset(), settings.generation(), settings.innerLoop(), settings.eval(),
                settings.rl().withRounds(r));
    }

    /** Index of the highest reward; the earliest wins ties (SEAL keeps the first best). */
    public static int bestIndex(double[] rewards) {
        if (rewards.length == 0) throw new IllegalArgumentException("no rewards to choose from");
        int best = 0;
        for (int i = 1; i < rewards.length; i++) if (rewards[i] > rewards[best]) best = i;
        return best;
    }


    private double rewardOf(long selfEditId, long rlRoundId, List<Long> runIds, double mean) {
        for (RewardRecord rr : log.rewards(selfEditId)) {
            if (rr.rlRoundId() != null && rr.rlRoundId() == rlRoundId) {
                reused++;
                return rr.value();
            }
        }
        log.addReward(selfEditId, rlRoundId, runIds, mean);
        return mean;
    }

    private long experiment(int r, long rlRoundId, SealModel model, List<Long> passages) {
        Optional<ExperimentRecord> had = roundExperiment(r, rlRoundId);
        if (had.isPresent()) return had.get().id();
        JsonObject d = new JsonObject();
        d.addProperty("kind", "rest-em round");
        d.addProperty("round", r);
        d.addProperty("rl_round_id", rlRoundId);
        d.addProperty("model_in_id", model.modelId());
        if (split.validationSet() != null) d.addProperty("validation_set", split.validationSet());
        else d.addProperty("validation_passages_held_out", split.validation());
        if (split.rlSet() != null) d.addProperty("rl_set", split.rlSet());
        JsonArray ps = new JsonArray();
        passages.forEach(ps::add);
        d.add("rl_train_passage_ids", ps);
        d.addProperty("settings_digest", settingsOfRound(settings, r).digest());
        return log.addExperiment(experimentName(r, rlRoundId), d.toString());
    }

    /**
     * SFT of the model on (prompt -> completion) with the RL settings' recipe ({@link #sftAndMerge(SealModel, List,
     * RlSettings.Sft, LrSchedule.Kind, long, String, BooleanSupplier)}, linear decay as SEAL's knowledge SFT).
     */
    private void sftAndMerge(SealModel model, List<SftData.Record> pairs, int r, BooleanSupplier cancelled) {
        RlSettings rl = settings.rl();
        int eos = model.eosId();
        List<SftExample> data = SftData.tokenize(pairs, model.tokenizer(), model.model().config().maxPositionEmbeddings(),
                rl.appendEos() ? eos : null, rl.completionOnlyLoss());
        sftAndMerge(model, data, rl.sft(), LrSchedule.Kind.LINEAR, Seeds.derive(rl.seed(), r), "rest-em-round-" + r, cancelled);
    }

    /**
     * The generator's SFT of a ReST-EM round, shared by both of SEAL's settings: a fresh LoRA of {@code sft}'s rank, alpha
     * and targets (no dropout) trained on {@code data} with the engine's {@link FineTune} ({@code sft}'s epochs and
     * learning rate, {@code sft}'s effective batch by gradient accumulation over single sequences, the {@code schedule}
     * without warmup, no weight decay, gradient norm clipped at 1, loss masked over each example's prompt, shuffled from
     * {@code seed}), then merged into the weights in place. Nothing happens without data.
     *
     * @throws CancellationException when {@code cancelled} turned true during the SFT
     */
    public static void sftAndMerge(SealModel model, List<SftExample> data, RlSettings.Sft sft, LrSchedule.Kind schedule,
                                   long seed, String name, BooleanSupplier cancelled) {
        sftAndMerge(model, data, sft, schedule, seed, name, null, cancelled);
    }

    /** As {@link #sftAndMerge(SealModel, List, RlSettings.Sft, LrSchedule.Kind, long, String, BooleanSupplier)}, telling {@code onStep} (null: no one) of every training step. */
    public static void sftAndMerge(SealModel model, List<SftExample> data, RlSettings.Sft sft, LrSchedule.Kind schedule,
                                   long seed, String name, java.util.function.Consumer<org.sealworkbench.llm.training.StepInfo> onStep,
                                   BooleanSupplier cancelled) {
        if (data.isEmpty()) return;
        TrainSettings ts = new TrainSettings(sft.epochs(), 1, sft.effectiveBatch(), sft.learningRate(), schedule,
                0, 0.0, 1.0, LossMask.PROMPT, true, seed);
        LoraConfig cfg = LoraConfig.of(sft.loraRank(), sft.loraAlpha(), 0.0, sft.targetModules());
        try (FineTune ft = FineTune.lora(model.model(), name, cfg, seed)) {
            TrainResult res = ft.train(data, ts, model.eosId(), onStep, cancelled);
            if (res.cancelled()) throw new CancellationException("cancelled during the SFT of " + name);
            ft.merge();
        }
    }

    /**
     * A round's merged model as a model version of the workspace: runs {@code sft} (which merges into {@code model}'s
     * weights in place) and saves the weights as the folder {@code dir} (written whole, {@link FineTune#saveModel}); when a
     * killed run already saved that folder but did not record it, the folder is loaded instead of training again. Returns
     * the id of the folder's model row, added with {@code name} and {@code model} as its parent when there is none.
     */
    public static long saveRoundModel(ExperimentLog log, SealModel model, Path dir, String name, Runnable sft) {
        if (!Files.isDirectory(dir)) {
            sft.run();
            FineTune.saveModel(model.model(), model.dir(), dir);
        } else {
            // A killed run saved this round's model but did not record it: the saved folder is complete
            // (it is moved into place whole), so it is loaded rather than trained again.
            model.model().reloadWeightsFrom(dir);
        }
        return modelRow(log, dir, model, name);
    }

    private static long modelRow(ExperimentLog log, Path dir, SealModel parent, String name) {
        String path = dir.toAbsolutePath().normalize().toString();
        return log.modelAt(path).map(ModelRecord::id)
                .orElseGet(() -> log.addModel(path, parent.model().config().modelType(), name, parent.modelId()));
    }

    /**
     * A round already done in the log, read back: what {@link #run} returns for it, with its passages (those its
     * experiment recorded, whatever split this run was given), the self-edits it kept and its mean baseline, reward and
     * best reward from the stored runs and rewards (no reward noise: that needs each repeat's accuracy). The listener is
     * told what running it did: each passage's self-edits, its baseline, each self-edit's reward and the passage's best,
     * so that a window shows a finished round's rows, not an empty table. A passage whose stored results are incomplete
     * is told as far as they go and left out of the means. Reads only.
     */
    private Round replay(int r, RlRoundRecord rec, SealModel modelIn) {
        ModelRecord out = log.model(rec.modelOutId()).orElseThrow();
        Optional<ExperimentRecord> experiment = roundExperiment(r, rec.id());
        long experimentId = experiment.map(ExperimentRecord::id).orElse(-1L);
        RlSettings rl = settings.rl();
        // the round's own passages, whatever split this run was given
        List<Long> passages = experiment.flatMap(RestEm::description).map(RestEm::passageIds).orElse(List.of());
        SelfEditGenerator generator = new SelfEditGenerator(log, modelIn, roundGeneration());
        StoredRuns stored = new StoredRuns(log);
        List<Long> kept = new ArrayList<>();
        double sumBaseline = 0, sumReward = 0, sumBest = 0;
        int baselines = 0, rewardsCount = 0, complete = 0;
        for (int pi = 0; pi < passages.size(); pi++) {
            long pid = passages.get(pi);
            kept.add(null);
            List<SelfEditRecord> edits = generator.stored(pid, tag(r));
            if (edits.size() < rl.k()) continue;
            edits = edits.subList(0, rl.k());
            listener.selfEdits(r, pid, log.passage(pid).map(PassageDetail::title).orElse(""), pi, passages.size(),
                    edits.stream().map(SelfEditRecord::id).toList(), edits.stream().map(SelfEditRecord::text).toList());
            Optional<RunRecord> base = stored.find(experimentId, modelIn.modelId(), pid, null, baselineCondition(r), 0);
            if (base.isEmpty()) continue;
            double baseline = stored.outcome(base.get(), grader.name()).accuracy();
            listener.baseline(r, pid, baseline);
            double[] rewards = new double[edits.size()];
            int found = 0;
            for (int i = 0; i < edits.size(); i++) {
                for (RewardRecord rr : log.rewards(edits.get(i).id())) {
                    if (rr.rlRoundId() != null && rr.rlRoundId() == rec.id()) {
                        rewards[i] = rr.value();
                        listener.reward(r, pid, i, edits.get(i).id(), rr.value());
                        found++;
                        break;
                    }
                }
            }
            if (found < edits.size()) continue;
            int best = bestIndex(rewards);
            boolean keep = rl.keepWithoutGain() || rewards[best] > baseline;
            listener.best(r, pid, best, keep);
            if (keep) kept.set(pi, edits.get(best).id());
            sumBaseline += baseline;
            baselines++;
            for (double reward : rewards) sumReward += reward;
            rewardsCount += rewards.length;
            sumBest += rewards[best];
            complete++;
        }
        return new Round(r, rec.id(), experimentId, rec.modelInId(), rec.modelOutId(), Path.of(out.path()), passages, kept,
                baselines == 0 ? Double.NaN : sumBaseline / baselines, rewardsCount == 0 ? Double.NaN : sumReward / rewardsCount,
                complete == 0 ? Double.NaN : sumBest / complete, null, true);
    }

    /** The generation settings of a round: the settings' own, sampling RL's k self-edits per passage. */
    private GenerationSettings roundGeneration() {
        GenerationSettings g = settings.generation();
        return new GenerationSettings(g.template(), settings.rl().k(), g.temperature(), g.topP(), g.maxTokens(), g.seed());
    }

    private static void check(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) throw new CancellationException("cancelled");
    }

    /** Between two units: a cancel or a pause stops here (the work inside a unit only sees the cancel). */
    private void checkUnit(BooleanSupplier cancelled) {
        check(cancelled);
        if (listener.pauseRequested()) throw new CancellationException(PAUSED);
    }

}
