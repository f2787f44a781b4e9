package org.sealworkbench.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.charts.ChartsData.GainPoint;
import org.sealworkbench.jobs.charts.ChartsData.GainSeries;

/**
 * The per-passage gain chart stays readable at SEAL's 5,000 passages: the points get smaller and translucent the more
 * there are, and where accuracies repeat (5 questions, one run: six values) each point is moved a little off its place,
 * the same way every time, within a share of the accuracies' step; tooltips keep the exact accuracies. A few passages
 * with accuracies of their own are drawn as before: big, nearly opaque, exactly where they are.
 */
class GainScatterTest {
    /** n passages with accuracies on 5 questions (multiples of 0.2), as one run per passage gives them. */
    static GainSeries discrete(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<GainPoint> points = new ArrayList<>();
        for (int i = 0; i < n; i++) points.add(new GainPoint(1000 + i, "P" + i, r.nextInt(6) / 5.0, r.nextInt(6) / 5.0));
        return new GainSeries("passage only", "no adaptation", "contains", "abc", points);
    }

    private static XYPlot plot(JFreeChart c) {
        return c.getXYPlot();
    }

    @Test
    void thePointsAreSmallerAndTranslucentTheMoreThereAre() {
        XYItemRenderer many = plot(ChartFactory.gain(discrete(5000, 1))).getRenderer();
        Color manyPaint = (Color) many.getSeriesPaint(0);
        assertTrue(manyPaint.getAlpha() <= 50, "5,000 points: mostly see-through, alpha " + manyPaint.getAlpha());
        assertTrue(many.getSeriesShape(0).getBounds2D().getWidth() <= 6, "5,000 points: small");
        var shapes = (org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) many;
        assertTrue(shapes.getDrawOutlines() && shapes.getUseOutlinePaint()
                && ((Color) shapes.getSeriesOutlinePaint(0)).getAlpha() > manyPaint.getAlpha(), "a ring: a point on its own shows");
        LegendItem legend = many.getLegendItem(0, 0);
        assertEquals(255, ((Color) legend.getFillPaint()).getAlpha(), "the legend's dot is not faint");
        assertEquals(12, legend.getShape().getBounds2D().getWidth(), 1e-9);

        XYItemRenderer few = plot(ChartFactory.gain(discrete(20, 1))).getRenderer();
        assertEquals(170, ((Color) few.getSeriesPaint(0)).getAlpha(), "a few points as before");
        assertEquals(12, few.getSeriesShape(0).getBounds2D().getWidth(), 1e-9);
        assertTrue(ChartFactory.gainPointAlpha(1000) > ChartFactory.gainPointAlpha(5000)
                && ChartFactory.gainPointSize(1000) > ChartFactory.gainPointSize(5000));
    }

    @Test
    void repeatedAccuraciesAreSpreadWithinTheirStepTheSameWayEveryTime() {
        GainSeries series = discrete(5000, 2);
        XYDataset first = plot(ChartFactory.gain(series)).getDataset();
        XYDataset again = plot(ChartFactory.gain(series)).getDataset();
        Set<List<Double>> places = new HashSet<>();
        int moved = 0;
        for (int i = 0; i < series.points().size(); i++) {
            GainPoint p = series.points().get(i);
            double x = first.getXValue(0, i), y = first.getYValue(0, i);
            assertEquals(x, again.getXValue(0, i), 0, "drawn at the same place every time");
            assertEquals(y, again.getYValue(0, i), 0);
            // at most 0.3 of the 20-point step, at most 6 points
            assertTrue(Math.abs(x - 100 * p.before()) <= ChartFactory.GAIN_SPREAD_MOST && Math.abs(y - 100 * p.after()) <= 6, i + ": " + x + ", " + y);
            if (x != 100 * p.before() || y != 100 * p.after()) moved++;
            places.add(List.of(x, y));
        }
        assertEquals(5000, moved, "every point moved off the 36 places they share");
        assertEquals(5000, places.size(), "no two points drawn on one another");
        // the axes leave room for the moved points, labelled 0 to 100 only
        NumberAxis xAxis = (NumberAxis) plot(ChartFactory.gain(series)).getDomainAxis();
        assertTrue(xAxis.getLowerBound() <= -6 && xAxis.getUpperBound() >= 106);
        assertEquals("", xAxis.getTickUnit().valueToString(-5));
        assertEquals("100", xAxis.getTickUnit().valueToString(100));
        // a passage is moved the same way in another series (another condition's chart, other passages beside it)
        GainPoint p = series.points().get(7);
        List<GainPoint> other = new ArrayList<>(discrete(300, 3).points());
        other.add(p);
        XYDataset elsewhere = plot(ChartFactory.gain(new GainSeries("x", "no adaptation", "contains", "abc", other))).getDataset();
        assertEquals(first.getXValue(0, 7), elsewhere.getXValue(0, other.size() - 1), 1e-9);
        // the chart says so
        String note = subtitles(ChartFactory.gain(series));
        assertTrue(note.contains("±6.0 sideways and ±6.0 up or down") && note.contains("exact values"), note);
    }

    @Test
    void accuraciesOfTheirOwnAreDrawnWhereTheyAre() {
        SplittableRandom r = new SplittableRandom(4);
        List<GainPoint> points = new ArrayList<>();
        for (int i = 0; i < 500; i++) points.add(new GainPoint(i, "P" + i, r.nextDouble(), r.nextDouble()));
        GainSeries series = new GainSeries("c", "no adaptation", "contains", "abc", points);
        JFreeChart chart = ChartFactory.gain(series);
        XYDataset ds = plot(chart).getDataset();
        for (int i = 0; i < points.size(); i++) {
            assertEquals(100 * points.get(i).before(), ds.getXValue(0, i), 0);
            assertEquals(100 * points.get(i).after(), ds.getYValue(0, i), 0);
        }
        assertEquals("", subtitles(chart), "nothing moved, nothing to say");
    }

    @Test
    void aMovedPointsTooltipGivesItsExactAccuracies() {
        GainSeries series = discrete(400, 5);
        JFreeChart chart = ChartFactory.gain(series);
        XYPlot p = plot(chart);
        GainPoint point = series.points().get(3);
        assertNotEquals(100 * point.before(), p.getDataset().getXValue(0, 3), "moved");
        String tip = p.getRenderer().getDefaultToolTipGenerator().generateToolTip(p.getDataset(), 0, 3);
        assertEquals("P3 (passage 1003): before " + ChartFactory.percent(point.before()) + ", after "
                + ChartFactory.percent(point.after()) + ", gain " + ChartFactory.signedPoints(point.after() - point.before())
                + " points (click to open)", tip);
    }

    /** The texts under the title (the legend aside). */
    private static String subtitles(JFreeChart c) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < c.getSubtitleCount(); i++) if (c.getSubtitle(i) instanceof TextTitle t) b.append(t.getText());
        return b.toString();
    }
}
