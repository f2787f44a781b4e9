package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.fxmisc.richtext.StyleClassedTextArea;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.NewSelfEdit;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window on a real workspace that opens read-only: its passages and self-edits show, the title, the banner and
 * the status bar say "read-only", Import, Generate, Save, Fine-tune, ReST-EM and Continual are off (the buttons saying
 * why), Ctrl+I does nothing, the Annotate tab says why judging is off, and workspace.db is the same file afterwards.
 * Read-only through {@link ExperimentLog#READ_ONLY_PROPERTY}, as the tests may run as root (see the store's
 * ReadOnlyWorkspaceTest for folders that are really read-only).
 */
class ReadOnlyWorkspaceFxTest extends FxTestRobot {
    @TempDir Path tmp;
    private WorkbenchApp app;
    private ScriptedDialogs dialogs;

    @AfterEach
    void stop() throws Exception {
        try {
            if (app != null) TestApps.stop(app, dialogs);
        } finally {
            System.clearProperty(ExperimentLog.READ_ONLY_PROPERTY);
        }
    }

    @Test
    void aReadOnlyWorkspaceOpensForReadingWithEveryWriteOffAndItsFileUntouched() throws Exception {
        Path ws = tmp.resolve("ws");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            long model = log.findOrAddModel("/models/tiny", "llama", "tiny");
            long p = log.addPassage(new Passage("Lighthouses", "A lighthouse warns ships of rocks with a bright lamp.",
                    List.of(new Question("What does a lighthouse warn ships of?", "Rocks"))), "test");
            log.addSelfEdit(new NewSelfEdit(p, "Lighthouses warn ships of rocks.", AuthorKind.MODEL, model, null,
                    "implications", "prompt", "{}", "t"));
            log.addPassage(new Passage("Glaciers", "Glaciers carve valleys.", List.of(new Question("What do glaciers carve?",
                    "Valleys"))), "test");
        }
        Path db = ws.resolve(ExperimentLog.DB_FILE);
        byte[] bytes = Files.readAllBytes(db);
        long mtime = Files.getLastModifiedTime(db).toMillis();
        Path importFile = Files.writeString(tmp.resolve("more.json"), TestApps.LIGHTHOUSES);

        System.setProperty(ExperimentLog.READ_ONLY_PROPERTY, "true");
        dialogs = new ScriptedDialogs();
        dialogs.importFile = importFile;
        app = TestApps.start(ws, TestApps.samples(tmp, TestApps.LIGHTHOUSES), tmp.resolve("settings.properties"), dialogs);
        WaitForAsyncUtils.waitForFxEvents();

        @SuppressWarnings("unchecked")
        TableView<PassageRow> table = lookup("#passageTable").queryAs(TableView.class);
        assertEquals(List.of("Lighthouses", "Glaciers"), table.getItems().stream().map(PassageRow::title).toList(),
                "read as it is: no sample data seeded into it");
        Stage stage = (Stage) table.getScene().getWindow();
        assertEquals("SEAL Workbench — ws (read-only)", stage.getTitle());
        assertEquals("ws · read-only", lookup("#workspaceChip").queryAs(Label.class).getText());
        assertTrue(lookup("#readOnlyBar").query().isVisible());
        assertTrue(lookup("#readOnlyText").queryAs(Label.class).getText().startsWith("This workspace is open read-only (opened"
                + " read-only on request (seal.readOnly)). Browse, compare, chart and export as usual"));
        assertTrue(lookup("#statusReadOnly").query().isVisible());

        // Import: the button off, saying why; the menu item off; its shortcut does nothing.
        Button importButton = lookup("#importButton").queryButton();
        assertTrue(importButton.isDisabled());
        String tip = app.viewModel().readOnlyTipProperty().get();
        assertEquals(tip, OffReason.shown((StackPane) importButton.getParent()).getText());
        MainView view = app.view();
        for (var item : List.of(view.importItem, view.generateItem, view.fineTuneItem, view.rlItem, view.continualItem)) {
            assertTrue(item.isDisable(), item.getText() + " is off");
        }
        assertFalse(view.openItem.isDisable(), "another workspace can be opened");
        assertFalse(view.refreshItem.isDisable());
        clickOn(table);
        press(javafx.scene.input.KeyCode.CONTROL).press(javafx.scene.input.KeyCode.I)
                .release(javafx.scene.input.KeyCode.I).release(javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, table.getItems().size(), "nothing imported");

        // The first passage's self-edit shows, not editable; Generate and Save are off and say why.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup(".self-edit-text").queryAll().stream()
                .map(n -> ((StyleClassedTextArea) n).getText()).anyMatch("Lighthouses warn ships of rocks."::equals));
        StyleClassedTextArea shown = lookup(".self-edit-text").queryAll().stream().map(n -> (StyleClassedTextArea) n)
                .filter(a -> a.getText().equals("Lighthouses warn ships of rocks.")).findFirst().orElseThrow();
        assertFalse(shown.isEditable());
        Button generate = lookup("#generateButton").queryButton();
        assertTrue(generate.isDisabled());
        assertTrue(OffReason.shown((StackPane) generate.getParent()).getText().startsWith("Generating is off: the workspace is open read-only"));
        Button save = lookup("Save").queryButton();
        assertTrue(save.isDisabled());
        assertNotNull(OffReason.shown((StackPane) save.getParent()));

        // The Annotate tab says why judging is off and what reads the stored judgements.
        interact(() -> view.tabs.select(WorkbenchTabs.ANNOTATE));
        WaitForAsyncUtils.waitForFxEvents();
        Label annotate = lookup("#annotateEmpty").queryAs(Label.class);
        assertTrue(annotate.getText().startsWith("Judging is off: the workspace is open read-only"), annotate.getText());
        assertTrue(annotate.getText().contains("./seal annotations --workspace " + ws.toAbsolutePath()), annotate.getText());

        // The Few-shot (ARC) window: Run and Run all tasks are off once a task is chosen, saying why on hover (Run was on
        // and the job refused after the click, in a dialog); so are the RL round's Start and Resume.
        org.sealworkbench.ui.arc.ArcWindow arc = FxThread.call(view::showArc);
        var arcVm = arc.viewModel();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> FxThread.call(() -> !arcVm.tasks().isEmpty()
                && arcVm.selectedTaskProperty().get() != null));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", FxThread.call(() -> arcVm.problemProperty().get()), "the form is fine");
        for (String id : List.of("#arcRun", "#arcRunAll")) {
            Button b = FxThread.call(() -> (Button) arc.getScene().lookup(id));
            assertTrue(b.isDisabled(), id + " is off");
            assertEquals(tip, OffReason.shown((StackPane) b.getParent()).getText(), id + " says why");
        }
        assertEquals(tip, FxThread.call(() -> arcVm.rl().offReasonProperty().get()));
        assertFalse(FxThread.call(() -> arcVm.rl().canStartProperty().get()));
        FxThread.run(arc::close);

        // What the window showed it read; nothing of the file changed.
        TestApps.stop(app, dialogs);
        app = null;
        assertArrayEquals(bytes, Files.readAllBytes(db), "workspace.db unchanged");
        assertEquals(mtime, Files.getLastModifiedTime(db).toMillis());
        assertFalse(Files.exists(ws.resolve(SampleSeeder.MARKER)), "no seeding marker written");
    }
}
