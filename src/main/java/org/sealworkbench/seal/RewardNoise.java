package org.sealworkbench.seal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How much of a round's rewards is noise (only when a round ran at least two repeats of its self-edits): ReST-EM keeps
 * the best of k self-edits by reward, which is only a choice if the ranking would come out the same on fresh LoRA
 * seeds. What matters is the ranking within a passage: a correlation over all self-edits also counts that some
 * passages are easier than others, which no seed changes, so it flatters the reward.
 *
 * @param correlation   Pearson correlation over all self-edits of the round between their repeat-1 and repeat-2
 *                      accuracies; NaN when either repeat has no spread
 * @param withinPassage the same after each passage's mean is taken out of each repeat (the reliability of one repeat
 *                      for ranking a passage's self-edits: 1 when they differ for real, 0 when only the seed does),
 *                      averaged over every pair of the first {@code repeats} repeats
 * @param repeats       repeats every measured self-edit has (the fewest among them)
 * @param reliability   of the reward itself, the mean of {@code repeats} repeats, for ranking within a passage:
 *                      Spearman-Brown from withinPassage, r k / (1 + (k - 1) r), 0 when r is not positive
 * @param agreement     the share of passages where the top-1 by repeat 1 alone is the top-1 by repeat 2 alone (earliest
 *                      wins ties, as in the selection); 1/k is what chance gives for k self-edits of equal worth
 * @param selfEdits     self-edits with two or more repeats
 * @param passages      passages with at least one such self-edit
 */
public record RewardNoise(double correlation, double withinPassage, int repeats, double reliability, double agreement,
                          int selfEdits, int passages) {

    /**
     * @param perPassage per passage, per self-edit, the accuracy of each repeat; self-edits with fewer than two are
     *                   left out
     * @return null when no self-edit has two repeats
     */
    public static RewardNoise of(List<double[][]> perPassage) {
        List<double[][]> measured = new ArrayList<>();
        int repeats = Integer.MAX_VALUE, selfEdits = 0;
        for (double[][] edits : perPassage) {
            double[][] m = Arrays.stream(edits).filter(r -> r.length >= 2).toArray(double[][]::new);
            if (m.length == 0) continue;
            measured.add(m);
            selfEdits += m.length;
            for (double[] r : m) repeats = Math.min(repeats, r.length);
        }
        if (measured.isEmpty()) return null;
        int agree = 0;
        for (double[][] m : measured) if (RestEm.bestIndex(column(m, 0)) == RestEm.bestIndex(column(m, 1))) agree++;
        double within = 0;
        int pairs = 0;
        for (int i = 0; i < repeats; i++) {
            for (int j = i + 1; j < repeats; j++) {
                within += correlation(measured, i, j, true);
                pairs++;
            }
        }
        within /= pairs;
        double reliability = Double.isNaN(within) ? Double.NaN : within <= 0 ? 0 : repeats * within / (1 + (repeats - 1) * within);
        return new RewardNoise(correlation(measured, 0, 1, false), within, repeats, reliability, agree / (double) measured.size(),
                selfEdits, measured.size());
    }

    private static double[] column(double[][] m, int repeat) {
        return Arrays.stream(m).mapToDouble(r -> r[repeat]).toArray();
    }

    /** Pearson of repeat i against repeat j over all self-edits, each passage's mean taken out first when centred. */
    private static double correlation(List<double[][]> measured, int i, int j, boolean centred) {
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (double[][] m : measured) {
            double[] x = column(m, i), y = column(m, j);
            double mx = centred ? Arrays.stream(x).average().orElse(0) : 0, my = centred ? Arrays.stream(y).average().orElse(0) : 0;
            for (int e = 0; e < x.length; e++) {
                xs.add(x[e] - mx);
                ys.add(y[e] - my);
            }
        }
        return pearson(xs, ys);
    }

    /** NaN when either side has no spread. */
    private static double pearson(List<Double> xs, List<Double> ys) {
        int n = xs.size();
        double mx = xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double my = ys.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double cov = 0, vx = 0, vy = 0;
        for (int i = 0; i < n; i++) {
            double dx = xs.get(i) - mx, dy = ys.get(i) - my;
            cov += dx * dy;
            vx += dx * dx;
            vy += dy * dy;
        }
        return vx <= 1e-12 || vy <= 1e-12 ? Double.NaN : cov / Math.sqrt(vx * vy);
    }
}
