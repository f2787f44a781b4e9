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

    private static BufferedImage draw(JFreeChart chart, boolean values, ChartRenderingInfo info) {
        ((CiBarRenderer) ((CategoryPlot) chart.getPlot()).getRenderer()).setValueLabels(values);
        chart.setAntiAlias(false);
        chart.setTextAntiAlias(false);
        return chart.createBufferedImage(W, H, info);
    }
}
