package org.sealworkbench.ui.charts;

/**
 * TensorBoard's scalar smoothing: an exponential moving average started at 0 and debiased, as in TensorBoard's
 * {@code resampleAndSmooth}: {@code last = last * w + (1 - w) * y; smoothed = last / (1 - w^n)} for the n-th finite
 * value. Non-finite values pass through unchanged and do not advance the average. Written here because it is four
 * lines and no charting library has TensorBoard's debiased form.
 */
public final class Ema {
    private Ema() {}

    /** @param weight smoothing in [0, 1): 0 returns the series unchanged */
    public static double[] smooth(double[] ys, double weight) {
        if (!(weight >= 0 && weight < 1)) throw new IllegalArgumentException("smoothing must be in [0, 1), got " + weight);
        double[] out = new double[ys.length];
        double last = 0;
        int n = 0;
        for (int i = 0; i < ys.length; i++) {
            double y = ys[i];
            if (!Double.isFinite(y)) {
                out[i] = y;
                continue;
            }
            last = last * weight + (1 - weight) * y;
            n++;
            out[i] = last / (1 - Math.pow(weight, n));
        }
        return out;
    }
}
