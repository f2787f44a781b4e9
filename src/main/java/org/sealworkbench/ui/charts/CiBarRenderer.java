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
        if (pass != 0 || dataset.getValue(row, column) == null) return;
        double[] ci = interval(dataset.getRowKey(row), dataset.getColumnKey(column));
        if (ci == null || Double.isNaN(ci[0]) || Double.isNaN(ci[1])) return;
        double x = calculateBarW0(plot, plot.getOrientation(), dataArea, domainAxis, state, row, column) + state.getBarWidth() / 2;
        RectangleEdge edge = plot.getRangeAxisEdge();
        double lo = rangeAxis.valueToJava2D(ci[0], dataArea, edge);
        double hi = rangeAxis.valueToJava2D(ci[1], dataArea, edge);
        double cap = Math.max(2, state.getBarWidth() / 4);
        g2.setPaint(errorPaint);
        g2.setStroke(new BasicStroke(1.5f));
        g2.draw(new Line2D.Double(x, lo, x, hi));
        g2.draw(new Line2D.Double(x - cap, lo, x + cap, lo));
        g2.draw(new Line2D.Double(x - cap, hi, x + cap, hi));
    }
}
