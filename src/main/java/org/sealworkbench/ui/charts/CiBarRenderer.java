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
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.CategoryDataset;

/**
 * Bars with an error bar from a low to a high value per item. Written by hand because JFreeChart's
 * StatisticalBarRenderer only draws mean +- one standard deviation (symmetric), while our 95 % intervals are clipped to
 * [0, 1] and so are not symmetric. Bars are placed as BarRenderer places them, except that a group (category) shows only
 * the series that have a value in it, side by side and centred: BarRenderer keeps a slot for every series in every
 * category, so SEAL's table with its RL rounds' rows (other settings digests, other groups) drew the evaluation's five bars
 * in the left half of their group and each RL group's two bars at its right edge, with the empty slots between.
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

    /** The series with a value in {@code column}, in row order: that group's bars, left to right. */
    private static int slotsIn(CategoryDataset data, int column) {
        int n = 0;
        for (int r = 0; r < data.getRowCount(); r++) if (data.getValue(r, column) != null) n++;
        return n;
    }

    /** The most bars any group has: bar widths are computed for it, so bars are as wide in every group. */
    private static int mostSlots(CategoryDataset data) {
        int most = 0;
        for (int c = 0; c < data.getColumnCount(); c++) most = Math.max(most, slotsIn(data, c));
        return most;
    }

    /** BarRenderer's bar width, with the most bars of any group in place of the series count. */
    @Override
    protected void calculateBarWidth(CategoryPlot plot, Rectangle2D dataArea, int rendererIndex, CategoryItemRendererState state) {
        CategoryDataset data = plot.getDataset(rendererIndex);
        if (data == null) return;
        CategoryAxis axis = getDomainAxis(plot, rendererIndex);
        int columns = data.getColumnCount(), slots = Math.max(1, mostSlots(data));
        double space = plot.getOrientation() == PlotOrientation.HORIZONTAL ? dataArea.getHeight() : dataArea.getWidth();
        double used = space * (1 - axis.getLowerMargin() - axis.getUpperMargin() - (columns > 1 ? axis.getCategoryMargin() : 0)
                - (slots > 1 ? getItemMargin() : 0));
        state.setBarWidth(Math.min(used / (Math.max(1, columns) * slots), space * getMaximumBarWidth()));
    }

    /** Where the bar of {@code row} starts: its place among the group's own bars, the group centred on its category. */
    @Override
    protected double calculateBarW0(CategoryPlot plot, PlotOrientation orientation, Rectangle2D dataArea,
                                    CategoryAxis domainAxis, CategoryItemRendererState state, int row, int column) {
        CategoryDataset data = plot.getDataset(plot.getIndexOf(this));
        if (data == null || data.getValue(row, column) == null) {
            return super.calculateBarW0(plot, orientation, dataArea, domainAxis, state, row, column);
        }
        int slot = 0;
        for (int r = 0; r < row; r++) if (data.getValue(r, column) != null) slot++;
        int slots = slotsIn(data, column), most = mostSlots(data), categories = data.getColumnCount();
        double space = orientation == PlotOrientation.HORIZONTAL ? dataArea.getHeight() : dataArea.getWidth();
        double width = state.getBarWidth();
        double gap = most > 1 ? space * getItemMargin() / (categories * (most - 1)) : 0;
        double slotWidth = most > 1 ? calculateSeriesWidth(space, domainAxis, categories, most) : width;   // >= width when capped
        double middle = domainAxis.getCategoryMiddle(column, categories, dataArea, plot.getDomainAxisEdge());
        double group = slots * slotWidth + (slots - 1) * gap;
        return middle - group / 2 + slot * (slotWidth + gap) + (slotWidth - width) / 2;
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
