package org.sealworkbench.ui.history;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.MenuBar;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.sealworkbench.ui.ShortcutsHelp;
import org.sealworkbench.ui.Theme;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The History tab's keys are the ones Help > Keyboard shortcuts lists: Enter in the runs table compared the two chosen
 * runs, and the help did not say so.
 */
class HistoryKeysFxTest extends FxRobot {
    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void enterInTheRunsTableComparesAndTheHelpListsIt() throws Exception {
        HistoryViewModelTest.Fake backend = new HistoryViewModelTest.Fake();
        backend.runs.add(HistoryViewModelTest.row(1, "evaluation", "passage only", "contains", "done"));
        backend.runs.add(HistoryViewModelTest.row(2, "evaluation", "passage only", "contains", "done"));
        HistoryViewModel vm = new HistoryViewModel(backend, Runnable::run, Runnable::run, t -> { });
        HistoryView[] view = new HistoryView[1];
        FxToolkit.setupStage(s -> {
            Theme.LIGHT.apply();
            view[0] = new HistoryView(vm);
            s.setScene(new Scene(view[0], 1000, 700));
            s.show();
            vm.refresh();
        });
        WaitForAsyncUtils.waitForFxEvents();
        interact(() -> {
            view[0].runsTable.getSelectionModel().selectIndices(0, 1);
            view[0].runsTable.requestFocus();
        });
        type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(vm.comparisonProperty().get(), "Enter compared the two chosen runs");

        List<ShortcutsHelp.Section> help = ShortcutsHelp.of(new MenuBar());
        ShortcutsHelp.Section history = help.stream().filter(s -> s.title().startsWith("History")).findFirst().orElseThrow();
        List<String> keys = history.shortcuts().stream().map(ShortcutsHelp.Shortcut::keys).toList();
        assertTrue(keys.contains("Enter"), "History's keys in the help: " + keys);
        assertTrue(keys.contains(HistoryView.COMPARE.getDisplayText()) && keys.contains(HistoryView.RESUME.getDisplayText()), keys.toString());
    }
}
