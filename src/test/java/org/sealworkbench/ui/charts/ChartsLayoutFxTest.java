package org.sealworkbench.ui.charts;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.history.FewShotFixture;
import org.sealworkbench.ui.JobRunner;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The charts view as large as a 1280x800 workbench leaves it (about 1000x560 px): the Runs tab fits its
 * columns without a sideways scroll bar, the Loss tab's hint keeps its last line, and Ctrl+C on the runs copies them.
 */
class ChartsLayoutFxTest extends FxRobot {
    @TempDir Path tmp;
    JobRunner runner;

    @AfterEach
    void close() throws Exception {
        if (runner != null) runner.close();
        FxToolkit.cleanupStages();
    }

    /**
     * The charts view of the few-shot fixture (an inner-loop run and six few-shot runs) in a 1000x560 window: what a
     * 1280x800 workbench leaves the Charts tab beside the library, under the menus, header and tab row.
     */
    private TabPane show() throws Exception {
        FewShotFixture f = FewShotFixture.build(tmp.resolve("ws"));
        Fx.start();
        runner = new JobRunner();
        Stage stage = FxToolkit.registerPrimaryStage();
        Fx.run(() -> {
            stage.setScene(new Scene(ChartsApp.create(f.workspace(), runner), 1000, 560));
            stage.show();
        });
        TableView<?> runs = lookup("#runs-table").queryAs(TableView.class);
        Fx.await("the runs read", () -> runs.getItems().size() == 7);
        return lookup(".tab-pane").queryAs(TabPane.class);
    }

    @Test
    void theRunsTabFitsItsColumnsWithoutASidewaysScrollBarAndCtrlCCopiesTheRuns() throws Exception {
        TabPane tabs = show();
        TableView<?> runs = lookup("#runs-table").queryAs(TableView.class);
        Fx.run(() -> tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals("Runs")).findFirst().orElseThrow()));
        Fx.await("laid out", () -> runs.getWidth() > 900 && runs.getColumns().get(0).getWidth() > 0);
        Thread.sleep(200);
        double columns = Fx.call(() -> runs.getColumns().stream().mapToDouble(TableColumn::getWidth).sum());
        double width = Fx.call(runs::getWidth);
        assertTrue(columns <= width, "the columns (" + columns + " px) fit the table (" + width + " px)");
        boolean sideways = Fx.call(() -> runs.lookupAll(".scroll-bar").stream().anyMatch(n -> n instanceof ScrollBar b
                && b.getOrientation() == Orientation.HORIZONTAL && b.isVisible()));
        assertFalse(sideways, "no sideways scroll bar");
        assertTrue(Fx.call(() -> runs.getColumns().stream().anyMatch(c -> c.getText().equals("passage/task"))));
        // the short texts (kind, grader, score, time, status, start, steps) are drawn whole: "few-shot", "1/1 solved"
        List<String> fixed = ChartsViewModel.RUNS_COLUMNS.stream().filter(ChartsViewModel.RunsColumn::fixed)
                .map(ChartsViewModel.RunsColumn::title).toList();
        List<String> cut = Fx.call(() -> runs.lookupAll(".table-cell").stream()
                .filter(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && c.getTableColumn() != null
                        && fixed.contains(c.getTableColumn().getText()) && c.getText() != null && c.isVisible()
                        && n.lookup(".text") instanceof Text t && !t.getText().equals(c.getText()))
                .map(n -> ((javafx.scene.control.TableCell<?, ?>) n).getText()).toList());
        assertEquals(List.of(), cut, "cells of the fixed columns drawn cut");
        long shownFixed = Fx.call(() -> runs.lookupAll(".table-cell").stream().filter(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && c.getTableColumn() != null && fixed.contains(c.getTableColumn().getText()) && c.getText() != null).count());
        assertTrue(shownFixed >= 7 * fixed.size(), "the check saw the rows' cells: " + shownFixed);

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

    @Test
    void theLossTabsHintKeepsItsLastLine() throws Exception {
        TabPane tabs = show();

        // the Loss tab's hint over the run picker: whole, not "… Enter or ..."
        Tab loss = Fx.call(() -> tabs.getTabs().stream().filter(t -> t.getText().equals("Loss")).findFirst().orElseThrow());
        Fx.run(() -> tabs.getSelectionModel().select(loss));
        Thread.sleep(300);
        Label hint = Fx.call(() -> (Label) lookup((Node n) -> n instanceof Label l && l.getText() != null
                && l.getText().startsWith("Runs with a loss curve")).query());
        Fx.await("the hint laid out", () -> hint.getHeight() > 0);
        String shown = Fx.call(() -> ((Text) hint.lookup(".text")).getText());
        assertEquals(Fx.call(hint::getText).replace("\n", " "), shown.replace("\n", " "), "the hint is drawn whole");
    }
}
