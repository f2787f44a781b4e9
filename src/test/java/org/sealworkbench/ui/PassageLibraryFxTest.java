package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import javafx.scene.control.TableColumn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.workspace.WorkspaceCounts;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The library table on hand-made rows: clicking the Gain header sorts by gain as numbers, passages without runs last. */
class PassageLibraryFxTest extends FxRobot {
    private PassageLibraryView view;

    @BeforeEach
    void show() throws Exception {
        FxToolkit.registerPrimaryStage();
        PassageLibraryViewModel vm = new PassageLibraryViewModel();
        FxToolkit.setupSceneRoot(() -> {
            vm.show(new LibrarySnapshot(PassageLibraryViewModelTest.rows(), new WorkspaceCounts(6, 12, 0, 8), "contains"));
            view = new PassageLibraryView(vm);
            view.setPrefSize(700, 400);
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
        interact(() -> view.getScene().getWindow().setWidth(255));
        WaitForAsyncUtils.waitForFxEvents();
        double used = FxThread.call(() -> view.table.getColumns().stream().mapToDouble(TableColumn::getWidth).sum());
        double room = FxThread.call(() -> view.table.getWidth());
        org.junit.jupiter.api.Assertions.assertTrue(used <= room, used + " px of columns in a " + room + " px table");
        org.junit.jupiter.api.Assertions.assertTrue(FxThread.call(() -> view.gain.getWidth()) >= 44);
        // a title cut by the narrow pane is whole in its cell's tooltip
        javafx.scene.control.Labeled nopassage = lookup(".table-cell").match(org.testfx.matcher.control.LabeledMatchers.hasText("nopassageonly"))
                .queryAs(javafx.scene.control.Labeled.class);
        assertEquals("nopassageonly", FxThread.call(() -> nopassage.getTooltip().getText()));
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
}
