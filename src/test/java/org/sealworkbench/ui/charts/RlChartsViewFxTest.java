package org.sealworkbench.ui.charts;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.jobs.EvaluationRequest;
import org.sealworkbench.jobs.Jobs;
import org.sealworkbench.jobs.PerplexityRequest;
import org.sealworkbench.jobs.RlRequest;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.llm.io.RandomCheckpoint;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.seal.SettingsOverrides;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.ui.JobRunner;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;
import org.testfx.api.FxToolkit;

/**
 * A workspace filled through the jobs with a tiny random model: one ReST-EM round, then SEAL's evaluation including the
 * round's model. Every chart of the view is drawn with data, and the RL chart exports as PNG and SVG.
 */
class RlChartsViewFxTest extends org.sealworkbench.ui.FxTestRobot {
    @TempDir Path tmp;
    JobRunner runner;

    @AfterEach
    void close() throws Exception {
        if (runner != null) runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
        FxToolkit.cleanupStages();
    }

    @Test
    void everyChartOfAnRlWorkspaceIsDrawnAndTheRlChartExports() throws Exception {
        TestEngine.setUp();
        Path ckpt = tmp.resolve("m");
        try (NDManager nd = NDManager.newBaseManager()) {
            RandomCheckpoint.write(ckpt, "llama", "tiny", 5, "F32", nd);
        }
        Path ws = tmp.resolve("ws");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            String[][] facts = {{"Owls", "Owls hunt at night.", "When do owls hunt?", "night"},
                    {"Bees", "Bees make honey.", "What do bees make?", "honey"},
                    {"Moles", "Moles dig tunnels.", "What do moles dig?", "tunnels"},
                    {"Cows", "Cows eat grass.", "What do cows eat?", "grass"}};
            for (String[] f : facts) log.addPassage(new Passage(f[0], f[1], List.of(new Question(f[2], f[3]))), "t");
        }
        SealSettings tiny = new SettingsOverrides().grader("contains").innerRepeats(1).rounds(1).passagesPerRound(2).rlK(2)
                .rlRepeats(1).k(1).maxTokens(8).epochs(1).maxSequences(2).apply(Presets.sealTinyCpu());
        PassageSplit split = new PassageSplit(2);
        Jobs.run(new RlRequest(ws, ckpt, tiny, split, null), Progress.none(), new CancelToken());
        Jobs.run(new EvaluationRequest(ws, ckpt, tiny, split, List.of("no-adaptation", "passage-only", "seal-round:1"), 2, null), Progress.none(), new CancelToken());
        Jobs.run(new PerplexityRequest(ws), Progress.none(), new CancelToken());

        Fx.start();
        runner = new JobRunner();
        Stage stage = FxToolkit.registerPrimaryStage();
        ChartsView view = Fx.call(() -> {
            ChartsView v = ChartsApp.create(ws, runner);
            stage.setScene(new Scene(v, 1280, 800));
            stage.show();
            return v;
        });
        Fx.await("the RL round read", () -> !view.viewModel().dataProperty().get().rlRounds().isEmpty());
        // the first runs' loss curves are a read of their own after the data's: the loss chart has them once it is in
        Fx.await("the first loss curves read", () -> !view.viewModel().rawCurves().isEmpty());
        List<String> empty = new ArrayList<>();
        javafx.scene.control.TabPane tabs = lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class);
        Map<String, String> tabOf = Map.of("conditions", "Conditions", "paired", "Conditions", "loss", "Loss", "rl", "RL",
                "rewards", "RL", "gain", "Per-passage gain", "diversity", "Diversity", "formats", "Diversity",
                "learnability", "Learnability");
        for (String id : List.of("conditions", "paired", "loss", "rl", "rewards", "gain", "diversity", "formats", "learnability")) {
            // a chart is drawn when its sub-tab is shown (ChartsView.draw)
            Fx.run(() -> tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals(tabOf.get(id)))
                    .findFirst().orElseThrow()));
            Fx.await(id + " chart drawn", () -> lookup("#" + id + "-chart").queryAs(ChartViewer.class).getChart() != null);
            JFreeChart c = Fx.call(() -> lookup("#" + id + "-chart").queryAs(ChartViewer.class).getChart());
            int items = 0;
            if (c.getPlot() instanceof XYPlot p) {
                for (int d = 0; d < p.getDatasetCount(); d++) {
                    if (p.getDataset(d) == null) continue;
                    for (int s = 0; s < p.getDataset(d).getSeriesCount(); s++) items += p.getDataset(d).getItemCount(s);
                }
            } else if (c.getPlot() instanceof CategoryPlot p) {
                items = p.getDataset().getRowCount() * p.getDataset().getColumnCount();
            }
            if (id.equals("gain")) items -= 2;   // the no-change diagonal is always there
            if (items == 0) empty.add(id);
        }
        assertEquals(List.of(), empty, "charts without data");
        XYPlot rl = (XYPlot) Fx.call(() -> lookup("#rl-chart").queryAs(ChartViewer.class).getChart()).getPlot();
        assertTrue(rl.getDataset().getSeriesCount() >= 3, "mean, best-of-k and the round's model on validation");
        assertEquals(1, rl.getDataset().getItemCount(2), "validation: round 1's model");

        Path base = tmp.resolve("export/rl");
        Fx.run(() -> view.exportTo(ChartsViewModel.Chart.RL, base));
        Fx.await("exported", () -> Files.exists(tmp.resolve("export/rl.csv")));
        BufferedImage png = ImageIO.read(tmp.resolve("export/rl.png").toFile());
        assertEquals(1400, png.getWidth());
        String svg = Files.readString(tmp.resolve("export/rl.svg"));
        assertTrue(svg.contains("<svg") && svg.contains("best-of-k reward") && svg.contains("mean reward"), svg.substring(0, 100));
    }
}
