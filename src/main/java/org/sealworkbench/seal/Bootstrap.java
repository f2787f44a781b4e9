package org.sealworkbench.seal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The percentile bootstrap over passages for a micro accuracy (all correct answers / all answers): passages are drawn
 * with replacement, n of n, and the micro accuracy of each resample computed; the interval is the 2.5th and 97.5th
 * percentiles of those values. Passages, not answers, are resampled because a passage's questions are not independent
 * (they share its adapter and its difficulty). Written here because it is a dozen lines over the two arrays the caller
 * already has; Commons Statistics has no bootstrap.
 */
public final class Bootstrap {
    private Bootstrap() {}

    /**
     * [low, high] of the 95 % percentile interval of the micro accuracy over passages, from {@code samples} resamples
     * drawn with {@code seed}; NaNs when there is no passage with an answer.
     *
     * @param correct correct answers of each passage
     * @param answers answers of each passage
     */
    public static double[] microInterval(int[] correct, int[] answers, int samples, long seed) {
        if (correct.length != answers.length) throw new IllegalArgumentException("one correct count per passage's answer count");
        int n = correct.length;
        long total = 0;
        for (int a : answers) total += a;
        if (n == 0 || total == 0 || samples < 1) return new double[] {Double.NaN, Double.NaN};
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] stats = new double[samples];
        int kept = 0;
        for (int b = 0; b < samples; b++) {
            long c = 0, a = 0;
            for (int i = 0; i < n; i++) {
                int j = rnd.nextInt(n);
                c += correct[j];
                a += answers[j];
            }
            if (a > 0) stats[kept++] = c / (double) a;   // a resample of only unanswered passages has no micro accuracy
        }
        if (kept == 0) return new double[] {Double.NaN, Double.NaN};
        double[] s = Arrays.copyOf(stats, kept);
        Arrays.sort(s);
        return new double[] {percentile(s, 0.025), percentile(s, 0.975)};
    }

    /** The q-quantile of sorted values by linear interpolation between order statistics (R's type 7, NumPy's default). */
    static double percentile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
