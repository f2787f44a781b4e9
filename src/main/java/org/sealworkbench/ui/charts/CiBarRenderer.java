package org.sealworkbench.ui.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.HashMap;
import java.util.Map;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.CategoryDataset;

/**
 * Bars with an error bar from a low to a high value per item. Written by hand because JFreeChart's
 * StatisticalBarRenderer only draws mean +- one standard deviation (symmetric), while our 95 % intervals are clipped to
 * [0, 1] and so are not symmetric; the bar placement is BarRenderer's own ({@code calculateBarW0}).
 */
final class CiBarRenderer extends BarRenderer {
    private final Map<String, double[]> intervals = new HashMap<>();
    private java.awt.Paint errorPaint = Color.DARK_GRAY;

    /** The error bars' colour (light on the dark theme). */
    void setErrorPaint(java.awt.Paint paint) {
        errorPaint = paint;
    }

    void setInterval(Comparable<?> row, Comparable<?> column, double low, double high) {
        intervals.put(row + "\0" + column, new double[] {low, high});
    }

    double[] interval(Comparable<?> row, Comparable<?> column) {
        return intervals.get(row + "\0" + column);
    }

    @Override
    public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot,
                         CategoryAxis domainAxis, ValueAxis rangeAxis, CategoryDataset dataset, int row, int column, int pass) {
        super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
        Number value = dataset.getValue(row, column);
        if (pass != 0 || value == null) return;
        double x = calculateBarW0(plot, plot.getOrientation(), dataArea, domainAxis, state, row, column) + state.getBarWidth() / 2;
        RectangleEdge edge = plot.getRangeAxisEdge();
        double top = rangeAxis.valueToJava2D(value.doubleValue(), dataArea, edge);   // the bar's end, in pixels (down is +)
        double bottom = top;
        double[] ci = interval(dataset.getRowKey(row), dataset.getColumnKey(column));
        g2.setPaint(errorPaint);
        if (ci != null && !Double.isNaN(ci[0]) && !Double.isNaN(ci[1])) {
            double lo = rangeAxis.valueToJava2D(ci[0], dataArea, edge);
            double hi = rangeAxis.valueToJava2D(ci[1], dataArea, edge);
            double cap = Math.max(2, state.getBarWidth() / 4);
            g2.setStroke(new BasicStroke(1.5f));
            g2.draw(new Line2D.Double(x, lo, x, hi));
            g2.draw(new Line2D.Double(x - cap, lo, x + cap, lo));
            g2.draw(new Line2D.Double(x - cap, hi, x + cap, hi));
            top = Math.min(top, Math.min(lo, hi));
            bottom = Math.max(bottom, Math.max(lo, hi));
        }
        if (valueLabels) drawValue(g2, value.doubleValue(), x, top, bottom, state.getBarWidth(), dataArea);
    }

    private boolean valueLabels = true;

    /** Whether each bar's value is written beside it (on by default). */
    void setValueLabels(boolean on) {
        valueLabels = on;
    }

    /**
     * The bar's value ("27.1", one decimal) centred on it, past the end of its interval: above for a value of 0 or more,
     * below for a negative one. A bar of 0 has no height, so without it a row of SEAL's table at 0 % showed nothing.
     * Hand-written because JFreeChart's item labels are placed against the bar, where the interval's whisker runs.
     */
    private static void drawValue(Graphics2D g2, double value, double x, double top, double bottom, double barWidth,
                                  Rectangle2D dataArea) {
        String text = String.format(java.util.Locale.ROOT, "%.1f", value);
        java.awt.Font font = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, barWidth < 28 ? 10 : 12);
        g2.setFont(font);
        java.awt.FontMetrics fm = g2.getFontMetrics(font);
        double w = fm.stringWidth(text);
        double y = baseline(value, top, bottom, fm.getAscent(), fm.getDescent(), dataArea.getMinY(), dataArea.getMaxY());
        g2.drawString(text, (float) (x - w / 2), (float) y);
    }

    /**
     * Where the value's text sits (its baseline, in pixels, down is +): 4 px past the interval's end, but never past the
     * plot's edge, where the plot would clip it (a negative bar's "-4.1" lost its lower half on a 180 px high chart); at
     * the edge it may cross the whisker's end, still readable.
     */
    static double baseline(double value, double top, double bottom, double ascent, double descent, double minY, double maxY) {
        return value >= 0 ? Math.max(top - 4, minY + ascent) : Math.min(bottom + 4 + ascent, maxY - descent);
    }
}
