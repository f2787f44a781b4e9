package org.sealworkbench.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.Paint;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.charts.ChartsData.ConditionBar;
import org.sealworkbench.jobs.charts.ChartsData.PairedBar;

/**
 * The Conditions tab's two charts colour a condition alike: the paired chart has no passage-only bar, so by its own
 * series order every condition after passage only took the next condition's colour (self-edits drawn orange below,
 * passage only's colour above).
 */
class ChartColoursTest {
    @Test
    void aConditionHasOneColourInTheConditionsAndThePairedChart() {
        List<ConditionBar> bars = List.of(
                new ConditionBar("no adaptation", "contains", "d1", 0.03, 0.01, 0.05, 0.03, 100, 480),
                new ConditionBar("passage only", "contains", "d1", 0.07, 0.05, 0.09, 0.07, 100, 480),
                new ConditionBar("self-edits of seal-tiny", "contains", "d1", 0.27, 0.23, 0.31, 0.27, 100, 480),
                new ConditionBar("SEAL round 1", "contains", "d1", 0.28, 0.24, 0.32, 0.28, 100, 480));
        List<PairedBar> diffs = List.of(
                new PairedBar("no adaptation", "passage only", "contains", "d1", -0.04, -0.06, -0.02, 100),
                new PairedBar("self-edits of seal-tiny", "passage only", "contains", "d1", 0.20, 0.15, 0.25, 100),
                new PairedBar("SEAL round 1", "passage only", "contains", "d1", 0.21, 0.16, 0.26, 100));
        JFreeChart top = ChartFactory.conditions(bars);
        JFreeChart below = ChartFactory.paired(diffs, ChartFactory.conditionOrder(bars));
        for (String c : List.of("no adaptation", "self-edits of seal-tiny", "SEAL round 1")) {
            assertEquals(paint(top, c), paint(below, c), c);
        }
        assertNotEquals(paint(top, "passage only"), paint(below, "self-edits of seal-tiny"));
    }

    private static Paint paint(JFreeChart chart, String condition) {
        CategoryPlot plot = chart.getCategoryPlot();
        return plot.getRenderer().getSeriesPaint(plot.getDataset().getRowIndex(condition));
    }
}
