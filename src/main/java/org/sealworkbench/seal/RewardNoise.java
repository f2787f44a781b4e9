package org.sealworkbench.seal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How much of a round's rewards is noise, from the first two repeats of every self-edit (so only when a round ran
 * at least two): ReST-EM keeps the best of k self-edits by reward, which is only a choice if the ranking would
 * come out the same on a fresh LoRA seed.
 *
 * @param correlation Pearson correlation over all self-edits of the round between their repeat-1 and repeat-2
 *                    accuracies (1: the reward is a property of the self-edit; 0: it is the seed's); NaN when either
 *                    repeat has no spread
 * @param agreement   the share of passages where the top-1 by repeat 1 alone is the top-1 by repeat 2 alone (earliest
 *                    wins ties, as in the selection); 1/k is what chance gives for k self-edits of equal worth
 * @param selfEdits   self-edits with two repeats
 * @param passages    passages with at least one such self-edit
 */
public record RewardNoise(double correlation, double agreement, int selfEdits, int passages) {

    /**
     * @param perPassage per passage, per self-edit, the accuracy of each repeat; self-edits with fewer than two are
     *                   left out
     * @return null when no self-edit has two repeats
     */
    public static RewardNoise of(List<double[][]> perPassage) {
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        int passages = 0, agree = 0;
        for (double[][] edits : perPassage) {
            double[] first = Arrays.stream(edits).filter(r -> r.length >= 2).mapToDouble(r -> r[0]).toArray();
            double[] second = Arrays.stream(edits).filter(r -> r.length >= 2).mapToDouble(r -> r[1]).toArray();
            if (first.length == 0) continue;
            for (int i = 0; i < first.length; i++) {
                xs.add(first[i]);
                ys.add(second[i]);
            }
            passages++;
            if (RestEm.bestIndex(first) == RestEm.bestIndex(second)) agree++;
        }
        if (xs.isEmpty()) return null;
        return new RewardNoise(pearson(xs, ys), agree / (double) passages, xs.size(), passages);
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
