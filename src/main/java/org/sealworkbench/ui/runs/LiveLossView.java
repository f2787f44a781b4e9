package org.sealworkbench.ui.runs;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sealworkbench.jobs.charts.ChartsData.LossCurve;
import org.sealworkbench.jobs.charts.ChartsData.LossPoint;
import org.sealworkbench.ui.charts.ChartFactory;

/**
 * The live loss panel: a JFreeChart line (the Charts tab's loss chart) that grows as the view model's points arrive,
 * with the run's step, loss, lr and tokens/s above it. Thin: all state is in {@link LiveLossViewModel}.
 */
public final class LiveLossView extends BorderPane {
    final ChartViewer viewer;
    final XYSeries series;
    final Label title = new Label();
    final Label detail = new Label();

    public LiveLossView(LiveLossViewModel vm) {
        getStyleClass().add("live-loss");
        JFreeChart chart = ChartFactory.loss(List.of(new LossCurve(-1, "training loss", List.of())), false);
        chart.setTitle((String) null);
        chart.removeLegend();
        series = ((XYSeriesCollection) chart.getXYPlot().getDataset()).getSeries(0);
        viewer = new ChartViewer(chart);
        viewer.setId("live-loss-chart");
        viewer.setMinSize(200, 120);
        title.setId("liveTitle");
        title.getStyleClass().add("live-title");
        title.setStyle("-fx-font-weight: bold;");
        title.textProperty().bind(vm.titleProperty());
        detail.setId("liveDetail");
        detail.setWrapText(true);
        detail.textProperty().bind(vm.detailProperty());
        VBox head = new VBox(2, title, detail);
        head.setPadding(new Insets(6, 8, 4, 8));
        setTop(head);
        setCenter(viewer);
        vm.points().addListener((ListChangeListener<LossPoint>) c -> {
            boolean reset = false;
            while (c.next()) {
                if (c.wasRemoved() || c.wasReplaced()) reset = true;
            }
            if (reset) {
                series.clear();
                series.setNotify(false);
                for (LossPoint p : vm.points()) series.add(p.step(), p.loss());
                series.setNotify(true);
                series.fireSeriesChanged();
                return;
            }
            c.reset();
            while (c.next()) {
                if (c.wasAdded()) {
                    series.setNotify(false);
                    for (LossPoint p : c.getAddedSubList()) series.add(p.step(), p.loss());
                    series.setNotify(true);
                    series.fireSeriesChanged();
                }
            }
        });
    }

    /** Points the chart holds now (tests). */
    public int chartPoints() {
        return series.getItemCount();
    }
}
