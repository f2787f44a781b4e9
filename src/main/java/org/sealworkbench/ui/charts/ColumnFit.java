package org.sealworkbench.ui.charts;

import java.util.List;

/**
 * How the Charts &gt; Runs table shares its width (pure: the view measures, this decides). Each column needs its heading's
 * width and its widest value's (0 with no rows). A short, fixed column (run, kind, grader, score, …) is as wide as the
 * wider of the two, up to a bound (a longer value is cut, whole in its tooltip). The names (model, passage or task,
 * condition, settings) share what the fixed columns leave: each at least its heading, then each up to its widest value,
 * the room given out in equal shares (a short name takes only what it needs, the rest goes to the others). Where the
 * room cannot hold every name's heading, the longest headings are cut first, to a common width, never below
 * {@link #LEAST_NAME}: "passage/task" before "model".
 */
final class ColumnFit {
    private ColumnFit() {}

    /** What one column needs, in pixels: its heading, its widest value (0: no rows), and whether it is a fixed one. */
    record Need(double heading, double widest, boolean fixed) {}

    /**
     * The widths found: {@code widths[i]} is a fixed column's width and a name's least width (the table's resize policy
     * gives the names any room left over); {@code headingCut[i]}: the column is narrower than its heading.
     */
    record Fit(double[] widths, boolean[] headingCut) {
        /** The sum of the widths. */
        double total() {
            double t = 0;
            for (double w : widths) t += w;
            return t;
        }
    }

    /** The least width of a name whose heading is cut (about four letters and the ellipsis). */
    static final double LEAST_NAME = 40;

    /** Fits the columns into {@code room} pixels, a fixed column at most {@code fixedMax} wide. */
    static Fit fit(List<Need> needs, double room, double fixedMax) {
        int n = needs.size();
        double[] w = new double[n];
        boolean[] cut = new boolean[n];
        double left = room;
        int names = 0;
        for (int i = 0; i < n; i++) {
            Need c = needs.get(i);
            if (c.fixed()) {
                w[i] = Math.max(c.heading(), Math.min(c.widest(), fixedMax));
                left -= w[i];
            } else {
                names++;
            }
        }
        if (names == 0) return new Fit(w, cut);
        double headings = 0;
        for (int i = 0; i < n; i++) if (!needs.get(i).fixed()) headings += needs.get(i).heading();
        if (headings <= left) {
            // every heading whole; the rest in equal shares, each name up to its widest value
            for (int i = 0; i < n; i++) if (!needs.get(i).fixed()) w[i] = needs.get(i).heading();
            double spare = left - headings;
            boolean[] full = new boolean[n];
            int open = names;
            while (spare > 0.5 && open > 0) {
                double share = spare / open;
                boolean someFull = false;
                for (int i = 0; i < n; i++) {
                    Need c = needs.get(i);
                    if (c.fixed() || full[i]) continue;
                    double want = Math.max(0, c.widest() - w[i]);
                    if (want <= share) {
                        w[i] += want;
                        spare -= want;
                        full[i] = true;
                        open--;
                        someFull = true;
                    }
                }
                if (!someFull) {
                    for (int i = 0; i < n; i++) if (!needs.get(i).fixed() && !full[i]) w[i] += share;
                    spare = 0;
                }
            }
            return new Fit(w, cut);
        }
        // not every heading fits: cut the longest first, down to a common level
        double level = level(needs, Math.max(0, left));
        for (int i = 0; i < n; i++) {
            Need c = needs.get(i);
            if (c.fixed()) continue;
            w[i] = Math.max(LEAST_NAME, Math.min(c.heading(), level));
            cut[i] = w[i] < c.heading();
        }
        return new Fit(w, cut);
    }

    /** The width L at which the names' headings, each cut to at most L, sum to {@code left}. */
    private static double level(List<Need> needs, double left) {
        double lo = 0, hi = 0;
        for (Need c : needs) if (!c.fixed()) hi = Math.max(hi, c.heading());
        for (int k = 0; k < 50; k++) {
            double mid = (lo + hi) / 2, sum = 0;
            for (Need c : needs) if (!c.fixed()) sum += Math.min(c.heading(), mid);
            if (sum > left) hi = mid;
            else lo = mid;
        }
        return Math.floor(lo);
    }
}
