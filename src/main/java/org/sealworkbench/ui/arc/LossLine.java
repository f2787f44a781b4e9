package org.sealworkbench.ui.arc;

import java.util.List;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sealworkbench.jobs.charts.ChartsData.LossCurve;
import org.sealworkbench.jobs.charts.ChartsData.LossPoint;
import org.sealworkbench.ui.Theme;
import org.sealworkbench.ui.charts.ChartFactory;

/**
 * A loss line by optimiser step in a {@link ChartViewer}, following a view model's list of points as they arrive and
 * redrawn in the theme's colours when it changes: the Few-shot window's running inner loop, its RL round's SFT.
 */
final class LossLine {
    private final ChartViewer viewer;
    private final ObservableList<LossPoint> points;
    private final String name;
    private XYSeries series;
    // held here: the theme's property keeps only a weak reference to it
    private final ChangeListener<Theme> onTheme = (o, a, t) -> draw();

    LossLine(ChartViewer viewer, ObservableList<LossPoint> points, String name) {
        this.viewer = viewer;
        this.points = points;
        this.name = name;
        draw();
        Theme.currentProperty().addListener(new WeakChangeListener<>(onTheme));
        points.addListener((ListChangeListener<LossPoint>) c -> {
            series.setNotify(false);
            series.clear();
            for (LossPoint p : points) series.add(p.step(), p.loss());
            series.setNotify(true);
            series.fireSeriesChanged();
        });
    }

    private void draw() {
        JFreeChart chart = ChartFactory.loss(List.of(new LossCurve(-1, name, List.of())), false);
        chart.setTitle((String) null);
        chart.removeLegend();
        // room on the right for the last step's tick label (cut to "10" of 100 in a narrow pane)
        chart.setPadding(new org.jfree.chart.ui.RectangleInsets(2, 2, 2, 14));
        series = ((XYSeriesCollection) chart.getXYPlot().getDataset()).getSeries(0);
        for (LossPoint p : points) series.add(p.step(), p.loss());
        viewer.setChart(ChartFactory.themed(chart, Theme.currentProperty().get() == Theme.DARK));
    }
}
