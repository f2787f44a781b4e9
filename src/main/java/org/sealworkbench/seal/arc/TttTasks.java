package org.sealworkbench.seal.arc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.sealworkbench.data.arc.ArcExample;
import org.sealworkbench.data.arc.ArcTask;

/**
 * The test-time-training tasks of one ARC task, after SEAL's {@code get_test_time_train_data} (few-shot
 * {@code self-edit.py}), and the size cap of its {@code process_task}. {@link #build} follows these steps, with
 * one generator seeded by {@code seed} for all draws:
 * <ol>
 * <li>leave-n tasks: for each train pair i in turn as the test pair, and for each way (in
 *     {@code itertools.combinations} order) of removing n - 1 more of the other train pairs, a task whose train
 *     pairs are the remaining ones in their original order; with N train pairs that is N x C(N - 1, n - 1) tasks
 *     (leave-1: N tasks of N - 1 pairs; leave-2 on 3 pairs: 6 tasks of 1 pair);</li>
 * <li>each augmenter in turn applied to each leave-n task ({@link Augmenter#applyToTask}), dropping results with
 *     a grid over 30 rows or columns;</li>
 * <li>the augmented tasks followed by the leave-n tasks, deduplicated;</li>
 * <li>{@code permuteN} rounds over that set: each task recoloured ({@link Augmenter.PermuteColors}, only when
 *     there is at least one augmenter) and then its train pairs shuffled ({@link Augmenter.PermuteExamples});</li>
 * <li>the permuted tasks followed by the set of step 3, deduplicated again.</li>
 * </ol>
 * Deliberate differences: Python's {@code list(set(...))} leaves the order arbitrary; ours keeps the first-seen
 * order (a {@link LinkedHashSet}), so the result is a deterministic function of the task, augmenters, n,
 * permuteN and seed. Our draws come from {@link SplittableRandom}, not numpy, so the random augmentations differ
 * from SEAL's for the same seed. The tasks keep the original task's name, where SEAL names them {@code ""}. A
 * leave-n task with no train pair left (n equal to the number of pairs), which SEAL would build, is skipped: an
 * {@link ArcTask} has at least one train pair.
 */
public final class TttTasks {
    private TttTasks() {}

    /** SEAL's defaults: leave-n for n in {@code [1, 2]}, one permutation round, at most 250 tasks, seed 0. */
    public static final List<Integer> LEAVE_N = List.of(1, 2);
    public static final int PERMUTE_N = 1;
    public static final int N_MAX = 250;
    public static final long SEED = 0;

    public static List<ArcTask> build(ArcTask task, List<Augmenter> augmenters, int leaveN, int permuteN, long seed) {
        if (leaveN < 1) throw new IllegalArgumentException("leave-n needs n >= 1, not " + leaveN);
        if (permuteN < 0) throw new IllegalArgumentException("permuteN must be >= 0, not " + permuteN);
        RandomGenerator rng = new SplittableRandom(seed);
        List<ArcTask> initial = leaveNTasks(task, leaveN);

        List<ArcTask> augmented = new ArrayList<>();
        for (Augmenter a : augmenters) {
            for (ArcTask t : initial) {
                ArcTask at = a.applyToTask(t, rng);
                if (at.maxHeight() <= 30 && at.maxWidth() <= 30) augmented.add(at);
            }
        }
        LinkedHashSet<ArcTask> base = new LinkedHashSet<>(augmented);
        base.addAll(initial);

        List<ArcTask> permuted = new ArrayList<>();
        Augmenter colours = new Augmenter.PermuteColors();
        Augmenter examples = new Augmenter.PermuteExamples();
        for (int round = 0; round < permuteN; round++) {
            for (ArcTask t : base) {
                ArcTask nt = augmenters.isEmpty() ? t : colours.applyToTask(t, rng);
                permuted.add(examples.applyToTask(nt, rng));
            }
        }
        LinkedHashSet<ArcTask> all = new LinkedHashSet<>(permuted);
        all.addAll(base);
        return List.copyOf(all);
    }

    /** The leave-n tasks of step 1, in SEAL's order. */
    static List<ArcTask> leaveNTasks(ArcTask task, int n) {
        List<ArcExample> train = task.train();
        int size = train.size();
        List<ArcTask> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            List<Integer> others = new ArrayList<>();
            for (int j = 0; j < size; j++) if (j != i) others.add(j);
            for (List<Integer> removed : combinations(others, n - 1)) {
                List<ArcExample> kept = new ArrayList<>();
                for (int j : others) if (!removed.contains(j)) kept.add(train.get(j));
                if (!kept.isEmpty()) out.add(new ArcTask(task.name(), kept, train.get(i)));
            }
        }
        return out;
    }

    /** The r-element subsets of {@code items} in {@code itertools.combinations} order (none when r > size). */
    static List<List<Integer>> combinations(List<Integer> items, int r) {
        List<List<Integer>> out = new ArrayList<>();
        if (r < 0 || r > items.size()) return out;
        int[] idx = new int[r];
        for (int k = 0; k < r; k++) idx[k] = k;
        while (true) {
            List<Integer> comb = new ArrayList<>();
            for (int k : idx) comb.add(items.get(k));
            out.add(comb);
            int k = r - 1;
            while (k >= 0 && idx[k] == items.size() - r + k) k--;
            if (k < 0) return out;
            idx[k]++;
            for (int m = k + 1; m < r; m++) idx[m] = idx[m - 1] + 1;
        }
    }

    /**
     * {@code process_task}'s cap: a list longer than {@code nMax} is shuffled with a generator seeded by
     * {@code seed} and cut to its first {@code nMax}; a shorter one is returned as it is (a copy). In SEAL it is
     * applied after formatting and the token filter, to all leave-n sets together.
     */
    public static <T> List<T> cap(List<T> items, int nMax, long seed) {
        if (nMax < 0) throw new IllegalArgumentException("nMax must be >= 0, not " + nMax);
        List<T> copy = new ArrayList<>(items);
        if (copy.size() <= nMax) return copy;
        Shuffles.shuffle(copy, new SplittableRandom(seed));
        return new ArrayList<>(copy.subList(0, nMax));
    }
}
