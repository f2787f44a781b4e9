package org.sealworkbench.seal;

import org.sealworkbench.llm.ProcMemory;
import org.sealworkbench.llm.training.BatchMemory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.sealworkbench.store.AnswerRecord;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.GradeRecord;
import org.sealworkbench.store.RunRecord;

/**
 * The completed ("done") runs already in the log, looked up by what identifies a unit of work: experiment,
 * model, passage, self-edit, condition and seed. A resumed job asks here before computing a run, so nothing
 * stored is computed twice. Runs left "running" by a killed process are not done and are computed again.
 */
public final class StoredRuns {
    private record Key(Long experimentId, long modelId, Long passageId, Long selfEditId, String condition, long seed) {}

    private final ExperimentLog log;
    private final Map<Key, RunRecord> done = new HashMap<>();

    public StoredRuns(ExperimentLog log) {
        this.log = log;
        for (RunRecord r : log.runs()) {
            if (InnerLoop.DONE.equals(r.status())) {
                done.putIfAbsent(new Key(r.experimentId(), r.modelId(), r.passageId(), r.selfEditId(), r.condition(), r.seed()), r);
            }
        }
    }

    public Optional<RunRecord> find(Long experimentId, long modelId, long passageId, Long selfEditId, String condition, long seed) {
        return Optional.ofNullable(done.get(new Key(experimentId, modelId, passageId, selfEditId, condition, seed)));
    }

    /** The newest done run of a passage under a condition by a model, in any experiment (baselines are shared). */
    public Optional<RunRecord> findAnyExperiment(long modelId, long passageId, String condition) {
        RunRecord best = null;
        for (Map.Entry<Key, RunRecord> e : done.entrySet()) {
            Key k = e.getKey();
            if (k.modelId() == modelId && Objects.equals(k.passageId(), passageId) && k.selfEditId() == null
                    && k.condition().equals(condition) && (best == null || e.getValue().id() > best.id())) {
                best = e.getValue();
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The one place for "look up a stored run, else run it": the stored outcome of {@code spec}'s inner loop when it is
     * done in the log ({@code onReuse} is told), else the inner loop run now.
     */
    public InnerLoop.Outcome orRun(InnerLoop inner, InnerLoop.Spec spec, BooleanSupplier cancelled, Runnable onReuse) {
        return find(spec.experimentId(), inner.model().modelId(), spec.passageId(), spec.selfEditId(), spec.condition(), spec.seed())
                .map(r -> reused(r, inner, onReuse))
                .orElseGet(() -> {
                    inner.checkFits(List.of(spec));   // a sequence longer than the context: refused, not trained
                    return inner.run(spec, cancelled);
                });
    }

    /** The adapter batch size when none is given: inner loops trained together as one batch (issue 19). */
    public static final int DEFAULT_ADAPTER_BATCH = 16;

    /** Told of a list's inner loops as {@link #orRunAll} gets them, on the calling thread. */
    public interface Batches {
        Batches NONE = new Batches() {};

        /**
         * These specs (indices into the list, at least one) are computed next, as one batch (one index: {@link InnerLoop#run}).
         * Throwing {@link CancellationException} here stops before the batch (a pause between units).
         */
        default void before(List<Integer> indices) {}

        /** Spec {@code index} has its outcome: found stored ({@code reused}), or computed now and stored "done". */
        default void outcome(int index, InnerLoop.Outcome outcome, boolean reused) {}

        /** Something the person should know about how the batches run (e.g. a smaller batch to fit memory). */
        default void note(String message) {}
    }

    /** The share of the machine's available memory that the batches in flight may take (the rest: the model, the store, the window). */
    static final double MEMORY_SHARE = 0.6;

    /** The machine's available memory in bytes, or 0 or less when unknown; tests replace it. */
    static java.util.function.LongSupplier availableMemory = ProcMemory::available;

    /**
     * {@link #orRun} for many specs, the ones not stored yet trained {@code adapterBatch} at a time as one batch
     * ({@link InnerLoop#runBatched}); outcomes in the specs' order. The stored ones are reported first; the rest are sorted
     * by their training plan's length ({@link InnerLoop#planSteps}, stable) and cut into batches of near-equal size, so a
     * batch does not wait on one long self-edit. {@code adapterBatch} 1, a batch of one, or settings with LoRA dropout
     * ({@link InnerLoop#batchable}) run {@link InnerLoop#run} one at a time in the given order. What is stored is the same
     * for every batch size up to float rounding (InnerLoopBatchTest, BatchedEvaluationTest; over long inner loops the
     * rounding can grow past 1e-4 and flip a greedy answer, as another thread count can), so the size is an execution
     * setting, not part of the settings' digest. A cancel stops before the next batch, or inside one (its runs are stored "cancelled").
     */
    public List<InnerLoop.Outcome> orRunAll(InnerLoop inner, List<InnerLoop.Spec> specs, int adapterBatch, BooleanSupplier cancelled,
                                            Batches batches) {
        if (adapterBatch < 1) throw new IllegalArgumentException("the adapter batch must be at least 1, got " + adapterBatch);
        InnerLoop.Outcome[] out = new InnerLoop.Outcome[specs.size()];
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            InnerLoop.Spec spec = specs.get(i);
            Optional<RunRecord> r = find(spec.experimentId(), inner.model().modelId(), spec.passageId(), spec.selfEditId(),
                    spec.condition(), spec.seed());
            if (r.isPresent()) {
                out[i] = outcome(r.get(), inner.grader().name());
                batches.outcome(i, out[i], true);
            } else {
                todo.add(i);
            }
        }
        // refused before any of them trains when a training sequence is longer than the model's context
        inner.checkFits(todo.stream().map(specs::get).toList());
        int size = inner.batchable() ? adapterBatch : 1;
        int workers = size == 1 ? 1 : inner.workers();
        if (size > 1 && !todo.isEmpty()) {
            // the batches in flight must fit the memory there is (issue 19): fewer workers, then a smaller batch
            long perAdapter = inner.memoryPerAdapter(todo.stream().map(specs::get).toList());
            long available = availableMemory.getAsLong();
            BatchMemory.Fit fit = BatchMemory.fit(size, workers, perAdapter, (long) (available * MEMORY_SHARE));
            if (fit.adapterBatch() != size || fit.workers() != workers) {
                batches.note(String.format(java.util.Locale.ROOT,
                        "%d inner loops at once (adapter batch %d on %d worker%s) to fit memory, not %d (%d x %d): about %d MiB an adapter, "
                                + "%d MiB available", fit.inFlight(), fit.adapterBatch(), fit.workers(), fit.workers() == 1 ? "" : "s",
                        size * workers, size, workers, perAdapter >> 20, available >> 20));
                size = fit.adapterBatch();
                workers = size == 1 ? 1 : fit.workers();
            }
        }
        List<List<Integer>> plan = batches(inner, specs, todo, size, workers);
        if (workers > 1) {
            onWorkers(inner, specs, plan, workers, cancelled, batches, out);
            return Arrays.asList(out);
        }
        for (List<Integer> batch : plan) {
            if (cancelled.getAsBoolean()) throw new CancellationException("cancelled");
            batches.before(batch);
            if (batch.size() == 1) {
                int i = batch.get(0);
                out[i] = inner.run(specs.get(i), cancelled);
                batches.outcome(i, out[i], false);
            } else {
                List<InnerLoop.Outcome> got = inner.runBatched(batch.stream().map(specs::get).toList(), cancelled);
                for (int k = 0; k < batch.size(); k++) {
                    out[batch.get(k)] = got.get(k);
                    batches.outcome(batch.get(k), got.get(k), false);
                }
            }
        }
        return Arrays.asList(out);
    }

    /**
     * Batches computed side by side (issue 19): up to {@code workers} at once, each on a worker thread of its own with a
     * {@link SealModel#replica} of the model, so that a small model, which runs each op on one core, keeps every core busy.
     * Everything that touches the log, and every {@link Batches} call, stays on the calling thread: a batch is prepared
     * here ({@link InnerLoop#prepare}: its run rows start), computed on a worker ({@link InnerLoop#compute}: training and
     * answers, no log), and stored here as soon as it is done ({@link InnerLoop#finish}), while the next is prepared. A
     * batch's results do not depend on the worker that computed it. A pause ({@link Batches#before} throwing) lets the
     * batches already computing finish and be stored; a cancel stops them inside (their runs are stored "cancelled"); an
     * error stops the others the same way, marks its own runs "failed", and is thrown once every worker has stopped.
     */
    private static void onWorkers(InnerLoop inner, List<InnerLoop.Spec> specs, List<List<Integer>> plan, int workers,
                                  BooleanSupplier cancelled, Batches batches, InnerLoop.Outcome[] out) {
        record Prepared(List<Integer> indices, InnerLoop.Batch batch) {}
        ReplicaWorkers.pipeline(inner.model(), workers, "inner-loop", plan, cancelled,
                new ReplicaWorkers.Steps<List<Integer>, Prepared, InnerLoop.Computed>() {
                    @Override
                    public Prepared prepare(List<Integer> indices) {
                        batches.before(indices);
                        return new Prepared(indices, inner.prepare(indices.stream().map(specs::get).toList()));
                    }

                    @Override
                    public InnerLoop.Computed compute(Prepared p, SealModel replica, BooleanSupplier stopped) {
                        return inner.compute(p.batch(), replica, stopped);
                    }

                    @Override
                    public void finish(Prepared p, InnerLoop.Computed computed) {
                        List<InnerLoop.Outcome> got = inner.finish(p.batch(), computed);
                        for (int k = 0; k < p.indices().size(); k++) {
                            out[p.indices().get(k)] = got.get(k);
                            batches.outcome(p.indices().get(k), got.get(k), false);
                        }
                    }

                    /** Its runs not stored whole are "failed" (none after a cancel inside training: those are "cancelled"). */
                    @Override
                    public void failed(Prepared p, RuntimeException e) {
                        inner.markFailed(p.batch());
                    }
                });
    }

    /**
     * The specs to compute, grouped: one by one in order for size 1, else by plan length into near-equal batches of at most
     * {@code size}, and at least as many batches as {@code workers} where each can still have two inner loops (so that no
     * worker idles while another trains one big batch).
     */
    static List<List<Integer>> batches(InnerLoop inner, List<InnerLoop.Spec> specs, List<Integer> todo, int size, int workers) {
        List<List<Integer>> out = new ArrayList<>();
        if (size == 1) {
            for (int i : todo) out.add(List.of(i));
            return out;
        }
        Map<Integer, Integer> steps = new HashMap<>();
        for (int i : todo) steps.put(i, inner.planSteps(specs.get(i)));
        List<Integer> sorted = todo.stream().sorted(Comparator.comparing(steps::get)).toList();
        int n = sorted.size();
        if (n == 0) return out;
        int count = Math.max((n + size - 1) / size, Math.min(workers, n / 2));
        for (int b = 0; b < count; b++) out.add(sorted.subList(b * n / count, (b + 1) * n / count));
        return out;
    }

    /** As {@link #orRun}, for a passage's no-adaptation baseline (stored with seed 0). */
    public InnerLoop.Outcome orBaseline(InnerLoop inner, Long experimentId, long passageId, String condition, Runnable onReuse) {
        return find(experimentId, inner.model().modelId(), passageId, null, condition, 0)
                .map(r -> reused(r, inner, onReuse))
                .orElseGet(() -> inner.baseline(experimentId, passageId, condition));
    }

    private InnerLoop.Outcome reused(RunRecord r, InnerLoop inner, Runnable onReuse) {
        onReuse.run();
        return outcome(r, inner.grader().name());
    }

    /** Remembers a run finished in this process. */
    public void add(RunRecord r) {
        done.putIfAbsent(new Key(r.experimentId(), r.modelId(), r.passageId(), r.selfEditId(), r.condition(), r.seed()), r);
    }

    /** A stored run as an inner-loop outcome: correct answers by the grader (newest grade per answer), steps. */
    public InnerLoop.Outcome outcome(RunRecord r, String grader) {
        List<AnswerRecord> answers = log.answersOfRun(r.id());
        int correct = 0;
        for (AnswerRecord a : answers) {
            GradeRecord newest = null;
            for (GradeRecord g : log.grades(a.id())) if (g.grader().equals(grader)) newest = g;
            if (newest != null && Grade.isCorrectVerdict(newest.verdict())) correct++;
        }
        return new InnerLoop.Outcome(r.id(), correct, answers.size(), log.trainingSteps(r.id()).size(), 0, 0);
    }
}
