package org.sealworkbench.ui.history;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.sealworkbench.jobs.history.HistoryBackend;
import org.sealworkbench.jobs.history.JobItem;
import org.sealworkbench.jobs.history.RunDetail;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.ui.FxThread;
import org.sealworkbench.ui.JobRunner;
import org.sealworkbench.ui.Theme;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * History's scores as the whole window writes accuracies: a run with 1 of 6 answers right reads "16.7 %" in the runs
 * table and its detail (it read 0.167 there, 16.7 % in Runs &amp; QA), the Score column sorts by value (9.0 % before
 * 16.7 % before 100.0 %) and its heading's tooltip says the unit. In what a 1280x800 window leaves the tab, the runs
 * table shows ten rows (it showed five) above the detail, and the divider, dragged, is kept when another workspace opens.
 */
class HistoryScoresFxTest extends org.sealworkbench.ui.FxTestRobot {
    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    @TempDir Path tmp;
    JobRunner runner;
    HistoryTab tab;

    @AfterEach
    void stop() throws Exception {
        if (tab != null) tab.close();
        if (runner != null) runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
        FxToolkit.cleanupStages();
    }

    /** Run {@code id} scored {@code accuracy}; its condition wraps onto two lines at 1280, as an RL round's does. */
    static RunRow run(long id, double accuracy) {
        return new RunRow(id, "rl reward", "seal-tiny", "RL round 1: no adaptation", "c2133f40a8f5", "contains", accuracy, 0.5,
                "done", T, 0, "Passage " + id);
    }

    /** Fourteen runs: 100 %, 1 of 6, 9 %, one not graded, the rest a half; each run's detail has 1 of 6 answers right. */
    static final class Backend implements HistoryBackend {
        public List<RunRow> runs(CancelToken cancel) {
            List<RunRow> rows = new ArrayList<>(List.of(run(1, 1.0), run(2, 1 / 6.0), run(3, 0.09), run(4, Double.NaN)));
            for (long id = 5; id <= 14; id++) rows.add(run(id, 0.5));
            return rows;
        }

        public RunDetail detail(long runId) {
            List<RunDetail.Answer> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) answers.add(new RunDetail.Answer(i, i, "q" + i, "g", "a", Map.of("contains", i == 0)));
            return new RunDetail(runId, "RL round 1: no adaptation", "seal-tiny", 1L, "Owls", null, "done", 0, "{}", "d", T,
                    T.plusSeconds(1), List.of(), answers);
        }

        public List<JobItem> jobs() {
            return List.of();
        }

        public Object resume(long jobId, Progress progress, CancelToken cancel) {
            throw new AssertionError("not here");
        }
    }

    /**
     * The view in 1000x615, what a 1280x800 workbench leaves the History tab (beside the library, under the menus, tool
     * bar and tab row, above the status bar), in the workbench's theme and style sheet.
     */
    private HistoryView show(HistoryViewModel vm) throws Exception {
        HistoryView[] view = new HistoryView[1];
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            Theme.LIGHT.apply();
            view[0] = new HistoryView(vm);
            Scene scene = new Scene(view[0], 1000, 615);
            scene.getStylesheets().add(org.sealworkbench.ui.WorkbenchApp.class.getResource("workbench.css").toExternalForm());
            s.setScene(scene);
            s.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return view[0];
    }

    @Test
    void scoresReadAsPercentSortByValueAndTenRowsShowAt1280() throws Exception {
        HistoryViewModel vm = new HistoryViewModel(new Backend(), Runnable::run, Runnable::run, t -> { });
        HistoryView view = show(vm);
        interact(vm::refresh);
        TableView<RunRow> table = view.runsTable;
        FxThread.await("the runs listed", () -> table.getItems().size() == 14);
        Thread.sleep(300);   // the short columns fitted once the cells are drawn
        WaitForAsyncUtils.waitForFxEvents();

        // the cells read as the window writes accuracies, drawn whole
        @SuppressWarnings("unchecked")
        TableColumn<RunRow, ?> score = (TableColumn<RunRow, ?>) FxThread.call(() -> table.getColumns().stream()
                .filter(c -> "Score".equals(c.getText())).findFirst().orElseThrow());
        Map<Long, String> shown = FxThread.call(() -> {
            Map<Long, String> m = new java.util.HashMap<>();
            for (javafx.scene.Node n : table.lookupAll(".table-cell")) {
                if (n instanceof javafx.scene.control.TableCell<?, ?> c && c.getTableColumn() == score && c.getText() != null
                        && c.getTableRow() != null && c.getTableRow().getItem() instanceof RunRow r) {
                    javafx.scene.text.Text t = (javafx.scene.text.Text) c.lookup(".text");
                    assertEquals(c.getText(), t.getText(), "the score of run " + r.runId() + " is drawn cut");
                    m.put(r.runId(), c.getText());
                }
            }
            return m;
        });
        assertEquals("100.0 %", shown.get(1L));
        assertEquals("16.7 %", shown.get(2L), "1 of 6 right");
        assertEquals("9.0 %", shown.get(3L));
        assertEquals("\u2013", shown.get(4L), "not graded");

        // the heading says the unit
        Label heading = FxThread.call(() -> table.lookupAll(".column-header .label").stream()
                .map(n -> (Label) n).filter(l -> "Score".equals(l.getText())).findFirst().orElseThrow());
        assertNotNull(heading.getTooltip(), "the Score heading has a tooltip");
        assertTrue(heading.getTooltip().getText().contains("in percent"), heading.getTooltip().getText());

        // sorted by the number, not the text ("100.0 %" < "16.7 %" < "9.0 %" as text)
        interact(() -> table.getSortOrder().setAll(List.of(score)));
        List<String> up = FxThread.call(() -> table.getItems().stream().map(org.sealworkbench.ui.charts.ChartFactory::score).toList());
        assertEquals(List.of("\u2013", "9.0 %", "16.7 %"), up.subList(0, 3));
        assertEquals("100.0 %", up.get(up.size() - 1));
        interact(() -> score.setSortType(TableColumn.SortType.DESCENDING));
        assertEquals(List.of(1L, 5L), FxThread.call(() -> table.getItems().stream().limit(2).map(RunRow::runId).toList()));

        // the detail writes each grader's accuracy the same way
        interact(() -> vm.show(run(2, 1 / 6.0)));
        WaitForAsyncUtils.waitForFxEvents();
        String header = FxThread.call(view.detailHeader::getText);
        assertTrue(header.endsWith(" · accuracy contains 16.7 %"), header);

        // ten rows of the table show (two-line conditions and all), the detail below keeps its least height
        interact(() -> table.getSortOrder().clear());
        WaitForAsyncUtils.waitForFxEvents();
        long rows = FxThread.call(() -> {
            javafx.scene.Node flow = table.lookup(".virtual-flow");
            javafx.geometry.Bounds in = flow.localToScene(flow.getLayoutBounds());
            return table.lookupAll(".table-row-cell").stream().filter(n -> n instanceof TableRow<?> r && r.getItem() != null
                    && r.isVisible()).map(n -> n.localToScene(n.getLayoutBounds()))
                    .filter(b -> Math.min(b.getMaxY(), in.getMaxY()) - Math.max(b.getMinY(), in.getMinY()) >= b.getHeight() / 2)
                    .count();
        });
        assertTrue(rows >= 10, rows + " rows of the runs table show at 1280x800");
        double below = FxThread.call(() -> view.below.getHeight());
        assertTrue(below >= HistoryView.BELOW_LEAST - 0.5, "the detail keeps " + below + " px");
        assertTrue(FxThread.call(() -> view.detailHeader.isVisible() && view.detailHeader.getHeight() > 0), "the detail's heading shows");
    }

    /** The divider between the table and the detail: where the tab says, dragged there by the user, kept for the next workspace. */
    @Test
    void theDividerIsKeptWhenAnotherWorkspaceOpens() throws Exception {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        for (Path ws : List.of(a, b)) {
            try (ExperimentLog log = ExperimentLog.open(ws)) {
                assertTrue(log.passages().isEmpty());
            }
        }
        runner = new JobRunner();
        SimpleObjectProperty<Path> workspace = new SimpleObjectProperty<>(a);
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            tab = HistoryTab.following(workspace, new SimpleBooleanProperty(true), new SimpleLongProperty(), runner);
            s.setScene(new Scene(tab, 1000, 615));
            s.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(HistoryView.DIVIDER, FxThread.call(() -> tab.view().dividerProperty().get()), 0.01, "where it starts");
        interact(() -> tab.dividerProperty().set(0.5));   // the window's stored position, at its start
        assertEquals(0.5, FxThread.call(() -> tab.view().dividerProperty().get()), 0.01);
        interact(() -> tab.view().split.getDividers().get(0).setPosition(0.6));   // as a drag does
        assertEquals(0.6, FxThread.call(() -> tab.dividerProperty().get()), 0.01, "the tab follows the drag");
        HistoryView first = tab.view();
        interact(() -> workspace.set(b));
        WaitForAsyncUtils.waitForFxEvents();
        assertNotSame(first, tab.view(), "a view of the other workspace");
        assertEquals(0.6, FxThread.call(() -> tab.view().dividerProperty().get()), 0.01, "it starts where the last one was left");
        interact(() -> first.split.getDividers().get(0).setPosition(0.3));
        assertEquals(0.6, FxThread.call(() -> tab.dividerProperty().get()), 0.01, "the closed workspace's view no longer moves it");
    }
}
