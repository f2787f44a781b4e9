package org.sealworkbench.seal.arc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.sealworkbench.data.arc.ArcExample;
import org.sealworkbench.data.arc.ArcTask;

/**
 * The tasks a model is asked to predict for one ARC task, after SEAL's {@code get_leave_n_test_task} and
 * {@code get_augmented_test_tasks} (few-shot {@code inference/preprocess.py}). For one n ({@link #leaveN}), with
 * one generator seeded by {@code seed}:
 * <ol>
 * <li>for each way (in {@code itertools.combinations} order) of leaving out n of the train pairs, a task of the
 *     remaining train pairs in their order and the task's own test pair (at test time leave-n only thins the
 *     demonstrations; the test pair stays the real test), followed by {@code permuteN} shuffles of its train pairs
 *     ({@link Augmenter.PermuteExamples}); these are deduplicated;</li>
 * <li>for each of {@code Transpose(), Flip(0), Flip(1), Rotate(90), Rotate(180)} in turn, one task drawn from
 *     step 1's list is transformed (inputs and outputs); a result equal to one of step 1's tasks is dropped, the
 *     others keep their augmenter and its inverse (the inverter, to be applied to the predicted grid);</li>
 * <li>the transformed tasks followed by step 1's (these without an augmenter), deduplicated by task.</li>
 * </ol>
 * {@link #forPrediction} concatenates the lists of several n (not deduplicated across n), each with the same seed,
 * as SEAL does; SEAL's evaluation uses n = 1 and two permutations ({@link #INCLUDE_N}, {@link #PERMUTE_N}).
 * Deliberate differences: deduplication keeps the first-seen order where Python's set order is arbitrary, and our
 * draws are not numpy's, so the result is deterministic for a seed but not SEAL's selection. Leave-n sets that
 * would leave no train pair are skipped, and an n with no such set gives no tasks (SEAL fails drawing from an
 * empty list).
 */
public final class TestTimeAugmentation {
    private TestTimeAugmentation() {}

    /** SEAL's evaluation defaults ({@code --include_n=1}, {@code --permute_n=2}). */
    public static final List<Integer> INCLUDE_N = List.of(1);
    public static final int PERMUTE_N = 2;

    /** The test-time augmentations SEAL draws, in its order. */
    public static final List<Augmenter> AUGMENTERS = List.of(new Augmenter.Transpose(), new Augmenter.Flip(0),
            new Augmenter.Flip(1), new Augmenter.Rotate(90), new Augmenter.Rotate(180));

    /**
     * One task to predict; {@code augmenter} transformed the original (empty for a plain leave-n task) and
     * {@code inverter} maps a prediction for {@code task} back to the original task's frame.
     */
    public record TestTask(ArcTask task, Optional<Augmenter> augmenter, Optional<Augmenter> inverter) {
        public TestTask {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(augmenter, "augmenter");
            Objects.requireNonNull(inverter, "inverter");
        }

        /** The voting category, SEAL's inverter string: the inverter's name, or {@code identity}. */
        public String category() {
            return inverter.map(Augmenter::name).orElse(ArcVoting.IDENTITY);
        }
    }

    /** {@link #forPrediction(ArcTask, List, int, long)} with SEAL's evaluation defaults and seed 0. */
    public static List<TestTask> forPrediction(ArcTask task) {
        return forPrediction(task, INCLUDE_N, PERMUTE_N, 0);
    }

    public static List<TestTask> forPrediction(ArcTask task, List<Integer> includeN, int permuteN, long seed) {
        List<TestTask> out = new ArrayList<>();
        for (int n : includeN) out.addAll(leaveN(task, n, permuteN, seed));
        return out;
    }

    /** SEAL's {@code get_leave_n_test_task} for one n (0 keeps every train pair). */
    public static List<TestTask> leaveN(ArcTask task, int n, int permuteN, long seed) {
        if (n < 0) throw new IllegalArgumentException("n must be >= 0, not " + n);
        if (permuteN < 0) throw new IllegalArgumentException("permuteN must be >= 0, not " + permuteN);
        RandomGenerator rng = new SplittableRandom(seed);
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < task.train().size(); i++) indices.add(i);

        Augmenter permute = new Augmenter.PermuteExamples();
        LinkedHashSet<ArcTask> plainSet = new LinkedHashSet<>();
        for (List<Integer> left : TttTasks.combinations(indices, n)) {
            List<ArcExample> kept = new ArrayList<>();
            for (int j : indices) if (!left.contains(j)) kept.add(task.train().get(j));
            if (kept.isEmpty()) continue;
            ArcTask t = new ArcTask(task.name(), kept, task.test());
            plainSet.add(t);
            for (int p = 0; p < permuteN; p++) plainSet.add(permute.applyToTask(t, rng));
        }
        List<ArcTask> plain = List.copyOf(plainSet);
        if (plain.isEmpty()) return List.of();

        Map<ArcTask, TestTask> out = new LinkedHashMap<>();
        Set<ArcTask> plainLookup = new HashSet<>(plain);
        for (Augmenter a : AUGMENTERS) {
            ArcTask picked = plain.get(rng.nextInt(plain.size()));
            ArcTask augmented = a.applyToTask(picked, rng);
            if (plainLookup.contains(augmented)) continue;
            out.putIfAbsent(augmented, new TestTask(augmented, Optional.of(a), a.inverse()));
        }
        for (ArcTask t : plain) out.putIfAbsent(t, new TestTask(t, Optional.empty(), Optional.empty()));
        return List.copyOf(out.values());
    }
}
