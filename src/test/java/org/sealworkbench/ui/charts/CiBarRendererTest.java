package org.sealworkbench.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.charts.ChartsData.ConditionBar;
import org.sealworkbench.jobs.charts.ChartsData.PairedBar;

/**
 * SEAL's table as bars: each bar's value is written past its interval, so a condition at 0 % (a bar of no height) is still
 * read off the chart. Drawn with and without the values: the only pixels that differ are the 0 bar's label, just above
 * the baseline, and the 40 % bar's, above its interval's top (60 %).
 */
class CiBarRendererTest {
    private static final int W = 600, H = 400;

    @Test
    void eachBarsValueIsWrittenPastItsInterval() {
        List<ConditionBar> bars = List.of(
                new ConditionBar("no-adaptation", "contains", "abc", 0.0, 0.0, 0.0, 0.0, 5, 20),
                new ConditionBar("passage-only", "contains", "abc", 0.4, 0.2, 0.6, 0.4, 5, 20));
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage with = draw(ChartFactory.conditions(bars), true, info);
        BufferedImage without = draw(ChartFactory.conditions(bars), false, new ChartRenderingInfo());
        Rectangle2D area = info.getPlotInfo().getDataArea();
        double baseline = area.getMaxY();
        double sixty = area.getMaxY() - area.getHeight() * 60 / 106.0;

        int changed = 0, nearZero = 0, aboveSixty = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (with.getRGB(x, y) == without.getRGB(x, y)) continue;
                changed++;
                boolean left = x < area.getCenterX();   // the no-adaptation bar is left of the passage-only one
                if (left && y < baseline && y > baseline - 25) nearZero++;
                if (!left && y < sixty && y > sixty - 25) aboveSixty++;
            }
        }
        assertTrue(changed > 20, "the values were drawn: " + changed + " pixels changed");
        assertTrue(nearZero > 10 && aboveSixty > 10, "at each bar: " + nearZero + " and " + aboveSixty);
        assertEquals(changed, nearZero + aboveSixty, "nothing else changed");
    }

    /**
     * The Conditions tab's lower chart at 1280x800 is about 260 px high (its plot about 165): the negative bar's "-4.1", written below its
     * whisker, lost its lower half to the plot's edge. Its value is drawn as many pixels there as on a tall chart.
     */
    @Test
    void aNegativeBarsValueIsWholeOnALowChart() {
        int low = negativeLabelPixels(260), tall = negativeLabelPixels(500);
        assertTrue(tall > 15, "the tall chart shows the label: " + tall);
        assertEquals(tall, low, "the label is whole on the low chart");
    }

    /** Pixels the value labels change left of the second bar (where only the negative bar's "-4.1" is). */
    private static int negativeLabelPixels(int h) {
        ChartRenderingInfo info = new ChartRenderingInfo();
        List<PairedBar> diffs = List.of(
                new PairedBar("no-adaptation", "passage-only", "contains", "abc", -0.041, -0.063, -0.019, 170),
                new PairedBar("self-edits", "passage-only", "contains", "abc", 0.201, 0.156, 0.246, 170),
                new PairedBar("SEAL round 1", "passage-only", "contains", "abc", 0.205, 0.159, 0.250, 170),
                new PairedBar("SEAL round 2", "passage-only", "contains", "abc", 0.199, 0.152, 0.246, 170));
        BufferedImage with = draw(ChartFactory.paired(diffs), true, info, 1100, h);
        BufferedImage without = draw(ChartFactory.paired(diffs), false, new ChartRenderingInfo(), 1100, h);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        double firstQuarter = area.getMinX() + area.getWidth() / 4;
        int changed = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < firstQuarter; x++) if (with.getRGB(x, y) != without.getRGB(x, y)) changed++;
        }
        return changed;
    }

    private static BufferedImage draw(JFreeChart chart, boolean values, ChartRenderingInfo info) {
        return draw(chart, values, info, W, H);
    }

    private static BufferedImage draw(JFreeChart chart, boolean values, ChartRenderingInfo info, int w, int h) {
        ((CiBarRenderer) ((CategoryPlot) chart.getPlot()).getRenderer()).setValueLabels(values);
        chart.setAntiAlias(false);
        chart.setTextAntiAlias(false);
        return chart.createBufferedImage(w, h, info);
    }

    /**
     * SEAL's table with RL rows: the evaluation's group has three conditions, each RL round's group two others. Every group
     * shows its own bars side by side, centred on its category, all as wide and as far apart (BarRenderer kept a slot for
     * every one of the seven series in each group: the RL bars stood at their groups' right edges).
     */
    @Test
    void eachGroupsBarsAreCentredOnItsCategory() {
        List<ConditionBar> bars = List.of(
                new ConditionBar("no adaptation", "contains", "eval", 0.03, 0.01, 0.05, 0.03, 100, 500),
                new ConditionBar("passage only", "contains", "eval", 0.07, 0.05, 0.09, 0.07, 100, 500),
                new ConditionBar("SEAL round 1", "contains", "eval", 0.27, 0.23, 0.31, 0.27, 100, 500),
                new ConditionBar("RL round 1: no adaptation", "contains", "rl1", 0.03, 0.0, 0.09, 0.03, 12, 60),
                new ConditionBar("RL round 1: self-edits", "contains", "rl1", 0.21, 0.14, 0.28, 0.21, 12, 60),
                new ConditionBar("RL round 2: no adaptation", "contains", "rl2", 0.04, 0.0, 0.09, 0.04, 12, 54),
                new ConditionBar("RL round 2: self-edits", "contains", "rl2", 0.22, 0.14, 0.31, 0.22, 12, 54));
        JFreeChart chart = ChartFactory.conditions(bars);
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.createBufferedImage(1100, 400, info);
        CategoryPlot plot = (CategoryPlot) chart.getPlot();
        Rectangle2D area = info.getPlotInfo().getDataArea();
        java.util.Map<Object, List<Rectangle2D>> byGroup = new java.util.LinkedHashMap<>();
        for (Object e : info.getEntityCollection().getEntities()) {
            if (e instanceof org.jfree.chart.entity.CategoryItemEntity item) {
                byGroup.computeIfAbsent(item.getColumnKey(), k -> new java.util.ArrayList<>()).add(item.getArea().getBounds2D());
            }
        }
        assertEquals(List.of("contains @ eval", "contains @ rl1", "contains @ rl2"), List.copyOf(byGroup.keySet()));
        double width = byGroup.get("contains @ eval").get(0).getWidth();
        double pitch = -1;
        int column = 0;
        for (var e : byGroup.entrySet()) {
            List<Rectangle2D> r = e.getValue().stream().sorted(java.util.Comparator.comparingDouble(Rectangle2D::getMinX)).toList();
            double middle = plot.getDomainAxis().getCategoryMiddle(column++, 3, area, plot.getDomainAxisEdge());
            double centre = (r.get(0).getMinX() + r.get(r.size() - 1).getMaxX()) / 2;
            assertEquals(middle, centre, 1.0, e.getKey() + ": its bars are centred on the category");
            for (Rectangle2D b : r) assertEquals(width, b.getWidth(), 0.5, e.getKey() + ": bars as wide as the others");
            for (int i = 1; i < r.size(); i++) {
                double d = r.get(i).getCenterX() - r.get(i - 1).getCenterX();
                if (pitch < 0) pitch = d;
                assertEquals(pitch, d, 1.0, e.getKey() + ": neighbours as far apart as in the other groups");
            }
        }
        assertTrue(width > 30, "seven series in three groups of at most three bars: the bars are wide, " + width);
    }

    @Test
    void aValueStaysInsideThePlot() {
        // ascent 12, descent 3, plot from y 10 to 190
        assertEquals(150 + 4 + 12, CiBarRenderer.baseline(-4, 100, 150, 12, 3, 10, 190), 0.0, "room below the whisker");
        assertEquals(187, CiBarRenderer.baseline(-4, 100, 180, 12, 3, 10, 190), 0.0, "at the plot's lower edge");
        assertEquals(96, CiBarRenderer.baseline(20, 100, 150, 12, 3, 10, 190), 0.0, "room above");
        assertEquals(22, CiBarRenderer.baseline(20, 12, 150, 12, 3, 10, 190), 0.0, "at the plot's upper edge");
    }
}
