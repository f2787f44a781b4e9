package org.sealworkbench.seal;

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
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        int n = 0, passages = 0, agree = 0;
        for (double[][] edits : perPassage) {
            int k = 0;
            for (double[] reps : edits) if (reps.length >= 2) k++;
            if (k == 0) continue;
            double[] first = new double[k], second = new double[k];
            int i = 0;
            for (double[] reps : edits) {
                if (reps.length < 2) continue;
                first[i] = reps[0];
                second[i] = reps[1];
                sx += reps[0];
                sy += reps[1];
                sxx += reps[0] * reps[0];
                syy += reps[1] * reps[1];
                sxy += reps[0] * reps[1];
                i++;
            }
            n += k;
            passages++;
            if (RestEm.bestIndex(first) == RestEm.bestIndex(second)) agree++;
        }
        if (n == 0) return null;
        double cov = sxy - sx * sy / n, vx = sxx - sx * sx / n, vy = syy - sy * sy / n;
        double r = vx <= 1e-12 || vy <= 1e-12 ? Double.NaN : cov / Math.sqrt(vx * vy);
        return new RewardNoise(r, agree / (double) passages, n, passages);
    }
}
