package org.sealworkbench.seal.annotate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Agreement between annotators on nominal labels. Written out here because Commons Statistics has no
 * inter-rater measures and each is a few lines of counting: Cohen's kappa (two raters, the items both
 * labelled) and Krippendorff's alpha for nominal data (any number of raters, missing labels allowed,
 * the coincidence-matrix form of Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").
 */
public final class Agreement {
    private Agreement() {}

    /** Share of items on which the two label lists agree; the lists are aligned item by item. */
    public static double percent(List<String> a, List<String> b) {
        check(a, b);
        if (a.isEmpty()) return Double.NaN;
        int same = 0;
        for (int i = 0; i < a.size(); i++) if (a.get(i).equals(b.get(i))) same++;
        return (double) same / a.size();
    }

    /**
     * Cohen's kappa: (p_o - p_e) / (1 - p_e), p_e from each rater's own label shares. NaN when there are no
     * items, or when both raters used one and the same label throughout (p_e = 1: kappa is undefined).
     */
    public static double cohensKappa(List<String> a, List<String> b) {
        check(a, b);
        int n = a.size();
        if (n == 0) return Double.NaN;
        Map<String, Integer> ca = new HashMap<>();
        Map<String, Integer> cb = new HashMap<>();
        for (int i = 0; i < n; i++) {
            ca.merge(a.get(i), 1, Integer::sum);
            cb.merge(b.get(i), 1, Integer::sum);
        }
        double po = percent(a, b);
        double pe = 0;
        for (var e : ca.entrySet()) pe += (double) e.getValue() / n * cb.getOrDefault(e.getKey(), 0) / n;
        if (pe >= 1.0) return Double.NaN;
        return (po - pe) / (1 - pe);
    }

    /**
     * Krippendorff's alpha for nominal labels. Each unit is the labels the raters gave it (missing ones left
     * out); units with fewer than two labels are not pairable and count for nothing. alpha = 1 - D_o / D_e
     * with D_o from the coincidences within units and D_e from the pooled label frequencies. NaN when fewer
     * than two labels are pairable or every pairable label is the same.
     */
    public static double krippendorffAlphaNominal(Collection<? extends Collection<String>> units) {
        Map<String, Map<String, Double>> o = new HashMap<>(); // coincidence matrix
        Set<String> labels = new LinkedHashSet<>();
        for (Collection<String> unit : units) {
            List<String> vals = new ArrayList<>();
            for (String v : unit) if (v != null) vals.add(v);
            int m = vals.size();
            if (m < 2) continue;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    if (i == j) continue;
                    o.computeIfAbsent(vals.get(i), k -> new HashMap<>()).merge(vals.get(j), 1.0 / (m - 1), Double::sum);
                }
                labels.add(vals.get(i));
            }
        }
        Map<String, Double> nc = new HashMap<>();
        double n = 0;
        for (String c : labels) {
            double sum = o.getOrDefault(c, Map.of()).values().stream().mapToDouble(Double::doubleValue).sum();
            nc.put(c, sum);
            n += sum;
        }
        if (n < 2) return Double.NaN;
        double disagreeObserved = 0;
        for (String c : labels) {
            for (String k : labels) {
                if (!c.equals(k)) disagreeObserved += o.getOrDefault(c, Map.of()).getOrDefault(k, 0.0);
            }
        }
        double disagreeExpected = 0;
        for (String c : labels) {
            for (String k : labels) {
                if (!c.equals(k)) disagreeExpected += nc.get(c) * nc.get(k);
            }
        }
        if (disagreeExpected == 0) return Double.NaN;
        // alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k
        return 1 - (n - 1) * disagreeObserved / disagreeExpected;
    }

    private static void check(List<String> a, List<String> b) {
        if (a.size() != b.size()) throw new IllegalArgumentException("label lists differ in length: " + a.size() + " vs " + b.size());
        for (int i = 0; i < a.size(); i++) {
            Objects.requireNonNull(a.get(i), "label");
            Objects.requireNonNull(b.get(i), "label");
        }
    }
}
