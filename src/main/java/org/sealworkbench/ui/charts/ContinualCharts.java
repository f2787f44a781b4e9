package org.sealworkbench.ui.charts;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sealworkbench.seal.Continual;

/**
 * The charts of continual self-edits (SEAL.md section 1, catastrophic forgetting): the step x passage accuracy matrix as
 * a heatmap, and per step the accuracy on the newest passage against the retention of the earlier ones.
 */
public final class ContinualCharts {
    private ContinualCharts() {}

    /** White (0 %) to dark blue (100 %), ColorBrewer's Blues: the eye reads darker as more. */
    static final PaintScale ACCURACY = scale(new Color(0xF7FBFF), new Color(0x08306B));
    /** For the dark theme: the plot's own dark (0 %) to bright blue (100 %), so empty cells do not glare. */
    static final PaintScale ACCURACY_DARK = scale(new Color(0x1C2330), new Color(0x79C0FF));

    /** A linear scale from {@code low} at 0 % to {@code high} at 100 %. (JFreeChart's own scales are grey or stepped.) */
    private static PaintScale scale(Color low, Color high) {
        return new PaintScale() {
            @Override
            public double getLowerBound() {
                return 0;
            }

            @Override
            public double getUpperBound() {
                return 100;
            }

            @Override
            public java.awt.Paint getPaint(double value) {
                double t = Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value / 100));
                return new Color((int) Math.round(low.getRed() + t * (high.getRed() - low.getRed())),
                        (int) Math.round(low.getGreen() + t * (high.getGreen() - low.getGreen())),
                        (int) Math.round(low.getBlue() + t * (high.getBlue() - low.getBlue())));
            }
        };
    }

    /**
     * What a heatmap of {@code r} can show, in the order of its {@code repeat} argument + 1: "the sequence" for one
     * repeat, else "mean of N repeats" then "repeat 1" … "repeat N" (the Continual window and Charts > Continual).
     */
    public static java.util.List<String> matrixChoices(Continual.Result r) {
        int reps = r.matrices().size();
        java.util.List<String> c = new java.util.ArrayList<>();
        c.add(reps == 1 ? "the sequence" : "mean of " + reps + " repeats");
        if (reps > 1) for (int i = 1; i <= reps; i++) c.add("repeat " + i);
        return c;
    }

    /** The light theme's heatmap of the mean matrix. */
    public static JFreeChart heatmap(Continual.Result r) {
        return heatmap(r, -1, false);
    }

    /** The heatmap of the mean matrix. */
    public static JFreeChart heatmap(Continual.Result r, boolean dark) {
        return heatmap(r, -1, dark);
    }

    /**
     * The mean matrix as a heatmap: column j = passage j in the order adapted, row s = after step s (step 1 at the top,
     * as the printed matrix), cells right of the diagonal left empty (passages not yet seen), each cell labelled with its
     * accuracy when there are at most 12 passages (in a colour that reads on its cell), and a tooltip naming step,
     * passage and accuracy. {@code repeat}: which repeat's matrix (0-based), or -1 for the mean over the repeats.
     * {@code dark}: the dark theme's scale (pass the chart through {@link ChartFactory#themed} too).
     */
    public static JFreeChart heatmap(Continual.Result r, int repeat, boolean dark) {
        if (repeat < -1 || repeat >= r.matrices().size()) {
            throw new IllegalArgumentException("repeat " + repeat + " of " + r.matrices().size());
        }
        PaintScale paints = dark ? ACCURACY_DARK : ACCURACY;
        double[][] m = repeat < 0 ? r.mean() : r.matrices().get(repeat);
        int n = r.passages().size();
        int cells = n * (n + 1) / 2;
        double[][] xyz = new double[3][cells];
        int k = 0;
        for (int s = 0; s < n; s++) {
            for (int j = 0; j <= s; j++) {
                xyz[0][k] = j + 1;
                xyz[1][k] = s + 1;
                xyz[2][k] = 100 * m[s][j];
                k++;
            }
        }
        DefaultXYZDataset ds = new DefaultXYZDataset();
        ds.addSeries("accuracy", xyz);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(paints);
        renderer.setDefaultToolTipGenerator((dataset, series, item) -> {
            int j = (int) xyz[0][item], s = (int) xyz[1][item];
            return String.format(Locale.ROOT, "after step %d, passage %d (id %d): %s%s", s, j, r.passages().get(j - 1),
                    ChartFactory.percent(m[s - 1][j - 1]), j == s ? " (its own step)" : "");
        });
        NumberAxis x = new NumberAxis("passage (in the order adapted)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setRange(0.5, n + 0.5);
        NumberAxis y = new NumberAxis("after step");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        y.setRange(0.5, n + 0.5);
        y.setInverted(true);
        XYPlot plot = new XYPlot(ds, x, y, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        if (n <= 12) {
            for (int i = 0; i < cells; i++) {
                XYTextAnnotation a = new XYTextAnnotation(String.format(Locale.ROOT, "%.0f", xyz[2][i]), xyz[0][i], xyz[1][i]);
                a.setFont(ChartFactory.TICK);
                // readable on its cell: light text on the dark end of the scale, dark text on the light end
                boolean darkCell = dark ? xyz[2][i] <= 55 : xyz[2][i] > 55;
                a.setPaint(darkCell ? (dark ? new Color(0xE6EDF3) : Color.WHITE) : (dark ? new Color(0x0D1117) : new Color(0x1F2328)));
                plot.addAnnotation(a);
            }
        }
        String repeats = r.matrices().size() == 1 ? "" : repeat < 0 ? ", mean of " + r.matrices().size() + " repeats"
                : ", repeat " + (repeat + 1) + " of " + r.matrices().size();
        JFreeChart chart = ChartFactory.styled(new JFreeChart("Accuracy (%) after each step" + repeats, ChartFactory.TITLE, plot, false));
        NumberAxis scale = new NumberAxis("accuracy %");
        scale.setRange(0, 100);
        scale.setTickLabelFont(ChartFactory.TICK);
        PaintScaleLegend legend = new PaintScaleLegend(paints, scale);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 4, 4);
        legend.setStripWidth(14);
        legend.setBackgroundPaint(null);
        chart.addSubtitle(legend);
        return chart;
    }

    /** Per step: accuracy on that step's own passage (newest) and the mean on the earlier ones (retention), in %. */
    public static JFreeChart curves(Continual.Result r) {
        XYSeries newest = new XYSeries("newest passage (its own step)", false, true);
        XYSeries retention = new XYSeries("earlier passages (retention)", false, true);
        for (int s = 0; s < r.newest().length; s++) {
            newest.add(s + 1, 100 * r.newest()[s]);
            if (!Double.isNaN(r.retention()[s])) retention.add(s + 1, 100 * r.retention()[s]);
        }
        XYSeriesCollection ds = new XYSeriesCollection();
        ds.addSeries(newest);
        ds.addSeries(retention);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < 2; i++) {
            renderer.setSeriesPaint(i, ChartFactory.PALETTE[i]);
            renderer.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
        }
        // the stored share, not the plotted 100x of it, through the window's one formatter
        renderer.setDefaultToolTipGenerator((dataset, series, item) -> String.format(Locale.ROOT, "after step %.0f: %s %s",
                dataset.getXValue(series, item), series == 0 ? "newest" : "retention", ChartFactory.percent(
                        (series == 0 ? r.newest() : r.retention())[(int) Math.round(dataset.getXValue(series, item)) - 1])));
        NumberAxis x = new NumberAxis("after step");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = new NumberAxis("accuracy (%)");
        y.setRange(0, 100);
        return ChartFactory.styled(new JFreeChart("Newest passage vs earlier ones (forgetting)", ChartFactory.TITLE,
                new XYPlot(ds, x, y, renderer), true));
    }
}
