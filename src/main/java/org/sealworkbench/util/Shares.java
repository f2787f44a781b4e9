package org.sealworkbench.util;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A share in [0, 1] (an accuracy, a reward, a share of pairs solved) as the window writes it for people: percent with one
 * decimal, "16.7 %"; and a difference of two shares in percentage points with its sign and one decimal, "+16.7". The
 * window calls these through {@code ui.charts.ChartFactory.percent} and {@code signedPoints}; a record of the jobs layer
 * that only the window shows (a self-edit's picker line) calls them here. The command line keeps its own formats.
 */
public final class Shares {
    private Shares() {}

    /** "16.7 %" for 1/6 (and "NaN %" for NaN: a caller that may have none says so in its own words). */
    public static String percent(double share) {
        // remembered: a chart's tooltips are made for every point at every draw (a per-passage gain chart of 5,000 passages
        // on every resize), and a workspace's accuracies take few values
        return remembered(PERCENTS, share, "%.1f %%");
    }

    /**
     * A difference of shares in percentage points with its sign and one decimal: "+16.7", "-8.3", "+0.0" (a difference
     * that rounds to nothing is "+0.0", never "-0.0").
     */
    public static String points(double difference) {
        String had = POINTS.get(difference);
        if (had != null) return had;
        String text = String.format(Locale.ROOT, "%+.1f", 100 * difference);
        if (text.equals("-0.0")) text = "+0.0";   // -0.0001: nothing either way
        if (POINTS.size() < 100_000) POINTS.put(difference, text);
        return text;
    }

    private static final Map<Double, String> PERCENTS = new ConcurrentHashMap<>();
    private static final Map<Double, String> POINTS = new ConcurrentHashMap<>();

    /** {@code 100 * share} in {@code format}, remembered per share (up to 100,000 of them). */
    private static String remembered(Map<Double, String> made, double share, String format) {
        String had = made.get(share);
        if (had != null) return had;
        String text = String.format(Locale.ROOT, format, 100 * share);
        if (made.size() < 100_000) made.put(share, text);
        return text;
    }
}
