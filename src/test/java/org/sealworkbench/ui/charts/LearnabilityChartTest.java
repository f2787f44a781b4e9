package org.sealworkbench.ui.charts;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.charts.ChartsData;
import org.sealworkbench.jobs.charts.ChartsData.LearnPoint;

/** The learnability scatter: a series per author, Spearman's rho by hand. */
class LearnabilityChartTest {
    static LearnPoint p(String author, double loss, double reward) {
        return new LearnPoint(1, 1, author, "m", loss, 10, reward);
    }

    @Test
    void spearmanIsTheRankCorrelationWorkedOutByHand() {
        // ranks of x 1 2 3 4, of y 1 2 4 3: d^2 = 0 0 1 1 -> rho = 1 - 6 * 2 / (4 * 15) = 0.8
        List<LearnPoint> ps = List.of(p("a", 1, 0.1), p("a", 2, 0.2), p("a", 3, 0.4), p("a", 4, 0.3));
        assertEquals(0.8, ChartFactory.spearman(ps), 1e-12);
        // a monotone decreasing relation is -1 whatever the values
        assertEquals(-1.0, ChartFactory.spearman(List.of(p("a", 1, 0.9), p("a", 5, 0.5), p("a", 50, 0.1))), 1e-12);
        // ties get average ranks: x 1 2 2 -> 1 2.5 2.5, y 1 2 3 -> Pearson of the ranks = 0.866...
        assertEquals(Math.sqrt(3) / 2, ChartFactory.spearman(List.of(p("a", 1, 0.1), p("a", 2, 0.2), p("a", 2, 0.3))), 1e-12);
        assertTrue(Double.isNaN(ChartFactory.spearman(ps.subList(0, 2))), "fewer than 3 points");
        assertTrue(Double.isNaN(ChartFactory.spearman(List.of(p("a", 1, 0.5), p("a", 2, 0.5), p("a", 3, 0.5)))), "constant reward");
    }

    @Test
    void aSeriesPerAuthorWithItsRhoInTheLegend() {
        List<LearnPoint> ps = List.of(p(ChartsData.OWN_MODEL, 1, 0.1), p(ChartsData.OWN_MODEL, 2, 0.2), p(ChartsData.OWN_MODEL, 3, 0.4),
                p(ChartsData.OWN_MODEL, 4, 0.3), p(ChartsData.IMPORT, 2, 0.5), p(ChartsData.HUMAN, 3, Double.NaN));
        JFreeChart c = ChartFactory.learnability(ps);
        XYPlot plot = (XYPlot) c.getPlot();
        assertEquals(2, plot.getDataset().getSeriesCount(), "own model and import; the human edit has no reward");
        assertEquals("own model (n=4, Spearman rho +0.80)", plot.getDataset().getSeriesKey(0));
        assertEquals("import (n=1, Spearman rho n/a)", plot.getDataset().getSeriesKey(1));
        assertEquals(40.0, plot.getDataset().getYValue(0, 2), 1e-12);
        assertEquals(3.0, plot.getDataset().getXValue(0, 2), 1e-12);
    }
}
