package org.sealworkbench.ui.charts;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.Test;
import org.sealworkbench.seal.Continual;

/** The forgetting charts: a cell per (step, passage seen so far) at its accuracy, step 1 on top, labels readable on their cells. */
class ContinualChartsTest {
    private static final double N = Double.NaN;

    private static Continual.Result result() {
        double[][] m = {{0.5, N, N}, {0.25, 1.0, N}, {0.0, 0.75, 0.5}};
        return new Continual.Result(List.of(11L, 12L, 13L), "passage-only", List.<double[][]>of(m), m, new double[] {0.5, 1.0, 0.5},
                new double[] {N, 0.25, 0.375}, new double[] {N, 0.25, 0.375}, 7, "abc");
    }

    @Test
    void theHeatmapHasACellPerStepAndPassageSeenAtItsAccuracy() {
        JFreeChart chart = ContinualCharts.heatmap(result());
        XYZDataset ds = (XYZDataset) chart.getXYPlot().getDataset();
        assertEquals(6, ds.getItemCount(0), "3 + 2 + 1 cells: none right of the diagonal");
        boolean found = false;
        for (int i = 0; i < ds.getItemCount(0); i++) {
            assertTrue(ds.getXValue(0, i) <= ds.getYValue(0, i), "passage j is only drawn from its own step on");
            if (ds.getXValue(0, i) == 2 && ds.getYValue(0, i) == 3) {
                assertEquals(75.0, ds.getZValue(0, i), 1e-9);
                found = true;
            }
        }
        assertTrue(found, "after step 3, passage 2");
        assertTrue(chart.getXYPlot().getRangeAxis().isInverted(), "step 1 on top, as the printed matrix");
        List<XYTextAnnotation> labels = chart.getXYPlot().getAnnotations().stream().map(a -> (XYTextAnnotation) a).toList();
        assertEquals(6, labels.size());
        XYTextAnnotation full = labels.stream().filter(a -> a.getText().equals("100")).findFirst().orElseThrow();
        assertEquals(java.awt.Color.WHITE, full.getPaint(), "white on the darkest cells");
        ChartFactory.themed(chart, true);
        assertEquals(java.awt.Color.WHITE, full.getPaint(), "themed() leaves it: it is coloured for its cell");
        // the dark theme's own scale: empty-ish cells dark, not white, and their labels light
        JFreeChart dark = ChartFactory.themed(ContinualCharts.heatmap(result(), true), true);
        var renderer = (org.jfree.chart.renderer.xy.XYBlockRenderer) dark.getXYPlot().getRenderer();
        java.awt.Color zero = (java.awt.Color) renderer.getPaintScale().getPaint(0);
        assertTrue(zero.getRed() + zero.getGreen() + zero.getBlue() < 3 * 80, "0 % is dark in the dark theme: " + zero);
        XYTextAnnotation nought = dark.getXYPlot().getAnnotations().stream().map(a -> (XYTextAnnotation) a)
                .filter(a -> a.getText().equals("0")).findFirst().orElseThrow();
        java.awt.Color ink = (java.awt.Color) nought.getPaint();
        assertTrue(ink.getRed() + ink.getGreen() + ink.getBlue() > 3 * 180, "a light label on a dark cell: " + ink);
        String tip = chart.getXYPlot().getRenderer().getDefaultToolTipGenerator().generateToolTip(ds, 0, 0);
        assertEquals("after step 1, passage 1 (id 11): 50.0 % (its own step)", tip);
    }

    @Test
    void aRepeatsOwnMatrixCanBeShownInsteadOfTheMean() {
        double[][] a = {{1.0, N}, {0.5, 1.0}}, b = {{0.0, N}, {0.5, 0.0}}, mean = {{0.5, N}, {0.5, 0.5}};
        Continual.Result r = new Continual.Result(List.of(1L, 2L), "passage-only", List.of(a, b), mean, new double[] {0.5, 0.5},
                new double[] {N, 0.5}, new double[] {N, 0.0}, 1, "d");
        assertEquals(50.0, ((XYZDataset) ContinualCharts.heatmap(r).getXYPlot().getDataset()).getZValue(0, 0), 1e-9);
        JFreeChart second = ContinualCharts.heatmap(r, 1, false);
        assertEquals(0.0, ((XYZDataset) second.getXYPlot().getDataset()).getZValue(0, 0), 1e-9, "repeat 2's step 1");
        assertTrue(second.getTitle().getText().endsWith("repeat 2 of 2"), second.getTitle().getText());
        assertTrue(ContinualCharts.heatmap(r).getTitle().getText().endsWith("mean of 2 repeats"));
        assertThrows(IllegalArgumentException.class, () -> ContinualCharts.heatmap(r, 2, false));
    }

    @Test
    void theCurvesAreNewestAndRetentionPerStep() {
        XYDataset ds = ContinualCharts.curves(result()).getXYPlot().getDataset();
        assertEquals(3, ds.getItemCount(0));
        assertEquals(2, ds.getItemCount(1), "no retention at step 1: nothing earlier");
        assertEquals(100.0, ds.getYValue(0, 1), 1e-9);
        assertEquals(37.5, ds.getYValue(1, 1), 1e-9);
        assertEquals(3.0, ds.getXValue(1, 1), 1e-9);
    }
}
