package org.sealworkbench.seal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.lora.StackedLora;
import org.sealworkbench.llm.training.BatchMemory;
import org.sealworkbench.llm.training.BatchedTrainer;
import org.sealworkbench.llm.training.StepInfo;
import org.sealworkbench.llm.training.TrainableModel;
import org.sealworkbench.llm.training.FineTune;
import org.sealworkbench.llm.training.LossMask;
import org.sealworkbench.llm.training.LrSchedule;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.llm.training.TrainResult;
import org.sealworkbench.llm.training.TrainPlan;
import org.sealworkbench.llm.training.TrainSettings;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.PassageDetail;
import org.sealworkbench.store.QuestionRecord;
import org.sealworkbench.store.SelfEditRecord;

/**
 * SEAL's inner loop (test-time training) on one passage, SEAL.md section 1: the self-edit's sequences
 * ({@link SelfEditSequences}) -> a fresh LoRA adapter on the settings' targets -> SFT (the engine's {@link FineTune}) per
 * {@link InnerLoopSettings} -> closed-book answers to the passage's questions ({@link ClosedBookQa}) ->
 * grades -> per-passage accuracy. The adapter is detached and freed afterwards, so the base model is reused
 * by the next inner loop without reloading. The unadapted baseline is {@link #baseline}.
 *
 * <p>Everything is written to the log as it happens: the run row (settings snapshot, seed, condition) at
 * the start, every optimizer step's loss, then answers, grades and the status "done" in one transaction,
 * so that a run is either complete in the log or visibly not ("running" from a killed process, "cancelled",
 * "failed").
 *
 * <p>Padding: with {@code padToLength > 0} and {@code lossOnPadding} (the reference) every sequence is cut
 * to that length and padded with EOS, labels = inputs. With {@code lossOnPadding} false sequences are only
 * cut: right padding after the last real token changes nothing a causal model computes for the real tokens,
 * so leaving it out is the same as padding with the padding masked, and cheaper.
 */
public final class InnerLoop {
    public static final String DONE = "done";

    private final ExperimentLog log;
    private final SealModel model;
    private final SealSettings settings;
    private final Grader grader;
    private final String settingsJson;
    private long trainNanos, answerNanos, loops, baselines;
    private StepListener listener = StepListener.NONE;
    private int workers;   // 0: not decided yet (see workers())

    public InnerLoop(ExperimentLog log, SealModel model, SealSettings settings, Grader grader) {
        this.log = log;
        this.model = model;
        this.settings = settings;
        this.grader = grader;
        this.settingsJson = settings.toJson();
    }

    /**
     * One inner loop. {@code selfEditText} empty (or null) trains on the passage alone ("passage only").
     *
     * @param selfEditId the self-edit's row, or null (passage only)
     */
    public record Spec(Long experimentId, long passageId, Long selfEditId, String selfEditText, String condition, long seed) {}

    /**
     * One optimizer step of a run, as it happens (after its loss is stored): the window's live loss chart is fed by it.
     *
     * @param tokensPerSecond over this step (padding included)
     */
    public record Step(long runId, long passageId, String condition, long step, long totalSteps, double loss, double lr,
                       double tokensPerSecond) {}

    /** Told of each optimizer step and of each run once it is stored whole (called on the job's thread). */
    public interface StepListener {
        StepListener NONE = s -> {};

        void step(Step step);

        /** The run's answers and grades are stored and its status is "done". */
        default void runDone(long runId, long passageId, String condition) {}
    }

    /** Who is told of steps and finished runs from now on (null: nobody). */
    public void onStep(StepListener l) {
        listener = l == null ? StepListener.NONE : l;
    }

    /** What one run gave: its row, its correct answers out of the passage's questions, its optimizer steps. */
    public record Outcome(long runId, int correct, int questions, int steps, long trainNanos, long answerNanos) {
        /** Per-passage accuracy: correct / questions (0 for a passage without questions). */
        public double accuracy() {
            return questions == 0 ? 0 : correct / (double) questions;
        }
    }

    /**
     * Totals: inner loops run, baselines answered, and where the time went (training, answering, and for
     * jobs that also write self-edits, generating them).
     */
    public record Timing(long innerLoops, long baselines, long trainNanos, long answerNanos, long generationNanos) {
        public static final Timing ZERO = new Timing(0, 0, 0, 0, 0);

        public Timing plus(Timing o) {
            return new Timing(innerLoops + o.innerLoops, baselines + o.baselines, trainNanos + o.trainNanos,
                    answerNanos + o.answerNanos, generationNanos + o.generationNanos);
        }

        public Timing minus(Timing o) {
            return new Timing(innerLoops - o.innerLoops, baselines - o.baselines, trainNanos - o.trainNanos,
                    answerNanos - o.answerNanos, generationNanos - o.generationNanos);
        }
    }

    public Timing timing() {
        return new Timing(loops, baselines, trainNanos, answerNanos, 0);
    }

    /** The training sequences as token ids (before batching), exactly what the trainer will see. */
    public List<SftExample> trainingExamples(PassageDetail p, String selfEditText) {
        InnerLoopSettings s = settings.innerLoop();
        List<String> seqs = SelfEditSequences.build(p.title(), p.context(), selfEditText == null ? "" : selfEditText, s);
        int eos = model.eosId();
        List<SftExample> out = new ArrayList<>();
        for (String seq : seqs) {
            int[] ids = model.tokenizer().encode(seq, true);
            if (s.padToLength() > 0) {
                int n = Math.min(ids.length, s.padToLength());
                ids = Arrays.copyOf(ids, s.lossOnPadding() ? s.padToLength() : n);
                if (s.lossOnPadding()) Arrays.fill(ids, n, ids.length, eos);
            }
            if (ids.length >= 2) out.add(SftExample.plain(ids));
        }
        return out;
    }

    /** The model's context in tokens: no training sequence may be longer. */
    private int context() {
        return model.model().config().maxPositionEmbeddings();
    }

    /**
     * Refuses ({@link ContextFit.SequencesTooLong}) before any work when a passage's own training sequence (the inner
     * loop's last: title and text) is longer than the model's context; every condition that trains trains on it.
     */
    public void checkPassages(List<Long> passageIds) {
        List<PassageDetail> ps = new ArrayList<>();
        for (long id : new java.util.LinkedHashSet<>(passageIds)) ps.add(passage(id));
        ContextFit.checkPassages(model.name(), model.tokenizer(), context(), settings.innerLoop(), ps);
    }

    /**
     * Refuses before any of them trains when a spec's training sequences ({@link #trainingExamples}: its self-edit's lines
     * and its passage) hold one longer than the model's context: the passages first ({@link #checkPassages}), then each
     * inner loop with its longest sequence.
     */
    public void checkFits(List<Spec> specs) {
        if (specs.isEmpty()) return;
        checkPassages(specs.stream().map(Spec::passageId).toList());
        java.util.Map<String, Integer> tooLong = new java.util.LinkedHashMap<>();
        java.util.Map<Long, PassageDetail> passages = new java.util.HashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Spec spec : specs) {
            PassageDetail p = passages.computeIfAbsent(spec.passageId(), this::passage);
            String key = ContextFit.name(p) + (spec.selfEditId() == null ? "" : ", self-edit #" + spec.selfEditId());
            if (!seen.add(key + "\u0000" + spec.selfEditText())) continue;   // its repeats train on the same sequences
            int longest = 0;
            for (SftExample e : trainingExamples(p, spec.selfEditText())) longest = Math.max(longest, e.ids().length);
            if (longest > context()) tooLong.merge(key, longest, Math::max);
        }
        if (!tooLong.isEmpty()) throw ContextFit.SequencesTooLong.ofSelfEdits(model.name(), context(), seen.size(), tooLong);
    }

    /**
     * Passages each with its self-edit ({@code edits} in the same order; null: passage only) as specs for {@link #checkFits},
     * which reads only the passage, the self-edit and its text: the multi-passage conditions (CPT, continual) check the
     * sequences they train on with it.
     */
    static List<Spec> toCheck(List<Long> passageIds, List<SelfEditRecord> edits) {
        List<Spec> out = new ArrayList<>();
        for (int i = 0; i < passageIds.size(); i++) {
            SelfEditRecord e = edits == null ? null : edits.get(i);
            out.add(new Spec(null, passageIds.get(i), e == null ? null : e.id(), e == null ? "" : e.text(), "", 0));
        }
        return out;
    }

    /**
     * How many optimizer steps {@code spec}'s run will take (sequences x epochs / batch, as the trainer plans it); 0 when
     * its self-edit gives no training sequence (its run fails as {@link #run} says). Batches of inner loops are grouped by it.
     */
    public int planSteps(Spec spec) {
        List<SftExample> data = trainingExamples(passage(spec.passageId()), spec.selfEditText());
        return data.isEmpty() ? 0 : TrainPlan.of(data.size(), trainSettings(spec.seed())).size();
    }

    /**
     * The tokens {@code spec}'s run trains on, padding left out: each training sequence's length times the epochs (batch
     * 1 sees each sequence once an epoch). The bench divides it by training time: a throughput in model tokens that a
     * FLOP count per token turns into a fraction of the CPU's peak.
     */
    public long trainTokens(Spec spec) {
        long perEpoch = 0;
        for (SftExample e : trainingExamples(passage(spec.passageId()), spec.selfEditText())) perEpoch += e.ids().length;
        return perEpoch * settings.innerLoop().training().epochs();
    }

    /**
     * About how many bytes one adapter of a batch of these specs needs ({@link BatchMemory#perAdapterBytes}): the LoRA's
     * parameters on this model and the longest training row among the specs' sequences. {@link StoredRuns#orRunAll}
     * keeps the batches in flight within the memory available.
     */
    public long memoryPerAdapter(List<Spec> specs) {
        InnerLoopSettings s = settings.innerLoop();
        LoraConfig cfg = LoraConfig.of(s.loraRank(), s.loraAlpha(), s.loraDropout(), s.targetModules());
        long params = 0;
        for (var e : model.model().linears().entrySet()) {
            if (cfg.targets(e.getKey())) params += (long) cfg.r() * (e.getValue().inFeatures() + e.getValue().outFeatures());
        }
        int longest = 1;
        for (Spec spec : specs) {
            for (SftExample e : trainingExamples(passage(spec.passageId()), spec.selfEditText())) longest = Math.max(longest, e.ids().length);
        }
        return BatchMemory.perAdapterBytes(model.model().config(), params, longest, s.batchSize());
    }

    /**
     * Whether {@link #runBatched} stores what {@link #run} stores for these settings: only without LoRA dropout (its masks
     * are drawn per batch, so a batch would draw other masks than one adapter alone).
     */
    public boolean batchable() {
        return settings.innerLoop().loraDropout() == 0;
    }

    /** The trainer's settings for a run with this seed. */
    public TrainSettings trainSettings(long seed) {
        InnerLoopSettings s = settings.innerLoop();
        LossMask mask = s.lossOnPadding() ? LossMask.NONE : LossMask.PADDING;
        return new TrainSettings(s.epochs(), s.batchSize(), 1, s.learningRate(), LrSchedule.parseKind(s.lrSchedule()),
                s.warmupSteps(), s.weightDecay(), s.gradClip(), mask, true, seed);
    }

    /**
     * Fits a fresh adapter on the self-edit's sequences, answers the passage's questions closed-book with it,
     * grades them, and removes the adapter.
     *
     * @throws CancellationException when {@code cancelled} turned true during training (the run is marked "cancelled")
     */
    public Outcome run(Spec spec, BooleanSupplier cancelled) {
        PassageDetail p = passage(spec.passageId());
        InnerLoopSettings s = settings.innerLoop();
        long runId = log.startRun(spec.experimentId(), model.modelId(), spec.passageId(), spec.selfEditId(), spec.condition(),
                settingsJson, spec.seed());
        LoraConfig cfg = LoraConfig.of(s.loraRank(), s.loraAlpha(), s.loraDropout(), s.targetModules());
        try {
            List<ClosedBookQa.Answer> answers;
            long t0, t1, t2;
            int steps;
            List<SftExample> data = trainingExamples(p, spec.selfEditText());
            if (data.isEmpty()) throw new IllegalStateException("passage " + spec.passageId() + ": no training sequence of 2 or more tokens");
            try (FineTune ft = FineTune.lora(model.model(), "inner-loop-" + runId, cfg, spec.seed())) {
                t0 = System.nanoTime();
                TrainResult tr = ft.train(data, trainSettings(spec.seed()), model.eosId(),
                        info -> {
                            log.addTrainingStep(runId, (int) info.step(), info.loss(), info.lr());
                            listener.step(new Step(runId, spec.passageId(), spec.condition(), info.step(), info.totalSteps(),
                                    info.loss(), info.lr(), info.tokensPerSecond()));
                        }, cancelled);
                t1 = System.nanoTime();
                if (tr.cancelled()) {
                    log.finishRun(runId, "cancelled");
                    throw new CancellationException("cancelled during inner-loop run " + runId);
                }
                steps = (int) tr.stepsDone();
                answers = ClosedBookQa.answer(model, p.title(), p.questions(), settings.eval());
                t2 = System.nanoTime();
            } // the adapter is detached and freed here: grading (maybe by an LLM judge on this model) sees the base model
            int correct = store(runId, spec.condition(), p, answers);
            trainNanos += t1 - t0;
            answerNanos += t2 - t1;
            loops++;
            listener.runDone(runId, spec.passageId(), spec.condition());
            return new Outcome(runId, correct, p.questions().size(), steps, t1 - t0, t2 - t1);
        } catch (RuntimeException e) {
            if (!(e instanceof CancellationException)) markFailed(runId);
            throw e;
        }
    }

    /**
     * Several inner loops as one batch (issue 19 part 2): one adapter per spec, stacked ({@link StackedLora}) over the
     * base model and trained together ({@link BatchedTrainer}: each with its own sequences, steps, schedule, clipping
     * and AdamW state), then every adapter's closed-book answers decoded in one batch, then each run graded and
     * stored as {@link #run} stores it. Same seeds give {@link #run}'s losses (relative 1e-4) and, greedy, its
     * answers (InnerLoopBatchTest). Training steps are stored after the batch has trained, not as each happens;
     * LoRA dropout must be 0 for equality (its masks are drawn per batch; {@link #batchable}). Evaluation and ReST-EM
     * reach it through {@link StoredRuns#orRunAll}.
     *
     * @throws CancellationException when {@code cancelled} turned true during training (every run is marked "cancelled")
     */
    public List<Outcome> runBatched(List<Spec> specs, BooleanSupplier cancelled) {
        if (specs.isEmpty()) return List.of();
        Batch batch = prepare(specs);
        try {
            return finish(batch, compute(batch, model, cancelled));
        } catch (RuntimeException e) {
            if (!(e instanceof CancellationException)) markFailed(batch);
            throw e;
        }
    }

    /**
     * A batch of inner loops split into what needs the log and what does not, so that workers can compute batches side by
     * side while the log is touched on one thread only (issue 19; {@link StoredRuns#orRunAll}): {@link #prepare} reads the
     * passages and starts the run rows, {@link #compute} trains and answers on a model (this loop's or a replica) without the
     * log, {@link #finish} stores steps, answers and grades. {@link #runBatched} is the three in a row.
     */
    public static final class Batch {
        private final List<Spec> specs;
        private final List<PassageDetail> passages = new ArrayList<>();
        private final List<List<SftExample>> data = new ArrayList<>();
        private final List<TrainSettings> trainSettings = new ArrayList<>();
        private final long[] seeds;
        private final long[] runIds;
        private int stored;   // runs stored whole ("done"): a later failure does not mark them failed

        private Batch(List<Spec> specs) {
            this.specs = List.copyOf(specs);
            this.seeds = new long[specs.size()];
            this.runIds = new long[specs.size()];
        }

        public int size() {
            return specs.size();
        }
    }

    /** What {@link #compute} gave: each adapter's training, each adapter's answers (null when training was cancelled), and when. */
    public record Computed(List<TrainResult> training, List<List<ClosedBookQa.Answer>> answers, long trainNanos, long answerNanos) {}

    /** Reads the specs' passages and training sequences, then starts their run rows ("running"). Calling thread (the log). */
    public Batch prepare(List<Spec> specs) {
        if (specs.isEmpty()) throw new IllegalArgumentException("a batch needs at least one inner loop");
        Batch b = new Batch(specs);
        for (int k = 0; k < specs.size(); k++) {
            Spec spec = specs.get(k);
            PassageDetail p = passage(spec.passageId());
            List<SftExample> d = trainingExamples(p, spec.selfEditText());
            if (d.isEmpty()) throw new IllegalStateException("passage " + spec.passageId() + ": no training sequence of 2 or more tokens");
            b.passages.add(p);
            b.data.add(d);
            b.trainSettings.add(trainSettings(spec.seed()));
            b.seeds[k] = spec.seed();
        }
        for (int k = 0; k < specs.size(); k++) {
            Spec spec = specs.get(k);
            b.runIds[k] = log.startRun(spec.experimentId(), model.modelId(), spec.passageId(), spec.selfEditId(), spec.condition(),
                    settingsJson, spec.seed());
        }
        return b;
    }

    /**
     * Trains the batch's adapters as one stack on {@code on} (this loop's model, or a {@link SealModel#replica} of it on a worker
     * thread) and answers every adapter's questions in one decoding batch; the stack is detached and freed before it returns.
     * Touches neither the log nor this loop's counters, so batches can compute on several threads at once.
     */
    public Computed compute(Batch b, SealModel on, BooleanSupplier cancelled) {
        InnerLoopSettings s = settings.innerLoop();
        LoraConfig cfg = LoraConfig.of(s.loraRank(), s.loraAlpha(), s.loraDropout(), s.targetModules());
        try (StackedLora stack = StackedLora.create(on.model().linears(), cfg, b.seeds, on.model().manager())) {
            stack.attach(on.model().linears());
            long t0 = System.nanoTime();
            List<TrainResult> trs;
            try (BatchedTrainer bt = new BatchedTrainer(TrainableModel.of(on.model()), stack, b.trainSettings, on.eosId())) {
                trs = bt.run(b.data, cancelled);
            }
            long t1 = System.nanoTime();
            if (trs.get(0).cancelled()) return new Computed(trs, null, t1 - t0, 0);
            List<String> titles = new ArrayList<>();
            List<List<QuestionRecord>> questions = new ArrayList<>();
            for (PassageDetail p : b.passages) {
                titles.add(p.title());
                questions.add(p.questions());
            }
            List<List<ClosedBookQa.Answer>> answers = ClosedBookQa.answerEach(on, stack, titles, questions, settings.eval());
            return new Computed(trs, answers, t1 - t0, System.nanoTime() - t1);
        } // the stack is detached and freed here: grading sees the base model
    }

    /**
     * Stores a computed batch as {@link #run} stores each run: its steps (the listener told of each), then per run its answers,
     * grades and "done". Calling thread (the log).
     *
     * @throws CancellationException when training was cancelled (every run of the batch is marked "cancelled")
     */
    public List<Outcome> finish(Batch b, Computed c) {
        int n = b.size();
        for (int k = 0; k < n; k++) {
            Spec spec = b.specs.get(k);
            for (StepInfo info : c.training().get(k).steps()) {
                log.addTrainingStep(b.runIds[k], (int) info.step(), info.loss(), info.lr());
                listener.step(new Step(b.runIds[k], spec.passageId(), spec.condition(), info.step(), info.totalSteps(),
                        info.loss(), info.lr(), info.tokensPerSecond()));
            }
        }
        if (c.answers() == null) {
            for (long id : b.runIds) log.finishRun(id, "cancelled");
            b.stored = n;
            throw new CancellationException("cancelled during batched inner-loop runs " + b.runIds[0] + ".." + b.runIds[n - 1]);
        }
        long nanos = c.trainNanos() + c.answerNanos();
        List<Outcome> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Spec spec = b.specs.get(k);
            int correct = store(b.runIds[k], spec.condition(), b.passages.get(k), c.answers().get(k), nanos / 1e9 / n);
            b.stored = k + 1;
            loops++;
            listener.runDone(b.runIds[k], spec.passageId(), spec.condition());
            out.add(new Outcome(b.runIds[k], correct, b.passages.get(k).questions().size(), (int) c.training().get(k).stepsDone(),
                    c.trainNanos() / n, c.answerNanos() / n));
        }
        trainNanos += c.trainNanos();
        answerNanos += c.answerNanos();
        return out;
    }

    /** Marks the batch's runs that are not stored whole "failed" (after an error in {@link #compute} or {@link #finish}). */
    public void markFailed(Batch b) {
        for (int k = b.stored; k < b.size(); k++) markFailed(b.runIds[k]);
        b.stored = b.size();
    }

    /**
     * How many batches {@link StoredRuns#orRunAll} computes at once, each on a worker thread with a replica of the model:
     * {@link Devices#workers} for this model's device unless {@link #useWorkers} said otherwise.
     */
    public int workers() {
        if (workers < 1) workers = Devices.workers(model.model());
        return workers;
    }

    /** Sets {@link #workers} (at least 1). */
    public void useWorkers(int n) {
        if (n < 1) throw new IllegalArgumentException("workers must be at least 1, got " + n);
        workers = n;
    }

    /** The unadapted model's closed-book answers to a passage's questions, as a run without training (seed 0). */
    public Outcome baseline(Long experimentId, long passageId, String condition) {
        PassageDetail p = passage(passageId);
        long runId = log.startRun(experimentId, model.modelId(), passageId, null, condition, settingsJson, 0);
        try {
            long t0 = System.nanoTime();
            List<ClosedBookQa.Answer> answers = ClosedBookQa.answer(model, p.title(), p.questions(), settings.eval());
            long t1 = System.nanoTime();
            int correct = store(runId, condition, p, answers);
            answerNanos += t1 - t0;
            baselines++;
            listener.runDone(runId, passageId, condition);
            return new Outcome(runId, correct, p.questions().size(), 0, 0, t1 - t0);
        } catch (RuntimeException e) {
            markFailed(runId);
            throw e;
        }
    }

    /** Answers and grades of a run, and its status "done", in one transaction; returns the correct count. */
    private int store(long runId, String condition, PassageDetail p, List<ClosedBookQa.Answer> answers) {
        return store(runId, condition, p, answers, null);
    }

    /**
     * As above for a run of a batch: {@code batchShare} is its share of the batch's training and answering time, to
     * which its own grading and storing are added (the run's stored seconds; its started..finished span the batch).
     */
    private int store(long runId, String condition, PassageDetail p, List<ClosedBookQa.Answer> answers, Double batchShare) {
        long t0 = System.nanoTime();
        List<Grade> grades = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            QuestionRecord q = p.questions().get(i);
            grades.add(grader.grade(LlmJudgeGrader.referenceQuestion(p.title(), q.question()), q.answer(), answers.get(i).text()));
        }
        return log.inTransaction(() -> {
            int correct = 0;
            for (int i = 0; i < answers.size(); i++) {
                long answerId = ClosedBookQa.store(log, p.questions().get(i).id(), runId, condition, answers.get(i));
                Graders.store(log, answerId, grades.get(i));
                if (grades.get(i).correct()) correct++;
            }
            log.finishRun(runId, DONE, batchShare == null ? null : batchShare + (System.nanoTime() - t0) / 1e9);
            return correct;
        });
    }

    private void markFailed(long runId) {
        try {
            log.finishRun(runId, "failed");
        } catch (RuntimeException ignored) {
            // the original error matters more
        }
    }

    private PassageDetail passage(long id) {
        return log.passage(id).orElseThrow(() -> new IllegalArgumentException("no passage with id " + id + " in the workspace"));
    }

    public SealModel model() {
        return model;
    }

    public ExperimentLog log() {
        return log;
    }

    public SealSettings settings() {
        return settings;
    }

    public Grader grader() {
        return grader;
    }
}
