package org.sealworkbench.seal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
                .orElseGet(() -> inner.run(spec, cancelled));
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
