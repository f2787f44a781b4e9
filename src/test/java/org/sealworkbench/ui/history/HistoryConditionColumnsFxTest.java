package org.sealworkbench.ui.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.sealworkbench.jobs.history.FewShotFixture;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.ui.FxThread;
import org.sealworkbench.ui.JobRunner;
import org.sealworkbench.ui.LayoutChecks;
import org.sealworkbench.ui.Theme;
import org.testfx.api.FxToolkit;

/**
 * History's Condition and Settings columns in the window's layout at 1280 and 1600, light and dark: every condition
 * drawn whole (wrapped over as many lines as it needs, its row as tall: "self-edits of Qwen2.5-7B-Instruct", a few-shot
 * run's "self-edit of seal-tiny: aug none · all tokens · lr 0.001 · 2 ep"), every settings digest drawn whole as its first 8 letters
 * with the whole digest in its tooltip, and no other column's short text cut for it. At 1280 both were cut ("self-edits
 * of s…", "9eeed…"), whole only in their tooltips.
 */
class HistoryConditionColumnsFxTest extends org.sealworkbench.ui.FxTestRobot {
    @TempDir Path tmp;
    JobRunner runner;
    HistoryTab tab;

    /** The inner-loop runs' conditions added to the few-shot fixture's (its own inner-loop run is "passage only"). */
    static final List<String> CONDITIONS = List.of("self-edits of Qwen2.5-7B-Instruct", "CPT: self-edits of seal-tiny",
            "seal round 2", "self-edit #12");

    @AfterEach
    void close() throws Exception {
        if (tab != null) tab.close();
        if (runner != null) runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
        FxThread.run(() -> Theme.LIGHT.apply());
        FxToolkit.cleanupStages();
    }

    @Test
    void conditionsAndSettingsAreDrawnWholeAt1280And1600LightAndDark() throws Exception {
        FewShotFixture f = FewShotFixture.build(tmp.resolve("ws"));
        try (ExperimentLog log = ExperimentLog.open(f.workspace())) {
            long model = log.models().get(0).id();
            long passage = log.passages().get(0).id();
            int seed = 1;
            for (String c : CONDITIONS) {
                long run = log.startRun(null, model, passage, null, c, "{\"innerLoop\": {\"learningRate\": 0.00" + seed + "}}", seed++);
                log.finishRun(run, "done");
            }
        }
        SplitPane window = open(f.workspace());
        TableView<RunRow> table = lookup("#history-runs").queryTableView();
        int rows = 7 + CONDITIONS.size();
        FxThread.await("the runs table fills", () -> table.getItems().size() == rows);
        Set<String> conditions = new LinkedHashSet<>(FxThread.call(() -> table.getItems().stream().map(RunRow::condition).toList()));
        Set<String> digests = new LinkedHashSet<>(FxThread.call(() -> table.getItems().stream().map(RunRow::settingsDigest).toList()));
        assertTrue(conditions.containsAll(CONDITIONS) && conditions.stream().anyMatch(c -> c.startsWith("self-edit of seal-tiny: aug none")),
                conditions.toString());

        for (Theme theme : List.of(Theme.LIGHT, Theme.DARK)) {
            FxThread.run(theme::apply);
            // the tab as wide as beside the library in a 1600 window and in a 1280 one (the headless screen is 1280 wide)
            for (double tabWidth : new double[] {1245, 0.78 * 1280}) {
                String where = theme + " at " + Math.round(tabWidth) + " px";
                FxThread.run(() -> window.setDividerPositions(1 - tabWidth / window.getWidth()));
                org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
                FxThread.await("the tab " + Math.round(tabWidth) + " px wide", () -> Math.abs(tab.getWidth() - tabWidth) < 12);
                Set<String> seenConditions = new LinkedHashSet<>();
                Set<String> seenDigests = new LinkedHashSet<>();
                for (int i = 0; i < rows; i += 2) {
                    int at = i;
                    FxThread.run(() -> table.scrollTo(at));
                    org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
                    Thread.sleep(50);
                    org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
                    List<String> problems = FxThread.call(() -> check(table, seenConditions, seenDigests));
                    assertEquals(List.of(), problems, where + ", rows from " + at + ": " + widths(table));
                }
                assertEquals(conditions, seenConditions, where + ": every condition seen drawn");
                assertEquals(digests, seenDigests, where + ": every settings digest seen drawn");
                FxThread.run(() -> {
                    LayoutChecks.assertColumnsFit(table, 36);
                    LayoutChecks.assertHeadingsWhole(table);
                });
            }
        }
    }

    /**
     * What is drawn cut in the shown rows: a condition not wrapped whole inside its cell (a wrapped text is the cell's
     * graphic, its height within the row's), a digest or another column's short text drawn shorter than the cell's text.
     */
    private static List<String> check(TableView<RunRow> table, Set<String> seenConditions, Set<String> seenDigests) {
        List<String> problems = new ArrayList<>();
        for (Node n : table.lookupAll(".table-cell")) {
            if (!(n instanceof TableCell<?, ?> cell) || cell.isEmpty() || cell.getTableRow() == null
                    || cell.getTableRow().getItem() == null || !LayoutChecks.shown(cell)) continue;
            RunRow row = (RunRow) cell.getTableRow().getItem();
            String column = cell.getTableColumn().getText();
            if (column.equals("Condition")) {
                // whole: the wrapped text is the condition, less the line breaks put in after a long word's hyphens
                if (cell.getGraphic() instanceof javafx.scene.text.Text t && t.getText().replace("\n", "").equals(row.condition().strip())
                        && t.getLayoutBounds().getHeight() <= cell.getHeight() + 0.5) {
                    seenConditions.add(row.condition());
                } else {
                    problems.add("condition \"" + row.condition() + "\" drawn as \"" + drawn(cell) + "\" in " + cell.getWidth()
                            + "x" + cell.getHeight());
                }
            } else if (column.equals("Settings")) {
                String shortDigest = row.settingsDigest().substring(0, 8);
                if (!shortDigest.equals(cell.getText()) || !shortDigest.equals(drawn(cell))) {
                    problems.add("settings " + row.settingsDigest() + " drawn as \"" + drawn(cell) + "\"");
                } else if (cell.getTooltip() == null || !cell.getTooltip().getText().contains(row.settingsDigest())) {
                    problems.add("settings " + row.settingsDigest() + " not whole in its tooltip: " + cell.getTooltip());
                } else {
                    seenDigests.add(row.settingsDigest());
                }
            } else if (cell.getText() != null && !cell.getText().isEmpty() && !column.equals("Passage / task")
                    && !cell.getText().equals(drawn(cell))) {
                problems.add(column + " \"" + cell.getText() + "\" drawn as \"" + drawn(cell) + "\"");
            }
        }
        return problems;
    }

    /** The text a labeled cell draws (its skin's text node: shortened with "…" where it did not fit). */
    private static String drawn(TableCell<?, ?> cell) {
        return cell.lookup(".text") instanceof javafx.scene.text.Text t && t != cell.getGraphic() ? t.getText() : "";
    }

    private static String widths(TableView<?> t) {
        return t.getColumns().stream().filter(c -> c.isVisible()).map(c -> c.getText() + " " + Math.round(c.getWidth())).toList()
                + " of " + Math.round(t.getWidth());
    }

    /** The History tab beside a library pane at 22 % of a 1280x800 window, with the workbench's style sheet. */
    private SplitPane open(Path ws) throws Exception {
        FxThread.start();
        runner = new JobRunner();
        Stage stage = FxToolkit.registerPrimaryStage();
        return FxThread.call(() -> {
            Theme.LIGHT.apply();
            tab = HistoryTab.following(new SimpleObjectProperty<>(ws), new SimpleBooleanProperty(true),
                    new javafx.beans.property.SimpleLongProperty(), runner);
            SplitPane window = new SplitPane(new javafx.scene.layout.Pane(), tab);
            window.setDividerPositions(0.22);
            Scene scene = new Scene(window, 1280, 800);
            scene.getStylesheets().add(org.sealworkbench.ui.WorkbenchApp.class.getResource("workbench.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            return window;
        });
    }
}
