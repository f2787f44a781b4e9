package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window's keys as a person uses them: Ctrl+F finds in the shown tab (Runs & QA) or in the library; F1 lists
 * every key, the menus' read from the menu bar, in a dialog that fits a 1280x800 screen.
 */
class MainWindowKeysFxTest extends FxTestRobot {
    @TempDir Path tmp;
    private WorkbenchApp app;
    private ScriptedDialogs dialogs;

    @BeforeEach
    void start() throws Exception {
        dialogs = new ScriptedDialogs();
        app = TestApps.start(tmp.resolve("ws"), TestApps.samples(tmp, TestApps.LIGHTHOUSES), tmp.resolve("settings.properties"), dialogs);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private void shortcut(KeyCode... keys) {
        Keys.shortcut(this, keys);
    }

    private Node focused() {
        return app.view().getScene().getFocusOwner();
    }

    @Test
    void ctrlFSearchesTheQaTableOnRunsAndQaAndTheLibraryElsewhere() throws Exception {
        TextField librarySearch = lookup("#passageFilter").queryAs(TextField.class);
        interact(() -> app.view().tabs.select(WorkbenchTabs.RUNS));
        TextField qaSearch = lookup("#qaSearch").queryAs(TextField.class);
        clickOn("Grader");   // a label in the QA bar: the focus is in no field
        shortcut(KeyCode.CONTROL, KeyCode.F);
        assertSame(qaSearch, focused(), "Ctrl+F on Runs & QA focuses its 'Search (Ctrl+F)' field");
        write("gold");
        assertEquals("gold", qaSearch.getText(), "the typing went to the QA search");
        assertEquals("", librarySearch.getText(), "and not to the library's filter");

        clickOn("#passageTable");   // the person works in the library: Ctrl+F filters it
        shortcut(KeyCode.CONTROL, KeyCode.F);
        assertSame(librarySearch, focused(), "Ctrl+F from the library focuses the library filter");

        interact(() -> app.view().tabs.select(WorkbenchTabs.SELF_EDITS));
        interact(() -> app.view().tabs.requestFocus());
        shortcut(KeyCode.CONTROL, KeyCode.F);
        assertSame(librarySearch, focused(), "a tab without a search of its own: the library filter");
        assertEquals(java.util.List.of(), dialogs.errors);
    }

    @Test
    void f1ListsEveryMenuShortcutAndTheTabsKeys() throws Exception {
        shortcut(KeyCode.F1);
        java.util.List<ShortcutsHelp.Section> sections = dialogs.shortcuts;
        org.junit.jupiter.api.Assertions.assertNotNull(sections, "F1 opens Help > Keyboard shortcuts");
        java.util.Set<String> listed = new java.util.HashSet<>();
        for (ShortcutsHelp.Section s : sections) for (ShortcutsHelp.Shortcut k : s.shortcuts()) listed.add(k.keys() + " " + k.action());
        javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) lookup(".menu-bar").query();
        int menuKeys = 0;
        for (javafx.scene.control.Menu m : bar.getMenus()) {
            for (javafx.scene.control.MenuItem item : m.getItems()) {
                if (item.getAccelerator() == null) continue;
                menuKeys++;
                String line = item.getAccelerator().getDisplayText() + " " + m.getText() + " > " + item.getText().replace("…", "");
                org.junit.jupiter.api.Assertions.assertTrue(listed.contains(line), line + " is listed: " + listed);
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(menuKeys >= 14, "the menus have their keys: " + menuKeys);
        org.junit.jupiter.api.Assertions.assertTrue(listed.contains("F1 Help > Keyboard shortcuts"), listed.toString());
        org.junit.jupiter.api.Assertions.assertTrue(listed.stream().anyMatch(l -> l.startsWith("Ctrl+Shift+R Mark the selected")), listed.toString());
        org.junit.jupiter.api.Assertions.assertTrue(listed.stream().anyMatch(l -> l.startsWith("Ctrl+Enter Start the session")), listed.toString());
        // One meaning per key: a menu's key works in every tab, so no tab gives it another (Annotate's Ctrl+I imported
        // judgements while File > Import was Ctrl+I too)
        java.util.Map<String, String> menuKey = new java.util.HashMap<>();
        for (ShortcutsHelp.Section s : sections) {
            if (s.title().equals("Menus")) for (ShortcutsHelp.Shortcut k : s.shortcuts()) menuKey.put(k.keys(), k.action());
        }
        for (ShortcutsHelp.Section s : sections) {
            // the menus' keys work in the main window's tabs; a window of its own (Few-shot, its RL round) has no menus
            if (s.title().equals("Menus") || s.title().contains("window (")) continue;
            for (ShortcutsHelp.Shortcut k : s.shortcuts()) {
                for (String key : k.keys().split(" / ")) {
                    if (key.strip().equals("F5") && menuKey.get("F5").equals("View > Refresh")) continue;   // Charts' F5 refreshes too
                    org.junit.jupiter.api.Assertions.assertFalse(menuKey.containsKey(key.strip()), key + " means '" + k.action()
                            + "' in " + s.title() + " and '" + menuKey.get(key.strip()) + "' in the menus");
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(listed.contains("Ctrl+R Open the RL round window (./seal arc-rl)"), listed.toString());
        org.junit.jupiter.api.Assertions.assertTrue(listed.contains("Ctrl+Enter Start the round"), listed.toString());

        // The real dialog on this (1280x800) screen: whole on screen, Close reachable, Esc closes it.
        javafx.scene.control.Alert[] shown = new javafx.scene.control.Alert[1];
        interact(() -> {
            shown[0] = ShortcutsHelp.create(app.view().getScene().getWindow(), sections);
            shown[0].show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        javafx.stage.Window w = shown[0].getDialogPane().getScene().getWindow();
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        org.junit.jupiter.api.Assertions.assertTrue(w.getHeight() <= screen.getHeight(), "the dialog is " + w.getHeight() + " tall on a "
                + screen.getHeight() + " screen");
        Node close = shown[0].getDialogPane().lookupButton(javafx.scene.control.ButtonType.CLOSE);
        LayoutChecks.assertInWindow(close, "Close");
        for (Node n : shown[0].getDialogPane().lookup("#shortcutsGrid").lookupAll(".label")) {
            if (n instanceof javafx.scene.control.Label l && !l.isWrapText()) LayoutChecks.assertWhole(l);
        }
        press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        org.junit.jupiter.api.Assertions.assertFalse(shown[0].isShowing(), "Esc closes it");
    }
}
