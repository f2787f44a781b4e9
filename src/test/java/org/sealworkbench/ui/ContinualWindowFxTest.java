package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.app.Offline;
import org.sealworkbench.jobs.workspace.ModelItem;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.ui.continual.ContinualViewModel;
import org.sealworkbench.ui.continual.ContinualWindow;
import org.testfx.api.FxToolkit;

/**
 * Continual self-edits from the real window on a real workspace with a tiny random model: Ctrl+Shift+K opens the window,
 * a bad passage count blocks Start and says why, Ctrl+Enter runs the sequence, and the heatmap, the curves and the
 * matrices appear; every step is stored.
 */
class ContinualWindowFxTest extends FxTestRobot {
    private static final String SAMPLE = """
            [{"title": "Lighthouses", "context": "A lighthouse warns ships of rocks with a bright lamp.",
              "questions": [{"question": "What does a lighthouse warn ships of?", "answer": "Rocks"}]},
             {"title": "Tides", "context": "Tides rise and fall twice a day, pulled by the moon.",
              "questions": [{"question": "What pulls the tides?", "answer": "The moon"}]},
             {"title": "Dunes", "context": "Dunes are hills of sand shaped by the wind.",
              "questions": [{"question": "What shapes dunes?", "answer": "The wind"}]}]
            """;

    @TempDir Path tmp;
    private Path workspace;
    private WorkbenchApp app;
    private ScriptedDialogs dialogs;

    @BeforeEach
    void setUp() throws Exception {
        Offline.enforce();
        Path samples = TestApps.samples(tmp, SAMPLE);
        Path model = org.sealworkbench.llm.TestEngine.tiny(tmp.resolve("tiny-model"), "qwen2");
        workspace = tmp.resolve("ws");
        dialogs = new ScriptedDialogs();
        app = TestApps.start(workspace, samples, tmp.resolve("settings.properties"), dialogs);
        interact(() -> app.viewModel().models().selectedProperty().set(new ModelItem(null, "tiny", model, "qwen2", "tiny")));
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        assertEquals(List.of(), dialogs.errors, "no error dialogs");
    }

    @Test
    void ctrlShiftKRunsASequenceAndTheHeatmapAppears() throws Exception {
        clickOn("Lighthouses");
        press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.K).release(KeyCode.K, KeyCode.SHIFT, KeyCode.CONTROL);
        await("the window", () -> Window.getWindows().stream().anyMatch(w -> w instanceof ContinualWindow && w.isShowing()));
        ContinualWindow w = (ContinualWindow) Window.getWindows().stream().filter(x -> x instanceof ContinualWindow).findFirst().orElseThrow();
        ContinualViewModel vm = w.viewModel();
        await("the workspace's 3 passages counted", () -> vm.availableProperty().get() == 3);
        Label error = lookup("#continualError").queryAs(Label.class);
        assertEquals("passages: 8 asked, 3 in the workspace", error.getText(), "SEAL's 8 by default, more than the sample has");
        assertTrue(lookup("#continualStart").query().isDisabled());
        TextField passages = lookup("#continualPassages").queryAs(TextField.class);
        clickOn(passages).eraseText(1).write("3");
        interact(() -> {
            vm.sourceProperty().set("passage-only");
            vm.graderProperty().set("exact_match");
        });
        await("valid", () -> error.getText().isEmpty() && !lookup("#continualStart").query().isDisabled());
        assertTrue(lookup("#continualEmpty").queryAs(Label.class).isVisible(), "the empty state before a sequence");
        clickOn(passages);
        press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        await("the sequence finishes", () -> vm.resultProperty().get() != null);
        ChartViewer heatmap = lookup("#continualHeatmap").queryAs(ChartViewer.class);
        await("the heatmap drawn", () -> heatmap.getChart() != null && heatmap.isVisible());
        assertEquals(6, heatmap.getChart().getXYPlot().getDataset().getItemCount(0), "3 + 2 + 1 cells");
        assertNotNull(lookup("#continualCurves").queryAs(ChartViewer.class).getChart());
        assertTrue(lookup("#continualTable").queryAs(TextArea.class).getText().contains("mean over 1 repeat(s)"));
        assertFalse(lookup("#continualEmpty").queryAs(Label.class).isVisible());
        assertTrue(lookup("#continualStatus").queryAs(Label.class).getText().startsWith("Done in"));
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            assertEquals(3, log.runs().stream().filter(r -> r.condition().startsWith("continual: step")).count());
        }

        // The main window's Charts > Continual shows the stored sequence (read from the log, after the window's refresh)
        interact(w::hide);
        clickOn("Charts");
        clickOn("Continual");
        ChartViewer stored = lookup("#continual-heatmap").queryAs(ChartViewer.class);
        await("the stored sequence's heatmap in Charts", () -> stored.isVisible() && stored.getChart() != null
                && stored.getChart().getXYPlot().getDataset().getItemCount(0) == 6);
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> picker = lookup("#continual-sequence").queryAs(javafx.scene.control.ComboBox.class);
        assertTrue(picker.getValue().contains("passage-only on ") && picker.getValue().contains("3 passages, 1 repeat"), picker.getValue());
        assertTrue(lookup("#continual-summary").queryAs(Label.class).getText().startsWith("After the last step (3)"));
    }

    private void await(String what, BooleanSupplier condition) throws Exception {
        FxThread.await(what, 120, condition, () -> "; errors " + dialogs.errors);
    }
}
