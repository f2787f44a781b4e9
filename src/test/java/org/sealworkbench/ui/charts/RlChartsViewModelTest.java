package org.sealworkbench.ui.charts;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.charts.ChartsData;
import org.sealworkbench.jobs.charts.ChartsService;
import org.sealworkbench.jobs.charts.RlChartsTest;
import org.sealworkbench.seal.Conditions;
import org.sealworkbench.ui.JobRunner;
import org.sealworkbench.ui.charts.ChartsViewModel.Chart;

/** The RL, per-passage gain and diversity charts without a screen: their datasets are the data's numbers. */
class RlChartsViewModelTest {
    @TempDir Path tmp;
    JobRunner runner;
    ChartsViewModel vm;
    final List<Long> opened = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        Fx.start();
        Path ws = RlChartsTest.workspace(tmp);
        runner = new JobRunner();
        vm = Fx.call(() -> new ChartsViewModel(new ChartsService(ws), runner));
        vm.setOnOpenPassage(opened::add);
        Fx.run(vm::refresh);
        Fx.await("loaded", () -> !vm.dataProperty().get().rlRounds().isEmpty());
    }

    @AfterEach
    void close() {
        runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
    }

    @Test
    void rlChartPlotsEachRoundsRewardsAndTheValidationAccuracy() throws Exception {
        ChartsData d = Fx.call(() -> vm.dataProperty().get());
        XYDataset ds = ((XYPlot) Fx.call(() -> vm.chart(Chart.RL)).getPlot()).getDataset();
        assertEquals(3, ds.getSeriesCount(), "mean, best-of-k, one validation series");
        for (int i = 0; i < 2; i++) {
            assertEquals(d.rlRounds().get(i).round(), ds.getXValue(0, i), 0);
            assertEquals(100 * d.rlRounds().get(i).meanReward(), ds.getYValue(0, i), 1e-12);
            assertEquals(100 * d.rlRounds().get(i).meanBestReward(), ds.getYValue(1, i), 1e-12);
        }
        assertEquals(37.5, ds.getYValue(0, 0), 1e-12);
        assertEquals(75.0, ds.getYValue(2, 0), 1e-12, "round 1's model on validation");
        assertNull(Fx.call(() -> vm.emptyText(Chart.RL)));

        XYDataset strip = ((XYPlot) Fx.call(() -> vm.chart(Chart.REWARDS)).getPlot()).getDataset();
        assertEquals(5, strip.getItemCount(0) + strip.getItemCount(1), "a point per reward");
        assertEquals(3, strip.getItemCount(1), "the best of each passage: A and B in round 1, A in round 2");
        assertEquals(37.5, strip.getYValue(2, 0), 1e-12, "round 1's mean");
        assertEquals(1.0, strip.getXValue(2, 0), 0);
        List<Double> round1 = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < strip.getItemCount(s); i++) if (Math.round(strip.getXValue(s, i)) == 1) round1.add(strip.getYValue(s, i));
        }
        round1.sort(null);
        assertEquals(List.of(0.0, 0.0, 50.0, 100.0), round1);
        String csv = Fx.call(() -> vm.csv(Chart.REWARDS));
        assertEquals(1 + 5, csv.split("\n").length, csv);
        assertTrue(Fx.call(() -> vm.csv(Chart.RL)).contains("validation_accuracy,1,"), "the validation row in the RL CSV");
    }

    @Test
    void clickingAGainPointOpensItsPassage() throws Exception {
        assertTrue(Fx.call(() -> vm.gainSeriesProperty().get()).startsWith(Conditions.sealRound(1)), "SEAL's round is shown first");
        XYDataset ds = ((XYPlot) Fx.call(() -> vm.chart(Chart.GAIN)).getPlot()).getDataset();
        assertEquals(2, ds.getItemCount(0));
        assertEquals(50.0, ds.getXValue(0, 1), 1e-12, "Bees before");
        assertEquals(100.0, ds.getYValue(0, 1), 1e-12, "Bees after");
        long bees = Fx.call(() -> vm.shownGain().points().get(1).passageId());
        assertTrue(Fx.call(() -> vm.openGainPoint(1)));
        assertEquals(List.of(bees), opened);
        assertFalse(Fx.call(() -> vm.openGainPoint(7)), "no such point");
        assertEquals(List.of(bees), opened);
        assertTrue(Fx.call(() -> vm.csv(Chart.GAIN)).contains(",Bees,0.5,1.0,0.5"), Fx.call(() -> vm.csv(Chart.GAIN)));
    }

    @Test
    void diversityChartsShowEachRound() throws Exception {
        ChartsData.DiversityRound r1 = Fx.call(() -> vm.dataProperty().get().diversity().get(0));
        XYPlot plot = (XYPlot) Fx.call(() -> vm.chart(Chart.DIVERSITY)).getPlot();
        assertEquals(r1.distinct1(), plot.getDataset(0).getYValue(0, 0), 1e-12);
        assertEquals(r1.distinct2(), plot.getDataset(0).getYValue(1, 0), 1e-12);
        assertEquals(r1.meanWords(), plot.getDataset(1).getYValue(0, 0), 1e-12);
        CategoryPlot formats = (CategoryPlot) Fx.call(() -> vm.chart(Chart.FORMATS)).getPlot();
        assertEquals(25.0, formats.getDataset().getValue("Q/A pairs", "round 1").doubleValue(), 1e-12);
        assertEquals(50.0, formats.getDataset().getValue("prose", "round 1").doubleValue(), 1e-12);
        assertEquals(100.0, formats.getDataset().getValue("prose", "round 2").doubleValue(), 1e-12);
    }

    @Test
    void chartsFollowTheDarkThemeButExportsStayLight() throws Exception {
        for (Chart c : Chart.values()) {
            JFreeChart light = Fx.call(() -> vm.chart(c));
            assertEquals(Color.WHITE, light.getBackgroundPaint(), c.name());
        }
        Fx.run(() -> vm.darkProperty().set(true));
        for (Chart c : Chart.values()) {
            JFreeChart dark = Fx.call(() -> vm.chart(c));
            Color bg = (Color) dark.getBackgroundPaint();
            Color text = (Color) dark.getTitle().getPaint();
            assertTrue(luminance(bg) < 0.2 && luminance(text) > 0.8, c + ": dark background, light title");
            assertEquals(Color.WHITE, Fx.call(() -> vm.lightChart(c)).getBackgroundPaint());
        }
        Path base = tmp.resolve("out/rl");
        Task<List<Path>> task = Fx.call(() -> vm.export(Chart.RL, base, 800, 500));
        Fx.await("exported", () -> task.getState() == Worker.State.SUCCEEDED || task.getState() == Worker.State.FAILED);
        assertEquals(Worker.State.SUCCEEDED, Fx.call(task::getState), () -> String.valueOf(task.getException()));
        String svg = Files.readString(tmp.resolve("out/rl.svg"));
        assertTrue(svg.contains("best-of-k reward"), "the legend is in the SVG");
        org.jfree.svg.SVGGraphics2D g2 = new org.jfree.svg.SVGGraphics2D(800, 500);
        Fx.call(() -> vm.chart(Chart.RL)).draw(g2, new java.awt.Rectangle(0, 0, 800, 500));
        String shown = g2.getSVGDocument().toLowerCase(java.util.Locale.ROOT);
        assertTrue(hasDarkBackground(shown), "the dark chart as drawn has the dark background");
        assertFalse(hasDarkBackground(svg.toLowerCase(java.util.Locale.ROOT)), "the export is light");
    }

    private static boolean hasDarkBackground(String svg) {
        return svg.contains("rgb(13,17,23)") || svg.contains("#0d1117");
    }

    private static double luminance(Color c) {
        return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255;
    }
}
