package org.sealworkbench.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.charts.ChartsData.RewardPoint;
import org.sealworkbench.jobs.charts.ChartsData.RlRound;

/** A workspace where ReST-EM ran twice with other settings: one reward line per run, not one zigzag through both. */
class RlRunsChartTest {
    private static RlRound round(int r, long id, String in, String out, double mean) {
        return new RlRound(r, id, "done", in, out, 4, 20, mean, mean + 0.2);
    }

    @Test
    void roundsAreSplitIntoRunsByRoundOneAndTheModelEachRoundStartedFrom() {
        List<RlRound> rounds = List.of(
                round(1, 1, "seal-tiny", "round-1", 0.30),
                round(2, 2, "round-1", "round-2", 0.35),
                round(1, 3, "seal-tiny", "round-1-3", 0.10),
                round(2, 4, "round-1-3", "round-2-4", 0.15),
                round(3, 5, "round-2", null, Double.NaN));   // run 1's round 3, stopped before its model
        assertEquals(List.of(1, 1, 2, 2, 1), ChartFactory.runs(rounds));
        assertEquals(List.of(1, 2), ChartFactory.runs(List.of(round(1, 9, "a", "b", 0.1), round(1, 10, "a", "c", 0.1))));
        assertEquals(List.of(1, 1), ChartFactory.runs(List.of(round(2, 7, "b", "c", 0.1), round(1, 6, "a", "b", 0.1))),
                "order of the list does not matter, round and id do");

        XYDataset ds = ChartFactory.rl(rounds, List.of()).getXYPlot().getDataset();
        assertEquals(4, ds.getSeriesCount());
        assertEquals("mean reward · run 1", ds.getSeriesKey(0));
        assertEquals("best-of-k reward · run 2", ds.getSeriesKey(3));
        assertEquals(2, ds.getItemCount(0), "run 1: rounds 1 and 2 (round 3 has no reward yet)");
        assertEquals(30.0, ds.getYValue(0, 0), 1e-9);
        assertEquals(35.0, ds.getYValue(0, 1), 1e-9);
        assertEquals(10.0, ds.getYValue(2, 0), 1e-9);
        assertEquals(15.0, ds.getYValue(2, 1), 1e-9);

        JFreeChart one = ChartFactory.rl(rounds.subList(0, 2), List.of());
        assertEquals("mean reward", one.getXYPlot().getDataset().getSeriesKey(0), "a single run keeps the plain names");
    }

    @Test
    void theStripPlotGivesEachRunOfARoundItsOwnBandAndMean() {
        List<RlRound> rounds = List.of(round(1, 1, "seal-tiny", "round-1", 0.5), round(1, 3, "seal-tiny", "round-1-3", 0.1));
        List<RewardPoint> points = List.of(
                new RewardPoint(1, 10, 100, 0.4, false, 1), new RewardPoint(1, 10, 101, 0.6, true, 1),
                new RewardPoint(1, 10, 102, 0.0, false, 3), new RewardPoint(1, 10, 103, 0.2, true, 3));
        XYDataset ds = ChartFactory.rewards(points, rounds).getXYPlot().getDataset();
        assertEquals("round mean of a run", ds.getSeriesKey(2));
        assertEquals(2, ds.getItemCount(2), "one mean per run of round 1");
        assertEquals(50.0, ds.getYValue(2, 0), 1e-9, "run 1: (0.4 + 0.6) / 2");
        assertEquals(10.0, ds.getYValue(2, 1), 1e-9, "run 2: (0.0 + 0.2) / 2");
        // run 1's band lies left of run 2's, both within round 1's width
        double run1Mean = ds.getXValue(2, 0), run2Mean = ds.getXValue(2, 1);
        assertTrue(0.7 <= run1Mean && run1Mean < 1.0 && 1.0 < run2Mean && run2Mean <= 1.3, run1Mean + " " + run2Mean);
        for (int item = 0; item < ds.getItemCount(0); item++) {
            double y = ds.getYValue(0, item), x = ds.getXValue(0, item);
            assertTrue(y == 40.0 ? x < 1.0 : x > 1.0, "a point sits in its run's band: x " + x + ", y " + y);
        }

        // each band is labelled with its run, under it (not only in the tooltips), in the dark theme's text colour too
        JFreeChart chart = ChartFactory.rewards(points, rounds);
        List<org.jfree.chart.annotations.XYTextAnnotation> labels = chart.getXYPlot().getAnnotations().stream()
                .map(a -> (org.jfree.chart.annotations.XYTextAnnotation) a).toList();
        assertEquals(List.of("run 1", "run 2"), labels.stream().map(org.jfree.chart.annotations.XYTextAnnotation::getText).toList());
        assertEquals(run1Mean, labels.get(0).getX(), 1e-9);
        assertEquals(run2Mean, labels.get(1).getX(), 1e-9);
        assertTrue(labels.get(0).getY() < 0 && chart.getXYPlot().getRangeAxis().getLowerBound() < labels.get(0).getY(),
                "below the 0 % points, inside the plot");
        java.text.NumberFormat ticks = ((org.jfree.chart.axis.NumberAxis) chart.getXYPlot().getRangeAxis()).getNumberFormatOverride();
        assertEquals("", ticks.format(-10.0), "no negative reward tick beside the labels");
        assertEquals("20", ticks.format(20.0));
        ChartFactory.themed(chart, true);
        assertEquals(new java.awt.Color(0xE6EDF3), labels.get(0).getPaint(), "readable on the dark background");

        JFreeChart single = ChartFactory.rewards(points.subList(0, 2), rounds.subList(0, 1));
        XYDataset one = single.getXYPlot().getDataset();
        assertEquals("round mean", one.getSeriesKey(2), "one run: as before");
        assertEquals(1.0, one.getXValue(2, 0), 1e-9, "its mean at the round");
        assertTrue(single.getXYPlot().getAnnotations().isEmpty(), "one run: no labels");
        assertEquals(-3, single.getXYPlot().getRangeAxis().getLowerBound(), 1e-9);
    }
}
