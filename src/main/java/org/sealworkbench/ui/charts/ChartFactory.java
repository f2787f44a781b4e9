package org.sealworkbench.ui.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
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
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sealworkbench.jobs.charts.ChartsData.ConditionBar;
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
            return String.format(Locale.ROOT, "%s | %s: macro %.1f %% [%s], micro %.1f %%, %d passages, %d questions",
                    b.condition(), b.group(), 100 * b.macroAccuracy(), ci(b.ciLow(), b.ciHigh()), 100 * b.microAccuracy(),
                    b.passages(), b.questions());
        });
        NumberAxis range = new NumberAxis("macro accuracy (%), 95% CI");
        range.setRange(0, 100);
        return bars(ds, renderer, range, "Conditions: SEAL's table (seal report)");
    }

    /** Each condition minus passage only, paired by passage, in points, with the 95 % t-interval. */
    public static JFreeChart paired(List<PairedBar> diffs) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        CiBarRenderer renderer = new CiBarRenderer();
        for (PairedBar d : diffs) {
            ds.addValue(100 * d.mean(), d.condition(), d.group());
            renderer.setInterval(d.condition(), d.group(), 100 * d.ciLow(), 100 * d.ciHigh());
        }
        renderer.setDefaultToolTipGenerator((dataset, row, column) -> {
            PairedBar d = diffs.stream().filter(x -> x.condition().equals(dataset.getRowKey(row))
                    && x.group().equals(dataset.getColumnKey(column))).findFirst().orElseThrow();
            return String.format(Locale.ROOT, "%s - %s | %s: %+.1f points [%s], %d passages", d.condition(), d.baseline(),
                    d.group(), 100 * d.mean(), Double.isNaN(d.ciLow()) ? "n/a" : String.format(Locale.ROOT, "%+.1f, %+.1f",
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
        double pad = Math.max(1, (hi - lo) * 0.05);
        range.setRange(lo - pad, hi + pad);
        return bars(ds, renderer, range, "Minus passage only (paired by passage)");
    }

    private static String ci(double lo, double hi) {
        return Double.isNaN(lo) ? "CI n/a below 2 passages" : String.format(Locale.ROOT, "%.1f, %.1f", 100 * lo, 100 * hi);
    }

    /** Tableau's 10 colours: distinguishable, none too light on white. */
    static final Color[] PALETTE = {new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2),
            new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F),
            new Color(0xBAB0AC)};

    private static JFreeChart bars(DefaultCategoryDataset ds, CiBarRenderer renderer, NumberAxis range, String title) {
        for (int i = 0; i < ds.getRowCount(); i++) renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        CategoryAxis domain = new CategoryAxis("grader @ settings digest");
        CategoryPlot plot = new CategoryPlot(ds, domain, range, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        domain.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
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

    private static JFreeChart styled(JFreeChart chart) {
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

    private static void fonts(org.jfree.chart.axis.Axis... axes) {
        for (org.jfree.chart.axis.Axis a : axes) {
            a.setLabelFont(LABEL);
            a.setTickLabelFont(TICK);
        }
    }
}
