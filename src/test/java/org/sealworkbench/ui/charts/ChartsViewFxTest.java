package org.sealworkbench.ui.charts;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
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

/** The view on a workspace filled by an evaluation job (a tiny random model): non-empty charts, PNG + SVG export. */
class ChartsViewFxTest extends org.sealworkbench.ui.FxTestRobot {
    @TempDir Path tmp;
    JobRunner runner;

    @AfterEach
    void close() throws Exception {
        if (runner != null) runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
        FxToolkit.cleanupStages();
    }

    @Test
    void chartsOfAnEvaluatedWorkspaceAreDrawnAndExported() throws Exception {
        TestEngine.setUp();
        Path ckpt = tmp.resolve("m");
        try (NDManager nd = NDManager.newBaseManager()) {
            RandomCheckpoint.write(ckpt, "llama", "tiny", 5, "F32", nd);
        }
        Path ws = tmp.resolve("ws");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            log.addPassage(new Passage("Owls", "Owls hunt at night.", List.of(new Question("When do owls hunt?", "night"))), "t");
            log.addPassage(new Passage("Bees", "Bees make honey.", List.of(new Question("What do bees make?", "honey"))), "t");
        }
        SealSettings tiny = new SettingsOverrides().grader("contains").innerRepeats(1).apply(Presets.sealTinyCpu());
        Jobs.run(new EvaluationRequest(ws, ckpt, tiny, new PassageSplit(2), List.of("no-adaptation", "passage-only"), 2, null),
                Progress.none(), new CancelToken());

        ChartsView view = show(ws);
        Fx.await("two conditions", () -> {
            ChartViewer c = lookup("#conditions-chart").queryAs(ChartViewer.class);
            return c.getChart() != null && ((CategoryPlot) c.getChart().getPlot()).getDataset().getRowCount() == 2;
        });
        Fx.await("the first loss curves read", () -> !view.viewModel().rawCurves().isEmpty());
        ChartViewer conditions = lookup("#conditions-chart").queryAs(ChartViewer.class);
        assertTrue(conditions.isVisible());
        ChartViewer paired = lookup("#paired-chart").queryAs(ChartViewer.class);
        assertEquals(1, Fx.call(() -> ((CategoryPlot) paired.getChart().getPlot()).getDataset().getRowCount()));
        // a chart on a sub-tab not shown is drawn when its tab is shown (ChartsView.draw)
        assertNull(Fx.call(() -> lookup("#loss-chart").queryAs(ChartViewer.class).getChart()), "the loss tab not shown yet");
        TableView<?> runs = lookup("#runs-table").queryAs(TableView.class);
        assertEquals(4, Fx.call(() -> runs.getItems().size()), "2 passages x 2 conditions, one grader");

        // the loss tab: typing a passage's title leaves its run with a curve; Enter draws that one alone
        clickOn("Loss");
        Fx.await("the loss chart drawn as its tab shows", () -> lookup("#loss-chart").queryAs(ChartViewer.class).getChart() != null);
        XYPlot loss = (XYPlot) Fx.call(() -> lookup("#loss-chart").queryAs(ChartViewer.class).getChart().getPlot());
        assertTrue(Fx.call(() -> loss.getDataset().getItemCount(0)) > 0, "the passage-only run's training steps");
        clickOn("#loss-run-filter").write("Bees");
        javafx.scene.control.ListView<?> picker = lookup("#loss-run-picker").queryAs(javafx.scene.control.ListView.class);
        Fx.await("filtered", () -> picker.getItems().size() == 1);
        org.sealworkbench.jobs.charts.ChartsData.RunRow bees = (org.sealworkbench.jobs.charts.ChartsData.RunRow) Fx.call(() -> picker.getItems().get(0));
        assertEquals("Bees", bees.passage());
        pickFirstAndPressEnter(picker);
        Fx.await("the Bees run's curve alone", () -> {
            XYPlot p = (XYPlot) lookup("#loss-chart").queryAs(ChartViewer.class).getChart().getPlot();
            return p.getDataset().getSeriesCount() == 1 && p.getDataset().getSeriesKey(0).toString().startsWith("run " + bees.runId() + " ");
        });

        Path base = tmp.resolve("export/conditions");
        Fx.run(() -> view.exportTo(ChartsViewModel.Chart.CONDITIONS, base));
        Fx.await("exported", () -> Files.exists(tmp.resolve("export/conditions.csv")));
        BufferedImage png = ImageIO.read(tmp.resolve("export/conditions.png").toFile());
        assertEquals(1400, png.getWidth());
        String svg = Files.readString(tmp.resolve("export/conditions.svg"));
        assertTrue(svg.startsWith("<?xml") || svg.contains("<svg"), svg.substring(0, 100));
        assertTrue(svg.contains("no adaptation") && svg.contains("passage only"), "the legend is in the SVG");
    }

    /**
     * On a workspace with few-shot runs beside an inner-loop run: the Runs tab lists both kinds by their ids, and the Loss
     * tab's picker offers the few-shot runs, found by their id and drawn; a filter matching nothing says so in the list.
     */
    @Test
    void theLossTabDrawsAFewShotRunPickedByItsId() throws Exception {
        org.sealworkbench.jobs.history.FewShotFixture f = org.sealworkbench.jobs.history.FewShotFixture.build(tmp.resolve("ws"));
        show(f.workspace());
        TableView<?> runs = lookup("#runs-table").queryAs(TableView.class);
        Fx.await("the runs read", () -> runs.getItems().size() == 7);
        assertEquals(List.of("1", "A1", "A2", "A3", "A4", "A5", "A6"), Fx.call(() -> runs.getItems().stream()
                .map(r -> ((org.sealworkbench.jobs.charts.ChartsData.RunRow) r).id().toString()).toList()));

        clickOn("Loss");
        javafx.scene.control.ListView<?> picker = lookup("#loss-run-picker").queryAs(javafx.scene.control.ListView.class);
        // the few-shot runs' long lines wrap in the list's width: whole, with no horizontal scroll bar (they were cut)
        Fx.await("the picker's lines", () -> picker.lookupAll(".list-cell").stream()
                .anyMatch(n -> ((javafx.scene.control.ListCell<?>) n).getText() != null));
        assertFalse(Fx.call(() -> picker.lookupAll(".scroll-bar").stream().anyMatch(n -> n instanceof javafx.scene.control.ScrollBar b
                && b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL && b.isVisible())), "no horizontal scroll bar");
        java.util.function.Supplier<List<String>> cut = () -> picker.lookupAll(".list-cell").stream()
                .map(n -> (javafx.scene.control.ListCell<?>) n)
                .filter(c -> c.getText() != null && c.isVisible() && (c.getWidth() > picker.getWidth()
                        || c.getChildrenUnmodifiable().stream().anyMatch(t -> t instanceof javafx.scene.text.Text x
                        && !c.getText().equals(x.getText())))).map(javafx.scene.control.ListCell::getText).toList();
        try {
            Fx.await("every line whole in the list's width", () -> cut.get().isEmpty());   // once laid out at its width
        } catch (AssertionError e) {
            assertEquals(List.of(), Fx.call(cut::get), Fx.call(() -> "every line whole in the list's width " + picker.getWidth()
                    + " fixed " + picker.getFixedCellSize() + " " + picker.lookupAll(".list-cell").stream().limit(3).map(n -> {
                        javafx.scene.control.ListCell<?> c = (javafx.scene.control.ListCell<?>) n;
                        return c.getWidth() + "x" + c.getHeight() + " pref " + c.prefHeight(c.getWidth()) + " font "
                                + c.getFont() + " wrap " + c.isWrapText() + " drawn " + c.getChildrenUnmodifiable().stream()
                                .filter(t -> t instanceof javafx.scene.text.Text).map(t -> ((javafx.scene.text.Text) t).getText())
                                .toList();
                    }).toList()));
        }
        clickOn("#loss-run-filter").write("run a2");
        Fx.await("filtered to A2", () -> picker.getItems().size() == 1);
        pickFirstAndPressEnter(picker);
        Fx.await("A2's curve alone", () -> {
            XYPlot p = (XYPlot) lookup("#loss-chart").queryAs(ChartViewer.class).getChart().getPlot();
            return p.getDataset().getSeriesCount() == 1 && p.getDataset().getSeriesKey(0).toString().startsWith("run A2 ")
                    && p.getDataset().getItemCount(0) == 2;
        });
        assertTrue(lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.ListCell<?> c && c.getText() != null
                && c.getText().startsWith("run A2 · task 66e6c45b · config: aug none")).tryQuery().isPresent(), "the picker's line");

        clickOn("#loss-run-filter").write(" nothing-like-it");
        Fx.await("nothing matches", () -> picker.getItems().isEmpty());
        javafx.scene.control.Label none = lookup("#loss-run-picker-empty").queryAs(javafx.scene.control.Label.class);
        assertTrue(Fx.call(none::getText).startsWith("No run with a loss curve matches"), Fx.call(none::getText));
        assertTrue(Fx.call(none::isVisible));
    }

    @Test
    void anEmptyWorkspacesLongStatusWrapsInsideTheWindowInsteadOfOverflowingTheBar() throws Exception {
        Path ws = tmp.resolve("empty");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            log.addPassage(new Passage("Owls", "Owls hunt at night.", List.of(new Question("When do owls hunt?", "night"))), "t");
        }
        show(ws);
        javafx.scene.control.Label status = lookup("#charts-status").queryAs(javafx.scene.control.Label.class);
        Fx.await("the empty state's status", () -> ChartsViewModel.EMPTY.equals(status.getText()));
        // The text changes from a one-line "Reading..." to the hint: the layout that wraps it comes a pulse later.
        Fx.await("the status wrapped onto more lines", () -> status.getHeight() > 2 * status.getFont().getSize());
        javafx.geometry.Bounds b = Fx.call(() -> status.localToScene(status.getBoundsInLocal()));
        double oneLine = Fx.call(() -> status.prefWidth(-1));
        assertTrue(Fx.call(status::isVisible) && status.getScene() != null, "the status is shown in the bar itself");
        assertTrue(b.getMaxX() <= 1280 + 0.5, "the status ends inside the window: " + b);
        assertTrue(oneLine > 1280, "the hint is longer than one line of the window (" + oneLine + "), so this test means something");
        assertTrue(b.getHeight() > 2 * Fx.call(() -> status.getFont().getSize()), "it wraps onto more lines: " + b);
        javafx.scene.control.MenuButton export = lookup("#export-menu").queryAs(javafx.scene.control.MenuButton.class);
        assertTrue(Fx.call(() -> export.getWidth() >= export.prefWidth(-1) - 0.5), "the status leaves the buttons their width");
    }

    @Test
    void theFewShotTabDrawsTheChosenTaskSetsBars() throws Exception {
        Path ws = org.sealworkbench.jobs.charts.ChartsServiceTest.fewShotWorkspace(tmp);
        ChartsView view = show(ws);
        javafx.scene.control.TabPane tabs = lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class);
        javafx.scene.control.Tab fewShotTab = Fx.call(() -> tabs.getTabs().stream().filter(t -> t.getText().equals("Few-shot"))
                .findFirst().orElseThrow());
        Fx.run(() -> tabs.getSelectionModel().select(fewShotTab));
        javafx.scene.control.ComboBox<?> picker = lookup("#few-shot-task-set").queryAs(javafx.scene.control.ComboBox.class);
        Fx.await("two task sets", () -> picker.getItems().size() == 2);
        ChartViewer chart = lookup("#few-shot-chart").queryAs(ChartViewer.class);
        Fx.await("train.json's bar", () -> chart.getChart() != null
                && ((CategoryPlot) chart.getChart().getPlot()).getDataset().getColumnCount() == 1);
        assertTrue(Fx.call(chart::isVisible));
        assertEquals("train.json", Fx.call(picker::getValue));
        assertEquals(100.0, Fx.call(() -> ((CategoryPlot) chart.getChart().getPlot()).getDataset().getValue(0, 0).doubleValue()), 1e-12);

        // another task set picked in the combo box: its two conditions, with the counts written under the chart
        Fx.run(() -> picker.getSelectionModel().select(0));
        Fx.await("eval.json's bars", () -> ((CategoryPlot) chart.getChart().getPlot()).getDataset().getColumnCount() == 2);
        org.jfree.data.category.CategoryDataset ds = Fx.call(() -> ((CategoryPlot) chart.getChart().getPlot()).getDataset());
        assertEquals("no test-time training", ds.getColumnKey(0));
        assertEquals(0.0, ds.getValue(0, 0).doubleValue(), 1e-12);
        assertEquals(200 / 3.0, ds.getValue(0, 1).doubleValue(), 1e-9);
        javafx.scene.control.Label caption = lookup("#few-shot-caption").queryAs(javafx.scene.control.Label.class);
        assertTrue(Fx.call(caption::isVisible));
        String text = Fx.call(caption::getText);
        assertTrue(text.contains("3 pairs on 2 tasks, 2 solved (66.7 %") && text.contains("1 of 2 tasks solved"), text);
        // the Conditions tab points here rather than saying nothing was run
        String conditionsEmpty = Fx.call(() -> ChartsViewFxTest.this.lookup(".label").queryAllAs(javafx.scene.control.Label.class)
                .stream().map(javafx.scene.control.Label::getText).filter(t -> t != null && t.startsWith("No rows of SEAL's table"))
                .findFirst().orElse(""));
        assertTrue(conditionsEmpty.contains("Few-shot tab"), conditionsEmpty);

        // exported as the other charts: PNG and SVG (with the reference note) and the shown set's rows as CSV
        Path base = tmp.resolve("export/few-shot");
        Fx.run(() -> view.exportTo(ChartsViewModel.Chart.FEW_SHOT, base));
        Fx.await("exported", () -> Files.exists(tmp.resolve("export/few-shot.csv")));
        assertEquals(1400, ImageIO.read(tmp.resolve("export/few-shot.png").toFile()).getWidth());
        String svg = Files.readString(tmp.resolve("export/few-shot.svg"));
        assertTrue(svg.contains("72.5 %") && svg.contains("no test-time training"), "the note and a condition in the SVG");
        String csv = Files.readString(tmp.resolve("export/few-shot.csv"));
        assertEquals(3, csv.split("\n").length, csv);
        assertTrue(csv.contains("eval.json,tiny,"), csv);
    }

    /** The charts view of a workspace in a 1280x800 window. */
    /**
     * Picks the loss picker's first run, then Enter on the list draws it; the key event is fired at the list itself (in
     * the full suite the robot's clicks on a list cell went astray, while the same test alone passed).
     */
    private static void pickFirstAndPressEnter(javafx.scene.control.ListView<?> picker) throws Exception {
        Fx.run(() -> {
            picker.getSelectionModel().select(0);
            picker.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "", "",
                    javafx.scene.input.KeyCode.ENTER, false, false, false, false));
        });
    }

    private ChartsView show(Path ws) throws Exception {
        return show(ws, 1280, 800);
    }

    private ChartsView show(Path ws, double width, double height) throws Exception {
        Fx.start();
        runner = new JobRunner();
        Stage stage = FxToolkit.registerPrimaryStage();
        return Fx.call(() -> {
            ChartsView v = ChartsApp.create(ws, runner);
            stage.setScene(new Scene(v, width, height));
            stage.sizeToScene();   // the primary stage is shared: without this it kept the size another test gave it
            stage.show();
            return v;
        });
    }

    /**
     * The charts view of the few-shot fixture (an inner-loop run and six few-shot runs) in a 1000x560 window: what a
     * 1280x800 workbench leaves the Charts tab beside the library, under the menus, header and tab row. (At 1280 the Runs
     * tab scrolled sideways, its columns summing to 1310 px, and the Loss tab's hint lost its last line.)
     */
    private javafx.scene.control.TabPane showAt1280() throws Exception {
        Fx.start();
        // as the workbench shows it: its theme (wider headings than JavaFX's own), whatever test ran before in this JVM
        Fx.run(() -> org.sealworkbench.ui.Theme.LIGHT.apply());
        show(org.sealworkbench.jobs.history.FewShotFixture.build(tmp.resolve("ws")).workspace(), 1000, 560);
        TableView<?> runs = lookup("#runs-table").queryAs(TableView.class);
        Fx.await("the runs read", () -> runs.getItems().size() == 7);
        return lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class);
    }

    @Test
    void theRunsTabFitsItsColumnsWithoutASidewaysScrollBarAndCtrlCCopiesTheRuns() throws Exception {
        javafx.scene.control.TabPane tabs = showAt1280();
        TableView<?> runs = lookup("#runs-table").queryAs(TableView.class);
        Fx.run(() -> tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals("Runs")).findFirst().orElseThrow()));
        Fx.await("laid out", () -> runs.getWidth() > 900 && runs.getColumns().get(0).getWidth() > 0);
        Thread.sleep(200);
        double columns = Fx.call(() -> runs.getColumns().stream().mapToDouble(javafx.scene.control.TableColumn::getWidth).sum());
        double width = Fx.call(runs::getWidth);
        String widths = Fx.call(() -> runs.getColumns().stream().map(c -> c.getText() + " " + Math.round(c.getWidth())).toList().toString());
        assertTrue(columns <= width, "the columns (" + columns + " px) fit the table (" + width + " px): " + widths);
        boolean sideways = Fx.call(() -> runs.lookupAll(".scroll-bar").stream().anyMatch(n -> n instanceof javafx.scene.control.ScrollBar b
                && b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL && b.isVisible()));
        assertFalse(sideways, "no sideways scroll bar");
        assertTrue(Fx.call(() -> runs.getColumns().stream().anyMatch(c -> c.getText().equals("passage/task"))));
        // the short texts (run, kind, grader, score, time, status, start, steps) are drawn whole: "few-shot", "1/1 solved"
        java.util.List<String> fixed = ChartsViewModel.RUNS_COLUMNS.stream().filter(ChartsViewModel.RunsColumn::fixed)
                .map(ChartsViewModel.RunsColumn::title).toList();
        java.util.List<String> cut = Fx.call(() -> runs.lookupAll(".table-cell").stream()
                .filter(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && c.getTableColumn() != null
                        && fixed.contains(c.getTableColumn().getText()) && c.getText() != null && c.isVisible()
                        && n.lookup(".text") instanceof javafx.scene.text.Text t && !t.getText().equals(c.getText()))
                .map(n -> ((javafx.scene.control.TableCell<?, ?>) n).getText()).toList());
        assertEquals(List.of(), cut, "cells of the fixed columns drawn cut");
        long shownFixed = Fx.call(() -> runs.lookupAll(".table-cell").stream().filter(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && c.getTableColumn() != null && fixed.contains(c.getTableColumn().getText()) && c.getText() != null).count());
        assertTrue(shownFixed >= 7 * fixed.size(), "the check saw the rows' cells: " + shownFixed);
        // every heading whole at 1000 px, what the workbench leaves the table at 1280 (under the app's theme, with a
        // few-shot score "1/1 solved": the names shrank below their headings there), a sorted one with its arrow too
        assertEquals(List.of(), cutHeadings(runs), "headings drawn cut at 1000 px: " + widths);
        Fx.run(() -> {
            @SuppressWarnings("unchecked")
            TableView<Object> sortable = (TableView<Object>) runs;
            sortable.getSortOrder().setAll(sortable.getColumns().get(3));
        });
        Thread.sleep(400);
        assertEquals(List.of(), cutHeadings(runs), "sorted by passage/task: " + columnWidths(runs));
        // sorted by score: by the number behind it (no solution known, 0/1 solved, the inner-loop run's percent, 1/1
        // solved), not by the text the column shows
        Fx.run(() -> {
            @SuppressWarnings("unchecked")
            TableView<Object> sortable = (TableView<Object>) runs;
            sortable.getSortOrder().setAll(sortable.getColumns().stream().filter(c -> c.getText().equals("score")).findFirst().orElseThrow());
        });
        List<org.sealworkbench.jobs.charts.ChartsData.RunRow> byScore = Fx.call(() -> runs.getItems().stream()
                .map(r -> (org.sealworkbench.jobs.charts.ChartsData.RunRow) r).toList());
        assertEquals(byScore.stream().sorted(ChartFactory.BY_SCORE).map(ChartFactory::score).toList(),
                byScore.stream().map(ChartFactory::score).toList());
        assertNotEquals(byScore.stream().map(ChartFactory::score).sorted().toList(), byScore.stream().map(ChartFactory::score).toList(),
                "the fixture's scores sort otherwise as text");
        Fx.run(() -> ((TableView<?>) runs).getSortOrder().clear());
        // and the model's short name whole where there is room for it besides the headings: the names share what the
        // fixed columns leave, each at least its widest value up to an equal share
        Fx.run(() -> runs.getScene().getWindow().setWidth(1250));
        Fx.await("the wider table fitted", () -> runs.getWidth() > 1200);
        Thread.sleep(300);
        assertEquals(List.of(), cutHeadings(runs), "headings drawn cut: " + columnWidths(runs));
        java.util.List<String> cutModels = Fx.call(() -> runs.lookupAll(".table-cell").stream()
                .filter(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && c.getTableColumn() != null
                        && c.getTableColumn().getText().equals("model") && c.getText() != null && !c.getText().isEmpty()
                        && n.lookup(".text") instanceof javafx.scene.text.Text t && !t.getText().equals(c.getText()))
                .map(n -> ((javafx.scene.control.TableCell<?, ?>) n).getText()).toList());
        assertEquals(List.of(), cutModels, "model cells drawn cut: " + Fx.call(() -> runs.getColumns().stream()
                .map(c -> c.getText() + " " + Math.round(c.getWidth())).toList()));

        // Ctrl+C with nothing selected: every run, tab-separated, on the clipboard
        Fx.run(() -> {
            runs.requestFocus();
            runs.getSelectionModel().clearSelection();
            runs.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", javafx.scene.input.KeyCode.C,
                    false, true, false, false));
        });
        String copied = Fx.call(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertNotNull(copied, "something copied");
        assertEquals(8, copied.lines().count(), copied);
        assertTrue(copied.lines().anyMatch(l -> l.startsWith("A2\tfew-shot\t")), copied);
    }

    /**
     * Narrower than every heading needs (a library pane dragged wide): the longest name heading, passage/task, is cut
     * first, whole in its tooltip, and the others stay whole; the columns still fit the table.
     */
    @Test
    void aTableTooNarrowForEveryHeadingCutsTheLongestNameFirstWithItsTooltip() throws Exception {
        javafx.scene.control.TabPane tabs = showAt1280();
        TableView<?> runs = lookup("#runs-table").queryAs(TableView.class);
        Fx.run(() -> tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals("Runs")).findFirst().orElseThrow()));
        Fx.run(() -> runs.getScene().getWindow().setWidth(965));
        Fx.await("the narrower table fitted", () -> runs.getWidth() < 970 && runs.getColumns().get(0).getWidth() > 0);
        Thread.sleep(400);
        assertEquals(List.of("passage/task"), cutHeadings(runs), columnWidths(runs));
        double columns = Fx.call(() -> runs.getColumns().stream().mapToDouble(javafx.scene.control.TableColumn::getWidth).sum());
        assertTrue(columns <= Fx.call(runs::getWidth), "the columns fit: " + columnWidths(runs));
        javafx.scene.control.Label cut = Fx.call(() -> runs.lookupAll(".column-header .label").stream()
                .map(n -> (javafx.scene.control.Label) n).filter(l -> "passage/task".equals(l.getText())).findFirst().orElseThrow());
        assertNotNull(cut.getTooltip(), "the cut heading has its tooltip");
        assertEquals("passage/task", cut.getTooltip().getText());
        javafx.scene.control.Label whole = Fx.call(() -> runs.lookupAll(".column-header .label").stream()
                .map(n -> (javafx.scene.control.Label) n).filter(l -> "model".equals(l.getText())).findFirst().orElseThrow());
        assertNull(whole.getTooltip(), "a whole heading needs none");
    }

    /**
     * A workspace with no runs yet (the demo) in what the workbench leaves the Charts tab at 1280: every heading whole
     * (the columns were fitted to rows only, and "passage/…" and "sett…" were drawn), the placeholder saying what to do.
     */
    @Test
    void theRunsTabOfAWorkspaceWithoutRunsDrawsEveryHeadingWhole() throws Exception {
        Fx.start();
        Fx.run(() -> org.sealworkbench.ui.Theme.LIGHT.apply());
        Path ws = tmp.resolve("ws");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            log.addPassage(new Passage("Owls", "Owls hunt at night.", List.of(new Question("When do owls hunt?", "night"))), "t");
        }
        show(ws, 1000, 560);
        javafx.scene.control.TabPane tabs = lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class);
        Fx.run(() -> tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals("Runs")).findFirst().orElseThrow()));
        TableView<?> runs = lookup("#runs-table").queryAs(TableView.class);
        Fx.await("laid out", () -> runs.getWidth() > 900 && runs.getColumns().get(0).getWidth() > 0);
        Thread.sleep(400);
        assertEquals(0, Fx.call(() -> runs.getItems().size()));
        assertEquals(List.of(), cutHeadings(runs), "headings drawn cut: " + columnWidths(runs));
        assertTrue(Fx.call(() -> ((javafx.scene.control.Label) runs.getPlaceholder()).getText()).startsWith("No runs"));
        // and in the dark theme's headers
        Fx.run(() -> org.sealworkbench.ui.Theme.DARK.apply());
        Fx.run(() -> runs.getScene().getWindow().setWidth(990));
        Fx.await("refitted", () -> runs.getWidth() < 995);
        Thread.sleep(400);
        assertEquals(List.of(), cutHeadings(runs), "dark: " + columnWidths(runs));
        Fx.run(() -> org.sealworkbench.ui.Theme.LIGHT.apply());
    }

    /** The Runs table's headings drawn shortened ("passage/…"). */
    private static List<String> cutHeadings(TableView<?> runs) throws Exception {
        return Fx.call(() -> runs.lookupAll(".column-header .label").stream()
                .filter(n -> n instanceof javafx.scene.control.Label l && l.getText() != null && !l.getText().isEmpty()
                        && n.lookup(".text") instanceof javafx.scene.text.Text t && !t.getText().equals(l.getText()))
                .map(n -> ((javafx.scene.control.Label) n).getText()).toList());
    }

    private static String columnWidths(TableView<?> runs) throws Exception {
        return Fx.call(() -> runs.getColumns().stream().map(c -> c.getText() + " " + Math.round(c.getWidth())).toList()
                + " of " + runs.getWidth());
    }

    @Test
    void theLossTabsHintKeepsItsLastLine() throws Exception {
        javafx.scene.control.TabPane tabs = showAt1280();

        // the Loss tab's hint over the run picker: whole, not "… Enter or ..."
        javafx.scene.control.Tab loss = Fx.call(() -> tabs.getTabs().stream().filter(t -> t.getText().equals("Loss")).findFirst().orElseThrow());
        Fx.run(() -> tabs.getSelectionModel().select(loss));
        Thread.sleep(300);
        javafx.scene.control.Label hint = Fx.call(() -> (javafx.scene.control.Label) lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.Label l && l.getText() != null
                && l.getText().startsWith("Runs with a loss curve")).query());
        Fx.await("the hint laid out", () -> hint.getHeight() > 0);
        String shown = Fx.call(() -> ((javafx.scene.text.Text) hint.lookup(".text")).getText());
        assertEquals(Fx.call(hint::getText).replace("\n", " "), shown.replace("\n", " "), "the hint is drawn whole");
    }
}
