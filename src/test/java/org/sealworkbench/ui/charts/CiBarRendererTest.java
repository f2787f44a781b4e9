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

    @Test
    void aValueStaysInsideThePlot() {
        // ascent 12, descent 3, plot from y 10 to 190
        assertEquals(150 + 4 + 12, CiBarRenderer.baseline(-4, 100, 150, 12, 3, 10, 190), 0.0, "room below the whisker");
        assertEquals(187, CiBarRenderer.baseline(-4, 100, 180, 12, 3, 10, 190), 0.0, "at the plot's lower edge");
        assertEquals(96, CiBarRenderer.baseline(20, 100, 150, 12, 3, 10, 190), 0.0, "room above");
        assertEquals(22, CiBarRenderer.baseline(20, 12, 150, 12, 3, 10, 190), 0.0, "at the plot's upper edge");
    }
}
