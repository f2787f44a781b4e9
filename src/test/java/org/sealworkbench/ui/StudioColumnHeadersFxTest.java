package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.stage.Screen;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.app.Offline;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.NewSelfEdit;
import org.sealworkbench.ui.studio.ColumnChoice;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The studio's column headers in the 1280x800 test window, with imported self-edits whose picker lines are long (the
 * demo's "#1 · hand-written (example) (import) · T 1.0 · top-p 0.95 · date"): each header shows a form of its line
 * whole, never cut to "#1 · hand-…", a longer one where the column is wider, and the whole line in its tooltip; the
 * rightmost column's list of choices opens inside the screen. The passage's questions table beside them has whole headings.
 */
class StudioColumnHeadersFxTest extends FxTestRobot {
    @TempDir Path tmp;
    private WorkbenchApp app;
    private ScriptedDialogs dialogs;

    @BeforeEach
    void setUp() throws Exception {
        Offline.enforce();
        Path samples = TestApps.samples(tmp, TestApps.LIGHTHOUSES);
        Path workspace = tmp.resolve("ws");
        dialogs = new ScriptedDialogs();
        app = TestApps.start(workspace, samples, tmp.resolve("settings.properties"), dialogs);
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            long pid = log.passages().get(0).id();
            for (String text : List.of("Lighthouses warn ships of rocks.", "A bright lamp warns ships.", "Ships see the lamp.", "Rocks are near."))
                log.addSelfEdit(new NewSelfEdit(pid, text, AuthorKind.IMPORT, null, null, "implications", null,
                        "{\"temperature\": 1.0, \"top_p\": 0.95}", "hand-written (example)"));
        }
        interact(() -> app.viewModel().openWorkspace(workspace, false));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.viewModel().openStateProperty().get() == JobState.SUCCEEDED);
        clickOn("Lighthouses");
        FxThread.await("the passage's four self-edits in four columns", () -> app.viewModel().studio().columns().size() == 4
                && app.viewModel().studio().columns().stream().noneMatch(c -> c.choice() == null || c.choice().passageOnly()));
    }

    @AfterEach
    void stop() throws Exception {
        TestApps.stop(app, dialogs);
    }

    @Test
    void eachHeaderShowsAWholeFormOfItsLineLongerWhereTheColumnIsWiderAndTheWholeLineInItsTooltip() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1280, FxThread.call(() -> app.view().getScene().getWidth()), 1.0, "the test window is 1280 wide");
        List<String> narrow = headers("four columns beside the passage", 4);
        String whole = FxThread.call(() -> app.viewModel().studio().columns().get(0).choice().toString());
        assertTrue(whole.startsWith("#") && whole.contains("hand-written (example) (import) · implications · T 1.0"), whole);
        assertNotEquals(whole, narrow.get(0), "a column a quarter of the studio is too narrow for the whole line");

        // Without the passage beside them the columns are wider: a longer form (not the same short one everywhere).
        clickOn("#passageToggle");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> wide = headers("four columns without the passage", 4);
        assertTrue(wide.get(0).length() > narrow.get(0).length(), "wider: " + wide.get(0) + ", narrower: " + narrow.get(0));

        // The rightmost column's list of choices opens inside the screen (its lines are wider than the column).
        ComboBox<?> last = lookup("#column3 .combo-box").queryAs(ComboBox.class);
        clickOn(last);
        FxThread.await("the list of choices", last::isShowing);
        WaitForAsyncUtils.waitForFxEvents();
        FxThread.run(() -> {
            Window popup = ((javafx.scene.control.skin.ComboBoxListViewSkin<?>) last.getSkin()).getPopupContent().getScene().getWindow();
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            assertTrue(popup.getWidth() > LayoutChecks.inScene(last).getWidth(), "the list is wider than the picker: " + popup.getWidth());
            assertTrue(popup.getX() >= screen.getMinX() - 0.5 && popup.getX() + popup.getWidth() <= screen.getMaxX() + 0.5,
                    "the list lies within the screen's width " + screen.getWidth() + ": x " + popup.getX() + " to "
                            + (popup.getX() + popup.getWidth()));
        });
        FxThread.run(last::hide);
    }

    /**
     * The passage beside four columns at 1280: its questions table's headings are whole (the answers' was "Gold a…"),
     * also with the pane as narrow as beside five columns, where the line under the title wraps.
     */
    @Test
    void thePassagesQuestionHeadingsAreWholeBesideFourColumns() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        FxThread.run(() -> {
            javafx.scene.control.TableView<?> questions = (javafx.scene.control.TableView<?>) app.view().lookup("#questionTable");
            LayoutChecks.assertInWindow(questions, "the questions table");
            LayoutChecks.assertHeadingsWhole(questions);
            LayoutChecks.assertColumnsFit(questions, 30);
        });
        // Narrowed as beside five generated columns: the passage's line under its title wraps instead of ending "5 qu…".
        FxThread.run(() -> app.view().studio.setDivider(0.245));   // about 245 px, as the five columns' least widths leave it
        WaitForAsyncUtils.waitForFxEvents();
        FxThread.run(() -> {
            javafx.scene.control.Label subtitle = (javafx.scene.control.Label) app.view().lookup("#detailSubtitle");
            assertTrue(subtitle.getWidth() < subtitle.prefWidth(-1), "the pane (" + subtitle.getWidth() + ") is narrower than the line");
            javafx.scene.text.Text drawn = (javafx.scene.text.Text) subtitle.getChildrenUnmodifiable().stream()
                    .filter(n -> n instanceof javafx.scene.text.Text).findFirst().orElseThrow();
            assertEquals(subtitle.getText(), drawn.getText(), "drawn whole");
            LayoutChecks.assertInWindow(subtitle, "the passage's line");
            LayoutChecks.assertHeadingsWhole((javafx.scene.control.TableView<?>) app.view().lookup("#questionTable"));
        });
    }

    /**
     * A column's History… in the 1280x800 window: the dialog fits the screen with its buttons, and each version's line
     * wraps within the list (it ran off to the right behind a horizontal scroll bar).
     */
    @Test
    void theHistoryDialogFitsAndItsVersionsWrapWithinTheList() throws Exception {
        clickOn(lookup("#column0 .button").match(n -> "History…".equals(((javafx.scene.control.Button) n).getText())).queryButton());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#historyVersions").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);   // the dialog's fit runs later
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.ListView<?> versions = lookup("#historyVersions").queryAs(javafx.scene.control.ListView.class);
        FxThread.run(() -> {
            LayoutChecks.assertDialogFits((javafx.scene.control.DialogPane) versions.getScene().getRoot(), "the history");
            for (javafx.scene.Node n : versions.lookupAll(".scroll-bar")) {
                if (n instanceof javafx.scene.control.ScrollBar sb && sb.getOrientation() == javafx.geometry.Orientation.HORIZONTAL)
                    assertTrue(!LayoutChecks.shown(sb), "no horizontal scroll bar in the versions");
            }
            int seen = 0;
            for (javafx.scene.Node n : versions.lookupAll(".list-cell")) {
                if (!(n instanceof ListCell<?> c) || c.getText() == null || !LayoutChecks.shown(c)) continue;
                javafx.scene.text.Text t = (javafx.scene.text.Text) c.getChildrenUnmodifiable().stream()
                        .filter(x -> x instanceof javafx.scene.text.Text).findFirst().orElseThrow();
                assertEquals(c.getText(), t.getText(), "the version's line whole");
                assertTrue(LayoutChecks.inScene(c).getMaxX() <= LayoutChecks.inScene(versions).getMaxX() + 0.5, "within the list");
                seen++;
            }
            assertEquals(1, seen, "the self-edit's one version");
        });
        clickOn("Close");
    }

    /** Each column's header: a whole form of its choice's line, inside the window; the picker's tooltip holds the whole line. */
    private List<String> headers(String when, int columns) throws Exception {
        return FxThread.call(() -> {
            List<String> shown = new java.util.ArrayList<>();
            for (int i = 0; i < columns; i++) {
                ComboBox<?> picker = (ComboBox<?>) app.view().lookup("#column" + i + " .combo-box");
                ListCell<?> cell = picker.getButtonCell();
                ColumnChoice choice = app.viewModel().studio().columns().get(i).choice();
                LayoutChecks.assertInWindow(cell, when + ": column " + i + "'s header");
                LayoutChecks.assertWhole(cell);
                assertTrue(choice.labels().contains(cell.getText()), when + ": \"" + cell.getText() + "\" is a form of " + choice);
                assertTrue(cell.getText().startsWith("#" + choice.edit().id()), cell.getText());
                assertEquals(choice.toString(), picker.getTooltip().getText(), "the whole line in the tooltip");
                shown.add(cell.getText());
            }
            return shown;
        });
    }
}
