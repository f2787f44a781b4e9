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
    XYSeries series;   // the shown chart's; a new chart (another theme) has a new one
    private final LiveLossViewModel vm;
    // held here: the theme's property keeps only a weak reference to it, so a closed window's view can go
    private final javafx.beans.value.ChangeListener<org.sealworkbench.ui.Theme> onTheme = (o, a, t) -> applyTheme();
    final Label title = new Label();
    final Label detail = new Label();

    public LiveLossView(LiveLossViewModel vm) {
        getStyleClass().add("live-loss");
        this.vm = vm;
        viewer = new ChartViewer(null);
        applyTheme();
        org.sealworkbench.ui.Theme.currentProperty().addListener(new javafx.beans.value.WeakChangeListener<>(onTheme));
        viewer.setId("live-loss-chart");
        viewer.setMinSize(200, 120);
        title.setId("liveTitle");
        title.getStyleClass().add("live-title");
        title.setStyle("-fx-font-weight: bold;");
        title.textProperty().bind(vm.titleProperty());
        detail.setId("liveDetail");
        detail.setWrapText(true);
        detail.textProperty().bind(vm.detailProperty());
        Label note = new Label();
        note.setId("liveNote");
        note.getStyleClass().add("muted");
        note.setWrapText(true);
        note.textProperty().bind(vm.noteProperty());
        note.visibleProperty().bind(vm.noteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        VBox head = new VBox(2, title, detail, note);
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

    /** A fresh chart in the current theme (light or dark, as the Charts tab draws it), holding the points so far. */
    private void applyTheme() {
        JFreeChart chart = ChartFactory.loss(List.of(new LossCurve(-1, "training loss", List.of())), false);
        chart.setTitle((String) null);
        chart.removeLegend();
        series = ((XYSeriesCollection) chart.getXYPlot().getDataset()).getSeries(0);
        series.setNotify(false);
        for (LossPoint p : vm.points()) series.add(p.step(), p.loss());
        series.setNotify(true);
        viewer.setChart(ChartFactory.themed(chart, org.sealworkbench.ui.Theme.currentProperty().get() == org.sealworkbench.ui.Theme.DARK));
    }

    /** Points the chart holds now (tests). */
    public int chartPoints() {
        return series.getItemCount();
    }
}
