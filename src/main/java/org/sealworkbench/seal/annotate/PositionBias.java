package org.sealworkbench.seal.annotate;

import java.util.Collection;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * How often "left is better" was said among decisive verdicts (ties and skips left out), with the exact
 * (Clopper-Pearson) binomial 95 % interval. Without position bias the share is 0.5 and the interval
 * should cover it.
 *
 * @param low  lower bound of the interval (NaN when there are no decisive verdicts)
 * @param high upper bound of the interval (NaN when there are no decisive verdicts)
 */
public record PositionBias(int left, int right, int ties, double share, double low, double high) {

    public int decisive() {
        return left + right;
    }

    /** True when the interval leaves out 0.5, i.e. the sides were not judged evenly. */
    public boolean significant() {
        return decisive() > 0 && (high < 0.5 || low > 0.5);
    }

    public static PositionBias of(Collection<Verdict> verdicts) {
        int left = 0, right = 0, ties = 0;
        for (Verdict v : verdicts) {
            switch (v) {
                case LEFT -> left++;
                case RIGHT -> right++;
                case TIE -> ties++;
                case SKIP -> { }
            }
        }
        double[] ci = clopperPearson(left, left + right, 0.95);
        double share = left + right == 0 ? Double.NaN : (double) left / (left + right);
        return new PositionBias(left, right, ties, share, ci[0], ci[1]);
    }

    /**
     * The exact binomial interval for k successes in n trials: the alpha/2 quantile of Beta(k, n-k+1) and
     * the 1-alpha/2 quantile of Beta(k+1, n-k), with 0 and 1 at the ends. Commons Statistics supplies the
     * beta quantiles.
     */
    public static double[] clopperPearson(int k, int n, double level) {
        if (n < 0 || k < 0 || k > n) throw new IllegalArgumentException("need 0 <= k <= n, got k=" + k + ", n=" + n);
        if (n == 0) return new double[] {Double.NaN, Double.NaN};
        double alpha = 1 - level;
        double lo = k == 0 ? 0.0 : BetaDistribution.of(k, n - k + 1).inverseCumulativeProbability(alpha / 2);
        double hi = k == n ? 1.0 : BetaDistribution.of(k + 1, n - k).inverseCumulativeProbability(1 - alpha / 2);
        return new double[] {lo, hi};
    }
}
