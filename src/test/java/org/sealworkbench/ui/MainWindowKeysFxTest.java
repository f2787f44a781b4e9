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
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The main window's keys as a person uses them: Ctrl+F finds in the shown tab (Runs & QA) or in the library. */
class MainWindowKeysFxTest extends FxRobot {
    private static final String SAMPLE = """
            [{"title": "Lighthouses", "context": "A lighthouse warns ships of rocks with a bright lamp.",
              "questions": [{"question": "What does a lighthouse warn ships of?", "answer": "Rocks"}]}]
            """;

    @TempDir Path tmp;
    private WorkbenchApp app;
    private ScriptedDialogs dialogs;

    @BeforeEach
    void start() throws Exception {
        dialogs = new ScriptedDialogs();
        app = TestApps.start(tmp.resolve("ws"), TestApps.samples(tmp, SAMPLE), tmp.resolve("settings.properties"), dialogs);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private void shortcut(KeyCode... keys) {
        press(keys);
        KeyCode[] reversed = new KeyCode[keys.length];
        for (int i = 0; i < keys.length; i++) reversed[i] = keys[keys.length - 1 - i];
        release(reversed);
        WaitForAsyncUtils.waitForFxEvents();
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
}
