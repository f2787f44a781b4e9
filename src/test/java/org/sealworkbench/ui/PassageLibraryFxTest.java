package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import javafx.scene.control.TableColumn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.workspace.WorkspaceCounts;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The library table on hand-made rows: clicking the Gain header sorts by gain as numbers, passages without runs last. */
class PassageLibraryFxTest extends FxTestRobot {
    private PassageLibraryView view;
    private PassageLibraryViewModel vm;

    @BeforeEach
    void show() throws Exception {
        FxToolkit.registerPrimaryStage();
        vm = new PassageLibraryViewModel();
        FxToolkit.setupSceneRoot(() -> {
            vm.show(new LibrarySnapshot(PassageLibraryViewModelTest.rows(), new WorkspaceCounts(6, 12, 0, 8), "contains"));
            view = new PassageLibraryView(vm);
            view.setPrefSize(700, 400);
            // as in the window: the theme's row height and padding, and the workbench's own CSS
            Theme.LIGHT.apply();
            view.getStylesheets().add(WorkbenchApp.class.getResource("workbench.css").toExternalForm());
            return view;
        });
        FxToolkit.showStage();
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
    }

    private List<String> titles() {
        return view.table.getItems().stream().map(PassageRow::title).toList();
    }

    private List<String> gainCells() throws Exception {
        return FxThread.call(() -> view.table.getItems().stream()
                .map(r -> PassageLibraryViewModel.formatGain(view.gain.getCellData(r))).toList());
    }

    @Test
    void allFiveColumnsFitTheLibraryPaneOfA1280PixelWindow() throws Exception {
        // The pane holds about 255 px there (a screenshot showed only the title: the others fell off the right edge).
        interact(() -> {
            ((javafx.stage.Stage) view.getScene().getWindow()).setMinWidth(0);   // as below
            view.getScene().getWindow().setWidth(255);
        });
        WaitForAsyncUtils.waitForFxEvents();
        double used = FxThread.call(() -> view.table.getColumns().stream().mapToDouble(TableColumn::getWidth).sum());
        double room = FxThread.call(() -> view.table.getWidth());
        org.junit.jupiter.api.Assertions.assertTrue(used <= room, used + " px of columns in a " + room + " px table: widths/least "
                + FxThread.call(() -> view.table.getColumns().stream().map(c -> Math.round(c.getWidth()) + "/" + Math.round(c.getMinWidth())).toList()));
        org.junit.jupiter.api.Assertions.assertTrue(FxThread.call(() -> view.gain.getWidth()) >= 42);   // "+40" and "Gain" need under 40 with the number columns' padding
        // (a title the narrow pane cuts is whole in its tooltip: aTitleTooWideForOneLine...)
        headingsWithinTheirColumns();
    }

    /**
     * Each number column's heading lies within its column: "Edits" ran over the line between it and "Qs" ("Qs E|dits"),
     * "Gain" over the one before it, at 1280 and at 1600.
     */
    @Test
    void theHeadingsStayWithinTheirColumnsAt1280And1600() throws Exception {
        for (double width : new double[] {255, 282, 352}) {   // the pane in a 1280 window, 22 % of it, 22 % of 1600
            interact(() -> {
                ((javafx.stage.Stage) view.getScene().getWindow()).setMinWidth(0);
                view.getScene().getWindow().setWidth(width);
            });
            WaitForAsyncUtils.waitForFxEvents();
            headingsWithinTheirColumns();
        }
    }

    private void headingsWithinTheirColumns() throws Exception {
        List<String> checked = FxThread.call(() -> {
            List<String> names = new java.util.ArrayList<>();
            for (javafx.scene.Node n : view.table.lookupAll(".column-header")) {
                if (!(n instanceof javafx.scene.control.skin.TableColumnHeader h) || h.getTableColumn() == null) continue;
                if (!(h.getTableColumn().getGraphic() instanceof javafx.scene.control.Label heading)) continue;
                javafx.scene.Node glyphs = heading.lookup(".text");   // the letters, not the label's padding
                javafx.geometry.Bounds text = glyphs.localToScene(glyphs.getLayoutBounds()), column = h.localToScene(h.getLayoutBounds());
                org.junit.jupiter.api.Assertions.assertTrue(text.getMinX() >= column.getMinX() - 0.5 && text.getMaxX() <= column.getMaxX() + 0.5,
                        "\"" + heading.getText() + "\" runs past its column at " + view.getScene().getWindow().getWidth() + " px: "
                                + text.getMinX() + " to " + text.getMaxX() + " in " + column.getMinX() + " to " + column.getMaxX());
                names.add(heading.getText());
            }
            return names;
        });
        org.junit.jupiter.api.Assertions.assertEquals(List.of("Qs", "Edits", "Best", "Gain"), checked);
    }

    /**
     * In the pane of a 1280-pixel window the title column is about 90 px (with the theme's row height and padding): a two-word title too wide for one line takes
     * two within the row's usual height and is drawn whole, without a tooltip (it was cut to "Vessary …" with one); a
     * title too long for two lines is cut there and whole in its tooltip; every row keeps the one-line rows' height.
     */
    @Test
    void aTitleTooWideForOneLineTakesTwoInTheRowsHeightAndOnlyOneCutBeyondGetsATooltip() throws Exception {
        FxThread.run(() -> vm.show(new LibrarySnapshot(List.of(PassageLibraryViewModelTest.row(1, "Vessary Lighthouse", null, null),
                PassageLibraryViewModelTest.row(2, "The Ostrel Calculating Engine of the Northern Isles", null, null),
                PassageLibraryViewModelTest.row(3, "Zakurk", null, null),
                PassageLibraryViewModelTest.row(4, "Vavapeirmarquendolinth", null, null)), new WorkspaceCounts(4, 8, 0, 0), "")));
        interact(() -> {
            javafx.stage.Stage stage = (javafx.stage.Stage) view.getScene().getWindow();
            stage.setMinWidth(0);   // the shared primary stage: an earlier test's workbench set its least width
            stage.setWidth(282);   // the pane's width in a 1280-pixel window (22 %)
        });
        WaitForAsyncUtils.waitForFxEvents();
        FxThread.run(() -> {
            javafx.scene.control.IndexedCell<?> two = titleCell("Vessary Lighthouse"), cut = titleCell("The Ostrel Calculating Engine of the Northern Isles"),
                    one = titleCell("Zakurk");
            double column = view.table.getColumns().get(0).getWidth();
            javafx.scene.text.Text shown = text(two), oneLine = text(one);
            org.junit.jupiter.api.Assertions.assertTrue(column < shown.getFont().getSize() * 9,
                    "the title column (" + column + " px) is too narrow for \"Vessary Lighthouse\" on one line");
            assertEquals("Vessary Lighthouse", shown.getText(), "drawn whole");
            org.junit.jupiter.api.Assertions.assertTrue(shown.getLayoutBounds().getHeight() > 1.5 * oneLine.getLayoutBounds().getHeight(),
                    "on two lines: " + shown.getLayoutBounds().getHeight() + " high, one line " + oneLine.getLayoutBounds().getHeight());
            javafx.geometry.Bounds inCell = shown.localToScene(shown.getLayoutBounds()), cell = two.localToScene(two.getLayoutBounds());
            org.junit.jupiter.api.Assertions.assertTrue(inCell.getMinY() >= cell.getMinY() - 0.5 && inCell.getMaxY() <= cell.getMaxY() + 0.5,
                    "both lines inside the cell: " + inCell + " in " + cell);
            assertEquals(one.getHeight(), two.getHeight(), 0.5, "the row keeps the one-line rows' height");
            assertEquals(one.getHeight(), cut.getHeight(), 0.5);
            assertEquals(null, two.getTooltip(), "a title drawn whole has no tooltip");
            org.junit.jupiter.api.Assertions.assertTrue(text(cut).getText().endsWith(((javafx.scene.control.Labeled) cut).getEllipsisString()),
                    "cut: " + text(cut).getText());
            assertEquals("The Ostrel Calculating Engine of the Northern Isles", cut.getTooltip().getText());
            // one word wider than the column is cut with "…" on one line, not broken inside the word ("Vavapeirm / ar")
            javafx.scene.control.IndexedCell<?> word = titleCell("Vavapeirmarquendolinth");
            javafx.scene.text.Text wordText = text(word);
            org.junit.jupiter.api.Assertions.assertTrue(wordText.getText().endsWith(((javafx.scene.control.Labeled) word).getEllipsisString()),
                    "cut: " + wordText.getText());
            org.junit.jupiter.api.Assertions.assertTrue(wordText.getLayoutBounds().getHeight() < 1.5 * oneLine.getLayoutBounds().getHeight(),
                    "on one line: " + wordText.getLayoutBounds().getHeight());
            assertEquals("Vavapeirmarquendolinth", word.getTooltip().getText());
        });
    }

    private javafx.scene.control.IndexedCell<?> titleCell(String title) {
        for (javafx.scene.Node n : view.table.lookupAll(".table-cell")) {
            if (n instanceof javafx.scene.control.TableCell<?, ?> c && title.equals(c.getItem())) return c;
        }
        throw new AssertionError("no cell shows " + title);
    }

    private static javafx.scene.text.Text text(javafx.scene.control.IndexedCell<?> cell) {
        return (javafx.scene.text.Text) cell.getChildrenUnmodifiable().stream().filter(n -> n instanceof javafx.scene.text.Text)
                .findFirst().orElseThrow();
    }

    @Test
    void clickingGainSortsByGainUpThenDownWithEnDashesLast() throws Exception {
        assertEquals(List.of("ten", "minus", "norun", "fifty", "nopassageonly", "five"), titles());
        clickOn("Gain");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TableColumn.SortType.ASCENDING, view.gain.getSortType());
        assertEquals(List.of("minus", "five", "ten", "fifty", "norun", "nopassageonly"), titles());
        assertEquals(List.of("\u221225", "+5", "+10", "+50", "\u2013", "\u2013"), gainCells());
        clickOn("Gain");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("fifty", "ten", "five", "minus", "norun", "nopassageonly"), titles());
        // The cells themselves show the numbers and dashes.
        org.junit.jupiter.api.Assertions.assertTrue(lookup(".table-cell").match(org.testfx.matcher.control.LabeledMatchers.hasText("+50"))
                .tryQuery().isPresent(), "a cell shows +50");
    }

    /**
     * Best sorts by value, not as text (where "100%" came first); at the library's width in a 1280-pixel window every
     * cell is drawn whole, "100%" too, and a cell's tooltip gives the value as the rest of the window writes it.
     */
    @Test
    void clickingBestSortsByValueItsCellsAreWholeAndTheirTooltipsExact() throws Exception {
        interact(() -> {
            ((javafx.stage.Stage) view.getScene().getWindow()).setMinWidth(0);   // as above
            view.getScene().getWindow().setWidth(255);
        });
        WaitForAsyncUtils.waitForFxEvents();
        interact(() -> view.table.getSortOrder().setAll(List.of(view.best)));   // as a click on its heading does
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("minus", "five", "ten", "nopassageonly", "fifty", "norun"), titles());
        List<javafx.scene.control.TableCell<?, ?>> cells = FxThread.call(() -> view.table.lookupAll(".table-cell").stream()
                .filter(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && c.getTableColumn() == view.best
                        && c.getText() != null && c.isVisible())
                .<javafx.scene.control.TableCell<?, ?>>map(n -> (javafx.scene.control.TableCell<?, ?>) n).toList());
        List<String> cut = FxThread.call(() -> cells.stream().filter(c -> c.lookup(".text") instanceof javafx.scene.text.Text t
                && !t.getText().equals(c.getText())).map(javafx.scene.control.TableCell::getText).toList());
        assertEquals(List.of(), cut, "Best cells drawn cut at 255 px");
        assertEquals(java.util.Set.of("25%", "30%", "60%", "75%", "100%", "\u2013"),
                FxThread.call(() -> cells.stream().map(javafx.scene.control.TableCell::getText).collect(java.util.stream.Collectors.toSet())));
        assertEquals("100.0 %, the best of the passage's runs", FxThread.call(() -> cells.stream().filter(c -> "100%".equals(c.getText()))
                .findFirst().orElseThrow().getTooltip().getText()));
        assertEquals(null, FxThread.call(() -> cells.stream().filter(c -> "\u2013".equals(c.getText()))
                .findFirst().orElseThrow().getTooltip()), "no tooltip where there is no number");
        // only a shown "100%" widens Best: filtered to a passage without one, the title gets the room back
        double wide = FxThread.call(() -> view.best.getMinWidth());
        assertEquals(true, wide > PassageLibraryView.QA_LEAST, "widened for 100%: " + wide);
        interact(() -> view.filterField.setText("minus"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("minus"), titles());
        assertEquals(PassageLibraryView.QA_LEAST, FxThread.call(() -> view.best.getMinWidth()), 0.01);
    }

    @Test
    void typingAFilterThatKeepsTheSelectedRowNeverLetsGoOfIt() throws Exception {
        interact(() -> view.table.getSelectionModel().select(3));   // "fifty"
        List<String> changes = new java.util.ArrayList<>();
        interact(() -> vm.selectedProperty().addListener((o, a, b) -> changes.add(b == null ? "none" : b.title())));
        clickOn(view.filterField).write("fi");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("fifty", "five"), titles());
        // Each keystroke refilters the table, which drops its selection and selects the row again: the passage stayed
        // chosen (no change reached the window, which read the passage again on each one).
        assertEquals(List.of(), changes);
        assertEquals("fifty", FxThread.call(() -> view.table.getSelectionModel().getSelectedItem().title()));
        assertEquals("fifty", vm.selectedProperty().get().title());
        clickOn(view.filterField).write("v");   // "fiv": hides it
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("none"), changes);
    }
}
