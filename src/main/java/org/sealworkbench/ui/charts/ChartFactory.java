package org.sealworkbench.ui.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.sealworkbench.jobs.charts.ChartsData.ConditionBar;
import org.sealworkbench.jobs.charts.ChartsData.DiversityRound;
import org.sealworkbench.jobs.charts.ChartsData.GainPoint;
import org.sealworkbench.jobs.charts.ChartsData.GainSeries;
import org.sealworkbench.jobs.charts.ChartsData.LearnPoint;
import org.sealworkbench.jobs.charts.ChartsData.RewardPoint;
import org.sealworkbench.jobs.charts.ChartsData.RlRound;
import org.sealworkbench.jobs.charts.ChartsData.Validation;
import org.sealworkbench.jobs.charts.ChartsData.LossCurve;
import org.sealworkbench.jobs.charts.ChartsData.LossPoint;
import org.sealworkbench.jobs.charts.ChartsData.PairedBar;

/** Builds the JFreeChart charts from the view model's data; no JavaFX, so tests build them without a screen. */
public final class ChartFactory {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private ChartFactory() {}

    /** Macro accuracy (%) per condition (series), grouped by grader and settings digest (categories), with 95 % CIs. */
    public static JFreeChart conditions(List<ConditionBar> bars) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        CiBarRenderer renderer = new CiBarRenderer();
        for (ConditionBar b : bars) {
            ds.addValue(100 * b.macroAccuracy(), b.condition(), b.group());
            renderer.setInterval(b.condition(), b.group(), 100 * b.ciLow(), 100 * b.ciHigh());
        }
        renderer.setDefaultToolTipGenerator((dataset, row, column) -> {
            ConditionBar b = bars.stream().filter(x -> x.condition().equals(dataset.getRowKey(row))
                    && x.group().equals(dataset.getColumnKey(column))).findFirst().orElseThrow();
            return String.format(Locale.ROOT, "%s | %s: macro %s [%s], micro %s, %d passages, %d questions",
                    b.condition(), b.group(), percent(b.macroAccuracy()), ci(b.ciLow(), b.ciHigh()), percent(b.microAccuracy()),
                    b.passages(), b.questions());
        });
        // the interval is said in the title: at 1280x800 this chart is about 170 px high, and "macro accuracy (%), 95% CI"
        // (190 px) was drawn cut along its axis
        NumberAxis range = new NumberAxis("macro accuracy (%)");
        range.setRange(0, 106);   // 100 and room above it for a bar's value
        range.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(10));
        return bars(ds, renderer, range, "Conditions: SEAL's table (seal report), bars with 95% CIs");
    }

    /** {@link #paired(List, List)} with the colours in the order its own conditions come. */
    public static JFreeChart paired(List<PairedBar> diffs) {
        return paired(diffs, List.of());
    }

    /**
     * Each condition minus passage only, paired by passage, in points, with the 95 % t-interval. A condition named in
     * {@code colourOrder} (the series of {@link #conditions}, drawn above it) takes its colour there, so a condition is
     * one colour in both charts although passage only has no bar here.
     */
    public static JFreeChart paired(List<PairedBar> diffs, List<String> colourOrder) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        CiBarRenderer renderer = new CiBarRenderer();
        for (PairedBar d : diffs) {
            ds.addValue(100 * d.mean(), d.condition(), d.group());
            renderer.setInterval(d.condition(), d.group(), 100 * d.ciLow(), 100 * d.ciHigh());
        }
        renderer.setDefaultToolTipGenerator((dataset, row, column) -> {
            PairedBar d = diffs.stream().filter(x -> x.condition().equals(dataset.getRowKey(row))
                    && x.group().equals(dataset.getColumnKey(column))).findFirst().orElseThrow();
            return String.format(Locale.ROOT, "%s - %s | %s: %s points [%s], %d passages", d.condition(), d.baseline(),
                    d.group(), signedPoints(d.mean()), Double.isNaN(d.ciLow()) ? "n/a" : String.format(Locale.ROOT, "%+.1f, %+.1f",
                            100 * d.ciLow(), 100 * d.ciHigh()), d.passages());
        });
        NumberAxis range = new NumberAxis("difference (points), 95% CI");
        // The axis must hold the intervals, not only the bars (auto-range sees only the dataset's values).
        double lo = 0, hi = 0;
        for (PairedBar d : diffs) {
            for (double v : new double[] {d.mean(), d.ciLow(), d.ciHigh()}) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, 100 * v);
                    hi = Math.max(hi, 100 * v);
                }
            }
        }
        // room for the values written past the intervals: a tenth of the range cut a negative bar's value below its
        // whisker at 1280x800 (the chart about 180 px high, the label 14 px)
        double pad = Math.max(1.5, (hi - lo) * 0.16);
        range.setRange(lo - pad, hi + pad);
        JFreeChart chart = bars(ds, renderer, range, "Minus passage only (paired by passage)");
        for (int i = 0; i < ds.getRowCount(); i++) {
            int k = colourOrder.indexOf(String.valueOf(ds.getRowKey(i)));
            if (k >= 0) renderer.setSeriesPaint(i, PALETTE[k % PALETTE.length]);
        }
        return chart;
    }

    /** The conditions' series order in {@link #conditions}: the order they first come in. */
    public static List<String> conditionOrder(List<ConditionBar> bars) {
        return bars.stream().map(ConditionBar::condition).distinct().toList();
    }

    /**
     * A share in [0, 1] (a reward, an accuracy) as the whole window gives it (tables, details, tooltips, the ReST-EM
     * window): percent with one decimal, "33.3 %" ({@link org.sealworkbench.util.Shares#percent}).
     */
    public static String percent(double share) {
        return org.sealworkbench.util.Shares.percent(share);
    }

    /**
     * A difference of shares in percentage points with its sign and one decimal, "+16.7" (as {@code %+.1f} writes it;
     * {@link org.sealworkbench.util.Shares#points}): the window's gains and differences of accuracy.
     */
    public static String signedPoints(double difference) {
        return org.sealworkbench.util.Shares.points(difference);
    }

    /**
     * What a run scored, as History's and the Charts' runs tables write it: its accuracy in percent ("16.7 %"), "–"
     * without one, or a few-shot run's test input solved ("1/1 solved", "0/1 solved"; "no solution known").
     */
    public static String score(RunRow r) {
        if (r.fewShot()) return Double.isNaN(r.accuracy()) ? "no solution known" : (int) r.accuracy() + "/1 solved";
        return Double.isNaN(r.accuracy()) ? "\u2013" : percent(r.accuracy());
    }

    /**
     * Runs by what they scored, as numbers (a run without a score first): 9.0 % before 16.7 % before 100.0 %, which
     * their texts would not sort so; a few-shot run's 0/1 and 1/1 count as 0 and 100 %.
     */
    public static final java.util.Comparator<RunRow> BY_SCORE = java.util.Comparator.comparingDouble(
            (RunRow r) -> Double.isNaN(r.accuracy()) ? Double.NEGATIVE_INFINITY : r.accuracy());

    private static String ci(double lo, double hi) {
        return Double.isNaN(lo) ? "CI n/a below 2 passages" : String.format(Locale.ROOT, "%.1f, %.1f", 100 * lo, 100 * hi);
    }

    /** Tableau's 10 colours: distinguishable, none too light on white. */
    static final Color[] PALETTE = {new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2),
            new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F),
            new Color(0xBAB0AC)};

    private static JFreeChart bars(DefaultCategoryDataset ds, CiBarRenderer renderer, NumberAxis range, String title) {
        return bars(ds, renderer, range, title, "grader @ settings digest");
    }

    /** Bars of a palette colour per series (row), a category per group, the range axis given, styled. */
    static JFreeChart bars(DefaultCategoryDataset ds, CiBarRenderer renderer, NumberAxis range, String title, String domainLabel) {
        for (int i = 0; i < ds.getRowCount(); i++) renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        CategoryAxis domain = new CategoryAxis(domainLabel);
        CategoryPlot plot = new CategoryPlot(ds, domain, range, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        domain.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        // "contains @ 27d1dc4aa5f2" in a narrow category (four groups at 1280) wraps at its spaces instead of "contains..."
        domain.setMaximumCategoryLabelLines(3);
        return styled(new JFreeChart(title, TITLE, plot, true));
    }

    /** Training loss per step of each curve (already smoothed by the caller), on a log axis when asked. */
    public static JFreeChart loss(List<LossCurve> curves, boolean logScale) {
        XYSeriesCollection ds = new XYSeriesCollection();
        double min = Double.POSITIVE_INFINITY;
        for (LossCurve c : curves) {
            XYSeries s = new XYSeries(c.label(), false, true);
            for (LossPoint p : c.points()) {
                s.add(p.step(), p.loss());
                if (p.loss() > 0) min = Math.min(min, p.loss());
            }
            ds.addSeries(s);
        }
        NumberAxis x = new NumberAxis("optimiser step");
        x.setAutoRangeIncludesZero(false);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        org.jfree.chart.axis.ValueAxis y;
        if (logScale) {
            LogAxis log = new LogAxis("training loss (log scale)");
            log.setSmallestValue(Double.isFinite(min) ? min / 2 : 1e-6);
            y = log;
        } else {
            NumberAxis lin = new NumberAxis("training loss");
            lin.setAutoRangeIncludesZero(false);
            y = lin;
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < curves.size(); i++) {
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        r.setDefaultToolTipGenerator((dataset, series, item) -> String.format(Locale.ROOT, "%s: step %d, loss %.6g",
                dataset.getSeriesKey(series), (long) dataset.getXValue(series, item), dataset.getYValue(series, item)));
        XYPlot plot = new XYPlot(ds, x, y, r);
        return styled(new JFreeChart("Training loss", TITLE, plot, true));
    }

    /**
     * Per RL round: the mean and best-of-k reward over the round's passages, and the adapted accuracy of each round's
     * model on validation (one series per grader and settings digest; round 0 is the model RL started from), in %.
     */
    public static JFreeChart rl(List<RlRound> rounds, List<Validation> validation) {
        XYSeriesCollection ds = new XYSeriesCollection();
        List<List<String>> tips = new ArrayList<>();
        List<Integer> runOf = runs(rounds);
        int runs = runOf.stream().mapToInt(Integer::intValue).max().orElse(1);
        for (int run = 1; run <= runs; run++) {
            String suffix = runs == 1 ? "" : " · run " + run;
            XYSeries mean = new XYSeries("mean reward" + suffix, false, true), best = new XYSeries("best-of-k reward" + suffix, false, true);
            List<String> meanTips = new ArrayList<>(), bestTips = new ArrayList<>();
            for (int i = 0; i < rounds.size(); i++) {
                RlRound r = rounds.get(i);
                if (runOf.get(i) != run || Double.isNaN(r.meanReward())) continue;
                mean.add(r.round(), 100 * r.meanReward());
                best.add(r.round(), 100 * r.meanBestReward());
                String of = String.format(Locale.ROOT, " over %d passages, %d self-edits (%s -> %s, %s, rl_round %d)", r.passages(),
                        r.selfEdits(), r.modelIn(), r.modelOut() == null ? "-" : r.modelOut(), r.status(), r.rlRoundId());
                meanTips.add("round " + r.round() + suffix + ": mean reward " + percent(r.meanReward()) + of);
                bestTips.add("round " + r.round() + suffix + ": best-of-k reward " + percent(r.meanBestReward()) + of);
            }
            ds.addSeries(mean);
            tips.add(meanTips);
            ds.addSeries(best);
            tips.add(bestTips);
        }
        int rewardSeries = ds.getSeriesCount();
        Map<String, XYSeries> byGroup = new LinkedHashMap<>();
        Map<String, List<String>> groupTips = new LinkedHashMap<>();
        for (Validation v : validation) {
            String key = "validation accuracy | " + v.group();
            byGroup.computeIfAbsent(key, k -> new XYSeries(k, false, true)).add(v.round(), 100 * v.macroAccuracy());
            groupTips.computeIfAbsent(key, k -> new ArrayList<>()).add(String.format(Locale.ROOT,
                    "round %d (%s): %s, macro accuracy %s [%s] over %d passages, %s", v.round(), v.model(), v.condition(),
                    percent(v.macroAccuracy()), ci(v.ciLow(), v.ciHigh()), v.passages(), v.group()));
        }
        for (Map.Entry<String, XYSeries> e : byGroup.entrySet()) {
            ds.addSeries(e.getValue());
            tips.add(groupTips.get(e.getKey()));
        }
        NumberAxis x = new NumberAxis("RL round (0: the model RL started from)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        x.setLowerMargin(0.04);
        x.setUpperMargin(0.04);
        NumberAxis y = new NumberAxis("reward / accuracy (%)");
        y.setRange(0, 100);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < ds.getSeriesCount(); i++) {
            r.setSeriesStroke(i, new BasicStroke(i < rewardSeries ? 2.5f : 2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                    i < rewardSeries ? null : new float[] {8f, 5f}, 0f));
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            r.setSeriesShape(i, new Ellipse2D.Double(-5, -5, 10, 10));
        }
        r.setDefaultToolTipGenerator((dataset, series, item) -> tips.get(series).get(item));
        return styled(new JFreeChart("RL: reward per round (ReST-EM) and adapted accuracy on validation", TITLE,
                new XYPlot(ds, x, y, r), true));
    }

    /**
     * Which RL run each round belongs to (1, 2, ... in the order their first rounds were started): a round 1 starts a
     * run, and a later round continues the run whose round wrote its input model. A workspace where ReST-EM ran with
     * other settings holds several runs' rounds of the same number (RestEm runs a round of its own for new settings),
     * and one line through all of them would zigzag between runs.
     */
    static List<Integer> runs(List<RlRound> rounds) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rounds.size(); i++) order.add(i);
        order.sort((a, b) -> rounds.get(a).round() != rounds.get(b).round() ? Integer.compare(rounds.get(a).round(), rounds.get(b).round())
                : Long.compare(rounds.get(a).rlRoundId(), rounds.get(b).rlRoundId()));
        Integer[] run = new Integer[rounds.size()];
        Map<String, Integer> runOfModelOut = new java.util.HashMap<>();
        int runs = 0;
        for (int i : order) {
            RlRound r = rounds.get(i);
            Integer continues = r.round() == 1 ? null : runOfModelOut.get(r.modelIn());
            run[i] = continues != null ? continues : ++runs;
            if (r.modelOut() != null) runOfModelOut.putIfAbsent(r.modelOut(), run[i]);
        }
        return List.of(run);
    }

    /**
     * The distribution of rewards across the self-edits of each round as a strip plot: one point per self-edit at its
     * round (spread sideways by its order in the round, so equal rewards stay apart), the best of each passage marked,
     * and the round's mean as a bar. A strip rather than a box: k x passages is often a few dozen values, and each point
     * has its own tooltip (passage, self-edit, exact reward). Where ReST-EM ran more than once ({@link #runs}), each run
     * has its own strip and mean within its round, side by side in run order, labelled "run N" under it.
     */
    /** Tick labels for 0 and up only (a reward is never negative; the room below 0 holds the run labels). */
    private static final java.text.NumberFormat NON_NEGATIVE = ticksWithin(0, Double.POSITIVE_INFINITY);

    /** Tick labels (whole numbers) for values in [lo, hi] only: an axis's room past what its values can be stays unlabelled. */
    static java.text.NumberFormat ticksWithin(double lo, double hi) {
        return new java.text.NumberFormat() {
            private final java.text.DecimalFormat f = new java.text.DecimalFormat("0");

            @Override
            public StringBuffer format(double v, StringBuffer to, java.text.FieldPosition pos) {
                return v < lo || v > hi ? to : f.format(v, to, pos);
            }

            @Override
            public StringBuffer format(long v, StringBuffer to, java.text.FieldPosition pos) {
                return v < lo || v > hi ? to : f.format(v, to, pos);
            }

            @Override
            public Number parse(String source, java.text.ParsePosition pos) {
                return f.parse(source, pos);
            }
        };
    }

    /** Where the strip plot's "run N" labels sit, in reward percent: under the 0 % points. */
    private static final double BAND_LABEL_Y = -8;

    public static JFreeChart rewards(List<RewardPoint> rewards, List<RlRound> rounds) {
        List<Integer> runOf = runs(rounds);
        Map<Long, Integer> runOfRound = new java.util.HashMap<>();
        for (int i = 0; i < rounds.size(); i++) runOfRound.put(rounds.get(i).rlRoundId(), runOf.get(i));
        int runs = runOf.stream().mapToInt(Integer::intValue).max().orElse(1);
        // round -> run -> its points (a point of a round the list does not know counts as run 1)
        Map<Integer, Map<Integer, List<RewardPoint>>> byRound = new TreeMap<>();
        for (RewardPoint p : rewards) {
            byRound.computeIfAbsent(p.round(), k -> new TreeMap<>())
                    .computeIfAbsent(runOfRound.getOrDefault(p.rlRoundId(), 1), k -> new ArrayList<>()).add(p);
        }
        XYSeries others = new XYSeries("reward of a self-edit", false, true);
        XYSeries best = new XYSeries("best of its passage (kept for SFT)", false, true);
        XYSeries means = new XYSeries(runs == 1 ? "round mean" : "round mean of a run", false, true);
        List<List<RewardPoint>> pointsOf = List.of(new ArrayList<>(), new ArrayList<>());
        List<String> meanTips = new ArrayList<>();
        List<List<Integer>> runOfPoint = List.of(new ArrayList<>(), new ArrayList<>());   // beside pointsOf
        List<org.jfree.chart.annotations.XYTextAnnotation> bandLabels = new ArrayList<>();  // "run N" under each band
        for (Map.Entry<Integer, Map<Integer, List<RewardPoint>>> e : byRound.entrySet()) {
            int bands = e.getValue().size(), band = 0;
            for (Map.Entry<Integer, List<RewardPoint>> byRun : e.getValue().entrySet()) {
                List<RewardPoint> ps = byRun.getValue();
                // this run's band of the round's width 0.6, a small gap between bands
                double gap = bands > 1 ? 0.04 : 0;
                double from = e.getKey() - 0.3 + 0.6 * band / bands + gap / 2, width = 0.6 / bands - gap;
                double sum = 0;
                for (int i = 0; i < ps.size(); i++) {
                    RewardPoint p = ps.get(i);
                    double x = ps.size() == 1 ? from + width / 2 : from + width * i / (ps.size() - 1);
                    (p.best() ? best : others).add(x, 100 * p.reward());
                    pointsOf.get(p.best() ? 1 : 0).add(p);
                    runOfPoint.get(p.best() ? 1 : 0).add(byRun.getKey());
                    sum += p.reward();
                }
                means.add(from + width / 2, 100 * sum / ps.size());
                if (runs > 1) {
                    var label = new org.jfree.chart.annotations.XYTextAnnotation("run " + byRun.getKey(), from + width / 2, BAND_LABEL_Y);
                    label.setFont(TICK);
                    label.setToolTipText("round " + e.getKey() + " of ReST-EM run " + byRun.getKey());
                    bandLabels.add(label);
                }
                meanTips.add(String.format(Locale.ROOT, "round %d%s: mean reward %s over %d self-edits", e.getKey(),
                        runs == 1 ? "" : " · run " + byRun.getKey(), percent(sum / ps.size()), ps.size()));
                band++;
            }
        }
        XYSeriesCollection ds = new XYSeriesCollection();
        ds.addSeries(others);
        ds.addSeries(best);
        ds.addSeries(means);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesShape(0, new Ellipse2D.Double(-4.5, -4.5, 9, 9));
        r.setSeriesPaint(0, new Color(0x4E, 0x79, 0xA7, 190));
        r.setSeriesShape(1, new java.awt.Polygon(new int[] {0, 6, 0, -6}, new int[] {-6, 0, 6, 0}, 4));
        r.setSeriesPaint(1, PALETTE[1]);
        double bar = 80.0 / Math.max(1, runs);
        r.setSeriesShape(2, new Rectangle2D.Double(-bar / 2, -2, bar, 4));
        r.setSeriesPaint(2, PALETTE[2]);
        r.setDefaultToolTipGenerator((dataset, s, item) -> {
            if (s == 2) return meanTips.get(item);
            RewardPoint p = pointsOf.get(s).get(item);
            String run = runs == 1 ? "" : " · run " + runOfPoint.get(s).get(item);
            return String.format(Locale.ROOT, "round %d%s, passage %d, self-edit %d: reward %s%s", p.round(), run, p.passageId(),
                    p.selfEditId(), percent(p.reward()), p.best() ? " (best of its passage)" : "");
        });
        NumberAxis x = new NumberAxis("RL round");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        if (!byRound.isEmpty()) {
            x.setRange(((TreeMap<Integer, ?>) byRound).firstKey() - 0.6, ((TreeMap<Integer, ?>) byRound).lastKey() + 0.6);
        }
        NumberAxis y = new NumberAxis("reward (adapted accuracy, %)");
        // room below 0 % for the bands' labels where there are runs to tell apart
        y.setRange(bandLabels.isEmpty() ? -3 : BAND_LABEL_Y - 5, 103);
        if (!bandLabels.isEmpty()) y.setNumberFormatOverride(NON_NEGATIVE);   // no "-10 %" tick beside the labels
        XYPlot plot = new XYPlot(ds, x, y, r);
        for (var label : bandLabels) plot.addAnnotation(label);
        return styled(new JFreeChart("Rewards across self-edits per round", TITLE, plot, true));
    }

    /**
     * Accuracy (%) of each passage before (x) and after (y) adaptation under one condition, with the no-change line. Read
     * at thousands of passages: the points are smaller and more transparent the more there are ({@link #gainPointSize},
     * {@link #gainPointAlpha}), so that where many lie the colour is darker, and where accuracies repeat (a passage's few
     * questions give few values: 5 questions, one run, six) each point is drawn a little off its place, the same for a
     * passage every time ({@link #gainLayout}); its tooltip gives its exact accuracies, and a line under the title says
     * how far points are moved.
     */
    public static JFreeChart gain(GainSeries series) {
        List<GainPoint> points = series == null ? List.of() : series.points();
        GainLayout at = gainLayout(points);
        XYSeriesCollection ds = new XYSeriesCollection();
        XYSeries pts = new XYSeries(series == null ? "passages" : "passages (" + points.size() + ")", false, true);
        for (int i = 0; i < points.size(); i++) pts.add(at.x()[i], at.y()[i]);
        XYSeries diagonal = new XYSeries("no change (after = before)", false, true);
        diagonal.add(0, 0);
        diagonal.add(100, 100);
        ds.addSeries(pts);
        ds.addSeries(diagonal);
        Shape legendDot = new Ellipse2D.Double(-6, -6, 12, 12);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer() {
            @Override
            public org.jfree.chart.LegendItem getLegendItem(int datasetIndex, int seriesIndex) {
                org.jfree.chart.LegendItem item = super.getLegendItem(datasetIndex, seriesIndex);
                if (item != null && seriesIndex == 0) {   // the legend's dot as a point on its own would be, not faint
                    item.setShape(legendDot);
                    item.setFillPaint(GAIN_COLOUR);
                }
                return item;
            }
        };
        double size = gainPointSize(points.size());
        r.setSeriesLinesVisible(0, false);
        r.setSeriesShapesVisible(0, true);
        r.setSeriesShape(0, new Ellipse2D.Double(-size / 2, -size / 2, size, size));
        int alpha = gainPointAlpha(points.size());
        r.setSeriesPaint(0, new Color(GAIN_COLOUR.getRed(), GAIN_COLOUR.getGreen(), GAIN_COLOUR.getBlue(), alpha));
        if (alpha < 170) {   // a ring less see-through than the fill: a point on its own still shows, on light and dark
            r.setDrawOutlines(true);
            r.setUseOutlinePaint(true);
            r.setSeriesOutlinePaint(0, new Color(GAIN_COLOUR.getRed(), GAIN_COLOUR.getGreen(), GAIN_COLOUR.getBlue(), Math.min(170, 3 * alpha)));
            r.setSeriesOutlineStroke(0, new BasicStroke(0.8f));
        }
        r.setSeriesLinesVisible(1, true);
        r.setSeriesShapesVisible(1, false);
        r.setSeriesPaint(1, Color.GRAY);
        r.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
        r.setDefaultToolTipGenerator((dataset, s, item) -> {
            if (s != 0 || series == null) return null;
            GainPoint p = points.get(item);
            // concatenated, not formatted: made for each of thousands of points at every draw
            return p.title() + " (passage " + p.passageId() + "): before " + percent(p.before()) + ", after " + percent(p.after())
                    + ", gain " + signedPoints(p.after() - p.before()) + " points (click to open)";
        });
        NumberAxis x = new NumberAxis("accuracy before: " + (series == null ? "baseline" : series.baseline()) + " (%)");
        NumberAxis y = new NumberAxis("accuracy after: " + (series == null ? "condition" : series.condition()) + " (%)");
        double mx = Math.max(4, at.spreadX() + 2), my = Math.max(4, at.spreadY() + 2);
        x.setRange(-mx, 100 + mx);
        y.setRange(-my, 100 + my);
        // ticks every 10 labelled from 0 to 100 only (no "-5" or "105" in the room left for the spread points); set, not
        // chosen by the axis, which measures labels to choose and takes the blank ones past 100 for room for a tick at every 1
        for (NumberAxis a : new NumberAxis[] {x, y}) a.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(10, ticksWithin(0, 100)));
        String title = series == null ? "Per-passage gain" : "Per-passage gain: " + series.condition() + " (" + series.grader()
                + " @ " + series.settingsDigest() + ")";
        JFreeChart chart = styled(new JFreeChart(title, TITLE, new XYPlot(ds, x, y, r), true));
        if (at.spread()) {
            String by = at.spreadY() == 0 ? String.format(Locale.ROOT, "±%.1f sideways", at.spreadX())
                    : at.spreadX() == 0 ? String.format(Locale.ROOT, "±%.1f up or down", at.spreadY())
                    : String.format(Locale.ROOT, "±%.1f sideways and ±%.1f up or down", at.spreadX(), at.spreadY());
            // one line at 1280 px
            TextTitle note = new TextTitle("Repeated accuracies: points moved up to " + by + ", each always alike; tooltips give "
                    + "exact values", TICK);
            chart.addSubtitle(1, note);
        }
        return chart;
    }

    /** The gain chart's points' colour (Tableau's blue), made more transparent the more points there are. */
    static final Color GAIN_COLOUR = new Color(0x4E79A7);

    /** The gain chart's point diameter (px) for n passages: 12 up to 200, shrinking with the square root, at least 5. */
    static double gainPointSize(int n) {
        return n <= 200 ? 12 : Math.max(5, 12 * Math.sqrt(200.0 / n));
    }

    /** The gain chart's point alpha (of 255) for n passages: 170 up to 200, falling with the square root, at least 40. */
    static int gainPointAlpha(int n) {
        return n <= 200 ? 170 : (int) Math.max(40, Math.round(170 * Math.sqrt(200.0 / n)));
    }

    /**
     * Where the gain chart draws its points (before and after, %), and the most they are moved from their accuracies along
     * each axis: not at all while no two passages have the same pair of accuracies; else along each axis by at most {@link
     * #GAIN_SPREAD_SHARE} of the step from the point's accuracy to the nearest other one on that axis (20 points for one
     * run on 5 questions; passages with 3 and 5 questions put 16.7 and 20 closer), at most {@link #GAIN_SPREAD_MOST}, in a
     * direction drawn from the passage's id, so a passage is drawn at the same place every time.
     */
    record GainLayout(double[] x, double[] y, double spreadX, double spreadY) {
        boolean spread() {
            return spreadX > 0 || spreadY > 0;
        }
    }

    /** The share of an axis's smallest step between accuracies that points are moved by at most. */
    static final double GAIN_SPREAD_SHARE = 0.3;
    /** The most points are moved along an axis (percentage points). */
    static final double GAIN_SPREAD_MOST = 6;

    static GainLayout gainLayout(List<GainPoint> points) {
        int n = points.size();
        double[] x = new double[n], y = new double[n];
        java.util.Set<java.util.List<Double>> places = new java.util.HashSet<>();
        boolean repeats = false;
        for (int i = 0; i < n; i++) {
            x[i] = 100 * points.get(i).before();
            y[i] = 100 * points.get(i).after();
            repeats |= !places.add(java.util.List.of(rounded(x[i]), rounded(y[i])));
        }
        if (!repeats) return new GainLayout(x, y, 0, 0);
        java.util.Map<Double, Double> sx = spreads(x), sy = spreads(y);
        double mostX = 0, mostY = 0;
        for (int i = 0; i < n; i++) {
            long id = points.get(i).passageId();
            double ax = sx.getOrDefault(rounded(x[i]), 0.0), ay = sy.getOrDefault(rounded(y[i]), 0.0);
            x[i] += ax * unitOffset(2 * id);
            y[i] += ay * unitOffset(2 * id + 1);
            mostX = Math.max(mostX, ax);
            mostY = Math.max(mostY, ay);
        }
        return new GainLayout(x, y, mostX, mostY);
    }

    /**
     * How far to move points along an axis whose values are {@code v}, per value (rounded): a share of the step to the
     * nearest other value, at most the most.
     */
    private static java.util.Map<Double, Double> spreads(double[] v) {
        double[] sorted = java.util.Arrays.stream(v).filter(Double::isFinite).map(ChartFactory::rounded).sorted().distinct().toArray();
        java.util.Map<Double, Double> out = new java.util.HashMap<>();
        for (int i = 0; i < sorted.length; i++) {
            double step = Math.min(i > 0 ? sorted[i] - sorted[i - 1] : Double.POSITIVE_INFINITY,
                    i + 1 < sorted.length ? sorted[i + 1] - sorted[i] : Double.POSITIVE_INFINITY);
            out.put(sorted[i], Math.min(GAIN_SPREAD_MOST, GAIN_SPREAD_SHARE * step));
        }
        return out;
    }

    /** An accuracy in percent to 6 decimals: 2/3 summed one way and another is one value, not two 1e-14 apart. */
    private static double rounded(double percent) {
        return Math.rint(percent * 1e6) / 1e6;
    }

    /** A number in [-1, 1) drawn from {@code key} (SplitMix64's finaliser): the same for the same key. */
    static double unitOffset(long key) {
        long z = key * 0x9E3779B97F4A7C15L + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-52 - 1;
    }

    /** Per RL round: distinct-1 and distinct-2 of the sampled self-edits (left axis) and their mean length (right axis). */
    public static JFreeChart diversity(List<DiversityRound> rounds) {
        XYSeriesCollection ratios = new XYSeriesCollection();
        XYSeries d1 = new XYSeries("distinct-1", false, true), d2 = new XYSeries("distinct-2", false, true);
        XYSeries len = new XYSeries("mean length (words, right axis)", false, true);
        for (DiversityRound d : rounds) {
            if (!Double.isNaN(d.distinct1())) d1.add(d.round(), d.distinct1());
            if (!Double.isNaN(d.distinct2())) d2.add(d.round(), d.distinct2());
            len.add(d.round(), d.meanWords());
        }
        ratios.addSeries(d1);
        ratios.addSeries(d2);
        XYSeriesCollection lengths = new XYSeriesCollection(len);
        NumberAxis x = new NumberAxis("RL round");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        x.setLowerMargin(0.04);
        x.setUpperMargin(0.04);
        NumberAxis y = new NumberAxis("distinct n-grams / all n-grams");
        y.setRange(0, 1.05);
        NumberAxis y2 = new NumberAxis("mean length (words)");
        y2.setAutoRangeIncludesZero(true);
        y2.setUpperMargin(0.25);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        XYLineAndShapeRenderer r2 = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < 2; i++) {
            r.setSeriesPaint(i, PALETTE[i]);
            r.setSeriesStroke(i, new BasicStroke(2.5f));
            r.setSeriesShape(i, new Ellipse2D.Double(-5, -5, 10, 10));
        }
        r2.setSeriesPaint(0, PALETTE[2]);
        r2.setSeriesStroke(0, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {8f, 5f}, 0f));
        r2.setSeriesShape(0, new Rectangle2D.Double(-5, -5, 10, 10));
        java.util.function.IntFunction<DiversityRound> at = round -> rounds.stream().filter(d -> d.round() == round).findFirst().orElseThrow();
        r.setDefaultToolTipGenerator((dataset, s, item) -> {
            DiversityRound d = at.apply((int) dataset.getXValue(s, item));
            return String.format(Locale.ROOT, "round %d: %s %.4f over %d self-edits", d.round(), dataset.getSeriesKey(s),
                    dataset.getYValue(s, item), d.selfEdits());
        });
        r2.setDefaultToolTipGenerator((dataset, s, item) -> {
            DiversityRound d = at.apply((int) dataset.getXValue(s, item));
            return String.format(Locale.ROOT, "round %d: mean length %.2f words over %d self-edits", d.round(), d.meanWords(), d.selfEdits());
        });
        XYPlot plot = new XYPlot(ratios, x, y, r);
        plot.setDataset(1, lengths);
        plot.setRangeAxis(1, y2);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, r2);
        JFreeChart chart = styled(new JFreeChart("Diversity of the sampled self-edits per RL round", TITLE, plot, true));
        fonts(y2);
        return chart;
    }

    /** Per RL round: the share (%) of the sampled self-edits in each template-like format, stacked to 100 %. */
    public static JFreeChart formats(List<DiversityRound> rounds) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        String[] names = {"Q/A pairs", "numbered list", "prose"};
        for (DiversityRound d : rounds) {
            double[] shares = {d.qaShare(), d.listShare(), d.proseShare()};
            for (int i = 0; i < names.length; i++) ds.addValue(100 * shares[i], names[i], "round " + d.round());
        }
        StackedBarRenderer r = new StackedBarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.15);
        for (int i = 0; i < names.length; i++) r.setSeriesPaint(i, PALETTE[(i + 3) % PALETTE.length]);
        r.setDefaultToolTipGenerator((dataset, row, column) -> {
            DiversityRound d = rounds.get(column);
            double share = dataset.getValue(row, column).doubleValue();
            return String.format(Locale.ROOT, "round %d: %s %s (%d of %d self-edits)", d.round(), dataset.getRowKey(row),
                    percent(share / 100), Math.round(share * d.selfEdits() / 100), d.selfEdits());
        });
        NumberAxis y = new NumberAxis("share of the round's self-edits (%)");
        y.setRange(0, 100);
        CategoryPlot plot = new CategoryPlot(ds, new CategoryAxis("RL round"), y, r);
        return styled(new JFreeChart("Formats of the sampled self-edits per RL round", TITLE, plot, true));
    }

    static JFreeChart styled(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(new Color(0xF7F7F7));
        if (chart.getPlot() instanceof CategoryPlot p) {
            p.setRangeGridlinePaint(Color.GRAY);
            fonts(p.getDomainAxis(), p.getRangeAxis());
        } else if (chart.getPlot() instanceof XYPlot p) {
            p.setRangeGridlinePaint(Color.GRAY);
            p.setDomainGridlinePaint(Color.LIGHT_GRAY);
            fonts(p.getDomainAxis(), p.getRangeAxis());
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) legend.setItemFont(TICK);
        TextTitle t = chart.getTitle();
        if (t != null) t.setFont(TITLE);
        return chart;
    }

    /**
     * Spearman's rank correlation of mean token loss and reward over the points (commons-math3: ties get average
     * ranks); NaN for fewer than 3 points or a constant column.
     */
    public static double spearman(List<LearnPoint> points) {
        List<LearnPoint> ok = points.stream().filter(p -> Double.isFinite(p.meanTokenLoss()) && Double.isFinite(p.reward())).toList();
        if (ok.size() < 3) return Double.NaN;
        double[] x = ok.stream().mapToDouble(LearnPoint::meanTokenLoss).toArray();
        double[] y = ok.stream().mapToDouble(LearnPoint::reward).toArray();
        if (java.util.Arrays.stream(x).distinct().count() < 2 || java.util.Arrays.stream(y).distinct().count() < 2) return Double.NaN;
        return new org.apache.commons.math3.stat.correlation.SpearmansCorrelation().correlation(x, y);
    }

    /** The authors in the learnability chart's order. */
    static final List<String> AUTHORS = List.of(org.sealworkbench.jobs.charts.ChartsData.OWN_MODEL,
            org.sealworkbench.jobs.charts.ChartsData.OTHER_MODEL, org.sealworkbench.jobs.charts.ChartsData.HUMAN,
            org.sealworkbench.jobs.charts.ChartsData.IMPORT);

    /** The legend label of an author's series: the author, n and Spearman's rho. */
    static String authorLabel(String author, List<LearnPoint> ofAuthor) {
        double rho = spearman(ofAuthor);
        return String.format(Locale.ROOT, "%s (n=%d, Spearman rho %s)", author, ofAuthor.size(),
                Double.isNaN(rho) ? "n/a" : String.format(Locale.ROOT, "%+.2f", rho));
    }

    /** Mean token loss before training (x) against reward (y, %) per self-edit, a series per author with its rho. */
    public static JFreeChart learnability(List<LearnPoint> points) {
        XYSeriesCollection ds = new XYSeriesCollection();
        List<List<LearnPoint>> bySeries = new ArrayList<>();
        for (String author : AUTHORS) {
            List<LearnPoint> of = points.stream().filter(p -> p.author().equals(author) && Double.isFinite(p.reward())).toList();
            if (of.isEmpty()) continue;
            XYSeries s = new XYSeries(authorLabel(author, of), false, true);
            for (LearnPoint p : of) s.add(p.meanTokenLoss(), 100 * p.reward());
            ds.addSeries(s);
            bySeries.add(of);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        for (int i = 0; i < ds.getSeriesCount(); i++) {
            Color c = PALETTE[i % PALETTE.length];
            r.setSeriesPaint(i, new Color(c.getRed(), c.getGreen(), c.getBlue(), 180));
            r.setSeriesShape(i, new Ellipse2D.Double(-5, -5, 10, 10));
        }
        r.setDefaultToolTipGenerator((dataset, s, item) -> {
            LearnPoint p = bySeries.get(s).get(item);
            return String.format(Locale.ROOT, "self-edit %d (passage %d, %s) under %s: mean token loss %.4f (perplexity %.2f) over %d "
                    + "tokens, reward %s", p.selfEditId(), p.passageId(), p.author(), p.model(), p.meanTokenLoss(),
                    Math.exp(p.meanTokenLoss()), p.tokens(), percent(p.reward()));
        });
        NumberAxis x = new NumberAxis("mean token loss before training (nats; perplexity = e^loss)");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("reward (adapted accuracy, %)");
        y.setRange(-3, 103);
        double all = spearman(points);
        String title = "Learnability: perplexity under the fine-tuned model vs reward"
                + (Double.isNaN(all) ? "" : String.format(Locale.ROOT, " (all: Spearman rho %+.2f)", all));
        return styled(new JFreeChart(title, TITLE, new XYPlot(ds, x, y, r), true));
    }

    /**
     * Recolours a chart for the app's dark theme (AtlantaFX Primer dark: a dark grey background, light text), or
     * leaves it as built (light) when {@code dark} is false. Series colours stay: Tableau's palette reads on both.
     */
    public static JFreeChart themed(JFreeChart chart, boolean dark) {
        if (!dark) return chart;
        Color bg = new Color(0x0D1117), plotBg = new Color(0x161B22), text = new Color(0xE6EDF3), grid = new Color(0x484F58);
        chart.setBackgroundPaint(bg);
        if (chart.getTitle() != null) chart.getTitle().setPaint(text);
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof LegendTitle l) {
                l.setBackgroundPaint(bg);
                l.setItemPaint(text);
            } else if (chart.getSubtitle(i) instanceof TextTitle t) {
                t.setPaint(text);
            } else if (chart.getSubtitle(i) instanceof org.jfree.chart.title.PaintScaleLegend l) {
                l.getAxis().setLabelPaint(text);
                l.getAxis().setTickLabelPaint(text);
                l.getAxis().setAxisLinePaint(text);
                l.getAxis().setTickMarkPaint(text);
            }
        }
        List<org.jfree.chart.axis.Axis> axes = new ArrayList<>();
        if (chart.getPlot() instanceof CategoryPlot p) {
            p.setBackgroundPaint(plotBg);
            p.setRangeGridlinePaint(grid);
            p.setDomainGridlinePaint(grid);
            for (int i = 0; i < p.getDomainAxisCount(); i++) axes.add(p.getDomainAxis(i));
            for (int i = 0; i < p.getRangeAxisCount(); i++) axes.add(p.getRangeAxis(i));
            for (int i = 0; i < p.getRendererCount(); i++) {
                if (p.getRenderer(i) instanceof CiBarRenderer r) r.setErrorPaint(text);
            }
        } else if (chart.getPlot() instanceof XYPlot p) {
            p.setBackgroundPaint(plotBg);
            p.setRangeGridlinePaint(grid);
            p.setDomainGridlinePaint(grid);
            // labels drawn in the default black take the theme's text colour; labels coloured for their cell (a heatmap's) keep theirs
            for (Object a : p.getAnnotations()) {
                if (a instanceof org.jfree.chart.annotations.XYTextAnnotation t && Color.BLACK.equals(t.getPaint())) t.setPaint(text);
            }
            for (int i = 0; i < p.getDomainAxisCount(); i++) axes.add(p.getDomainAxis(i));
            for (int i = 0; i < p.getRangeAxisCount(); i++) axes.add(p.getRangeAxis(i));
        }
        for (org.jfree.chart.axis.Axis a : axes) {
            if (a == null) continue;
            a.setLabelPaint(text);
            a.setTickLabelPaint(text);
            a.setAxisLinePaint(text);
            a.setTickMarkPaint(text);
        }
        return chart;
    }

    private static void fonts(org.jfree.chart.axis.Axis... axes) {
        for (org.jfree.chart.axis.Axis a : axes) {
            a.setLabelFont(LABEL);
            a.setTickLabelFont(TICK);
        }
    }
}
