package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Control;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Paint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Keyboard focus is visible on the library's table and on the tab headers (the theme frames focused buttons and fields
 * only): Tab from the filter lands on the table, which draws its frame in the accent; a mouse click does not.
 */
class KeyboardFocusFxTest extends FxTestRobot {
    @TempDir Path tmp;
    private WorkbenchApp app;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();

    @AfterEach
    void stop() throws Exception {
        if (app != null) TestApps.stop(app, dialogs);
    }

    private static Paint frame(Control c) {
        return c.getBorder() == null || c.getBorder().getStrokes().isEmpty() ? null : c.getBorder().getStrokes().get(0).getTopStroke();
    }

    @Test
    void tabFromTheFilterShowsTheTablesFocusAndAClickDoesNot() throws Exception {
        for (Theme theme : Theme.values()) {
            Path settings = tmp.resolve("settings-" + theme.key() + ".properties");   // the window applies its theme
            java.nio.file.Files.writeString(settings, "theme=" + theme.key() + "\n");
            app = TestApps.start(tmp.resolve("ws-" + theme.key()), TestApps.samples(tmp, TestApps.LIGHTHOUSES), settings, dialogs);
            TextField filter = lookup("#passageFilter").queryAs(TextField.class);
            TableView<?> table = lookup("#passageTable").queryAs(TableView.class);
            Paint unfocused = FxThread.call(() -> frame(table));

            clickOn(filter);
            type(KeyCode.TAB);
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, table::isFocused);
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(table.isFocusVisible(), theme + ": focus from the keyboard");
            Paint focused = FxThread.call(() -> frame(table));
            assertNotEquals(unfocused, focused, theme + ": the focused table's frame changes colour");

            clickOn(filter);
            clickOn(table);
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(table.isFocused());
            assertEquals(unfocused, FxThread.call(() -> frame(table)), theme + ": no frame after a click");

            TestApps.stop(app, dialogs);
            app = null;
        }
        FxThread.run(Theme.LIGHT::apply);
    }
}
