package org.sealworkbench.ui.history;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.cli.Main;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.jobs.EvaluationRequest;
import org.sealworkbench.jobs.Jobs;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.sealworkbench.jobs.history.RunComparison;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.llm.io.RandomCheckpoint;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.seal.SettingsOverrides;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.ui.FxThread;
import org.sealworkbench.ui.JobRunner;
import org.sealworkbench.ui.LayoutChecks;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;
import org.testfx.api.FxToolkit;

/**
 * The History tab on a workspace filled by two evaluation jobs (a tiny random model, two learning rates): the table fills
 * with exactly the rows of {@code seal runs --json}, a click shows a run's detail (settings, loss curve, answers), and
 * two runs compare side by side with the learning rate in the settings diff. In a 1280x800 window beside the library
 * nothing needs horizontal scrolling: the filter bar fits, and the runs, answers and jobs tables' columns fit their width.
 */
class HistoryViewFxTest extends org.sealworkbench.ui.FxTestRobot {
    @TempDir Path tmp;
    JobRunner runner;
    HistoryTab tab;

    @AfterEach
    void close() throws Exception {
        if (tab != null) tab.close();   // its poll thread must not outlive the test's workspace
        if (runner != null) runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
        FxToolkit.cleanupStages();
    }

    @Test
    void storedRunsFillTheTableShowDetailAndCompare() throws Exception {
        TestEngine.setUp();
        Path ckpt = tmp.resolve("seal-tiny");   // named as the bundled model
        try (NDManager nd = NDManager.newBaseManager()) {
            RandomCheckpoint.write(ckpt, "llama", "tiny", 5, "F32", nd);
        }
        Path ws = tmp.resolve("ws");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            log.addPassage(new Passage("Owls", "Owls hunt at night.", List.of(new Question("When do owls hunt?", "night"))), "t");
            log.addPassage(new Passage("Bees", "Bees make honey.", List.of(new Question("What do bees make?", "honey"))), "t");
        }
        SealSettings tiny = new SettingsOverrides().grader("contains").innerRepeats(1).apply(Presets.sealTinyCpu());
        Jobs.run(new EvaluationRequest(ws, ckpt, tiny, new PassageSplit(2), List.of("no-adaptation", "passage-only"), 1, null),
                Progress.none(), new CancelToken());
        SealSettings slower = new SettingsOverrides().grader("contains").innerRepeats(1).learningRate(1e-5).apply(Presets.sealTinyCpu());
        Jobs.run(new EvaluationRequest(ws, ckpt, slower, new PassageSplit(2), List.of("passage-only"), 1, null),
                Progress.none(), new CancelToken());
        JsonArray cli = runsJson(ws);
        assertEquals(3, cli.size(), "no adaptation and passage only on Owls, then passage only at another lr: " + cli);

        FxThread.start();
        runner = new JobRunner();
        Stage stage = FxToolkit.registerPrimaryStage();
        tab = FxThread.call(() -> {
            // As in the window at 1280x800: its theme and style sheet, beside the passage library (22 % of the width).
            org.sealworkbench.ui.Theme.LIGHT.apply();
            HistoryTab t = HistoryTab.following(new SimpleObjectProperty<>(ws), new SimpleBooleanProperty(true),
                    new javafx.beans.property.SimpleLongProperty(), runner);
            javafx.scene.control.SplitPane window = new javafx.scene.control.SplitPane(new javafx.scene.layout.Pane(), t);
            window.setDividerPositions(0.22);
            Scene scene = new Scene(window, 1280, 800);
            scene.getStylesheets().add(org.sealworkbench.ui.WorkbenchApp.class.getResource("workbench.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            return t;
        });
        TableView<RunRow> table = lookup("#history-runs").queryTableView();
        FxThread.await("the runs table fills", () -> table.getItems().size() == cli.size());

        // Nothing needs horizontal scrolling: the tool bar's controls lie in the window, whole and uncovered; the runs
        // table's columns share its width (with room for a vertical scroll bar), every heading whole.
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();   // laid out with the rows and the filters' items
        // The filters' items (the kinds, the statuses) and the columns' fitted widths come with the read, and the layout
        // that gives the combo boxes their new widths a pulse later (in CI the kind box was once measured in between).
        FxThread.await("the tool bar laid out at its controls' widths", () -> {
            HistoryView v = tab.view();
            return java.util.stream.Stream.of("#history-kind", "#history-status", "#history-compare").map(v::lookup)
                    .allMatch(n -> ((javafx.scene.layout.Region) n).getWidth() + 0.5 >= ((javafx.scene.layout.Region) n).prefWidth(-1));
        });
        FxThread.run(() -> {
            HistoryView v = tab.view();
            List<javafx.scene.Node> bar = new java.util.ArrayList<>();
            for (String id : List.of("#history-search", "#history-kind", "#history-status", "#history-compare")) bar.add(v.lookup(id));
            bar.add(LayoutChecks.labeled((javafx.scene.Parent) v.getTop(), "Refresh"));
            for (javafx.scene.Node n : bar) {
                LayoutChecks.assertInWindow(n, n.toString());
                assertTrue(((javafx.scene.layout.Region) n).getWidth() + 0.5 >= ((javafx.scene.layout.Region) n).prefWidth(-1)
                        || n == v.search, n + " has its width");
            }
            LayoutChecks.assertNoOverlap(bar);
            LayoutChecks.assertColumnsFit(table, 40);
            LayoutChecks.assertHeadingsWhole(table);
            double least = table.getVisibleLeafColumns().stream().mapToDouble(c -> c.getMinWidth()).sum();
            assertTrue(least + 16 <= table.getWidth(), "the columns' least widths " + least + " leave room for a scroll bar in "
                    + table.getWidth());
        });
        // The model and grader names are short: whole at 1280 (they were "seal-…" and "conta…" in a real workspace).
        FxThread.run(() -> {
            int seen = 0;
            for (javafx.scene.Node n : table.lookupAll(".table-cell")) {
                if (!(n instanceof javafx.scene.control.TableCell<?, ?> c) || c.getItem() == null || !c.isVisible()) continue;
                String heading = c.getTableColumn().getText();
                if (!heading.equals("Model") && !heading.equals("Grader")) continue;
                javafx.scene.text.Text shown = (javafx.scene.text.Text) c.lookup(".text");
                assertEquals(c.getItem(), shown.getText(), heading + " is cut in " + c.getWidth() + " px");
                seen++;
            }
            assertEquals(2 * cli.size(), seen, "a model and a grader cell in each row");
        });

        // The same rows as `seal runs --json`, field for field, in the same order.
        List<RunRow> rows = FxThread.call(() -> List.copyOf(table.getItems()));
        for (int i = 0; i < rows.size(); i++) {
            JsonObject o = cli.get(i).getAsJsonObject();
            RunRow r = rows.get(i);
            assertEquals(o.get("run").getAsLong(), r.runId());
            assertEquals(o.get("kind").getAsString(), r.kind());
            assertEquals(o.get("model").getAsString(), r.model());
            assertEquals(o.get("condition").getAsString(), r.condition());
            assertEquals(o.get("settingsDigest").getAsString(), r.settingsDigest());
            assertEquals(o.get("grader").getAsString(), r.grader());
            assertEquals(o.has("accuracy") ? o.get("accuracy").getAsDouble() : Double.NaN, r.accuracy());
            assertEquals(o.has("durationSeconds") ? o.get("durationSeconds").getAsDouble() : Double.NaN, r.durationSeconds());
            assertEquals(o.get("status").getAsString(), r.status());
            assertEquals(o.get("started").getAsString(), r.started().toString());
            assertEquals(o.get("lossSteps").getAsInt(), r.lossSteps());
        }

        // Click a passage-only run of the first settings: its detail with settings, loss curve and answers.
        int first = indexOf(rows, r -> r.condition().equals("passage only") && r.settingsDigest().equals(tiny.digest()));
        int second = indexOf(rows, r -> r.condition().equals("passage only") && r.settingsDigest().equals(slower.digest()));
        FxThread.run(() -> table.scrollTo(first));
        clickOn(rowCell(rows.get(first)));
        long firstId = rows.get(first).runId();
        FxThread.await("the run's detail", () -> tab.view().detailHeader.getText().startsWith("run " + firstId + " ·"));
        assertTrue(FxThread.call(() -> tab.view().settings.getText()).contains("\"preset\""), "the settings snapshot");
        ChartViewer loss = lookup("#history-loss").queryAs(ChartViewer.class);
        assertTrue(FxThread.call(() -> ((XYPlot) loss.getChart().getPlot()).getDataset().getItemCount(0)) > 0, "the loss curve");
        assertEquals(1, FxThread.call(() -> tab.view().answers.getItems().size()), "one question, one answer");
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        FxThread.run(() -> {
            LayoutChecks.assertColumnsFit(tab.view().answers, 30);
            LayoutChecks.assertHeadingsWhole(tab.view().answers);
        });

        // Ctrl+click the run at the other learning rate, then Compare.
        Button compare = lookup("#history-compare").queryButton();
        assertTrue(compare.isDisabled());
        FxThread.run(() -> table.scrollTo(second));
        javafx.scene.Node secondCell = rowCell(rows.get(second));
        press(javafx.scene.input.KeyCode.CONTROL);
        clickOn(secondCell);
        release(javafx.scene.input.KeyCode.CONTROL);
        FxThread.await("two runs chosen", () -> !compare.isDisabled());
        clickOn(compare);
        FxThread.await("the comparison", () -> tab.view().viewModel().comparisonProperty().get() != null);
        RunComparison c = FxThread.call(() -> tab.view().viewModel().comparisonProperty().get());
        assertEquals(java.util.Set.of(firstId, rows.get(second).runId()), java.util.Set.of(c.a().runId(), c.b().runId()));
        assertEquals(List.of("innerLoop.learningRate"), c.settingsDiff().stream().map(RunComparison.SettingDiff::key).toList(),
                "only the learning rate differs");
        assertEquals(1, FxThread.call(() -> tab.view().pairs.getItems().size()), "both answered the Owls question");
        assertTrue(FxThread.call(() -> tab.view().compareHeader.getText()).matches("(?s).*\\d+ (setting differs|settings differ), \\d+ the same.*"));
        assertSame(tab.view().compareTab, FxThread.call(() -> tab.view().below.getSelectionModel().getSelectedItem()));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        FxThread.run(() -> {
            LayoutChecks.assertColumnsFit(tab.view().pairs, 30);
            LayoutChecks.assertHeadingsWhole(tab.view().pairs);
        });

        // Both evaluations are in the jobs list, done, nothing to resume.
        TableView<?> jobs = lookup("#history-jobs").queryTableView();
        FxThread.await("two jobs", () -> jobs.getItems().size() == 2);
        FxThread.run(() -> tab.view().below.getSelectionModel().select(tab.view().jobsTab));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        FxThread.run(() -> {
            LayoutChecks.assertColumnsFit(tab.view().jobsTable, 40);
            LayoutChecks.assertHeadingsWhole(tab.view().jobsTable);
        });
        assertTrue(lookup("#history-resume").queryButton().isDisabled());
    }

    private static int indexOf(List<RunRow> rows, java.util.function.Predicate<RunRow> p) {
        for (int i = 0; i < rows.size(); i++) if (p.test(rows.get(i))) return i;
        throw new AssertionError("no such row in " + rows);
    }

    /** `seal runs --workspace WS --json`, run in this JVM. */
    static JsonArray runsJson(Path ws) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = Main.run("runs", "--workspace", ws.toString(), "--json");
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
        JsonElement e = JsonParser.parseString(out.toString(StandardCharsets.UTF_8));
        return e.getAsJsonArray();
    }

    /**
     * The table's row cell that shows this run: a virtualized table recycles its cells, so after a scroll the n-th cell
     * in the scene is not the n-th row.
     */
    private javafx.scene.Node rowCell(RunRow row) throws Exception {
        FxThread.await("a cell showing run " + row.runId(), () -> lookup(".table-row-cell")
                .match((javafx.scene.control.TableRow<?> c) -> c.getItem() == row).tryQuery().isPresent());
        return lookup(".table-row-cell").match((javafx.scene.control.TableRow<?> c) -> c.getItem() == row).query();
    }
}
