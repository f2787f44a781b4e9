package org.sealworkbench.ui.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.sealworkbench.jobs.qa.QaAnswer;
import org.sealworkbench.jobs.qa.QaRow;
import org.sealworkbench.jobs.qa.QaTable;
import org.sealworkbench.jobs.qa.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sealworkbench.ui.Keys;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The QA view's shortcuts as one tab of several, as in the workbench: Ctrl+Shift+R / Ctrl+Shift+W store a verdict on the
 * selected row and Ctrl+F focuses the search only while the QA tab is shown; on another tab they leave the hidden table
 * alone (Ctrl+Shift+R there used to store a verdict nobody saw). After a verdict the same question stays selected, so
 * Down and the next key go on from it.
 */
class QaShortcutsFxTest extends org.sealworkbench.ui.FxTestRobot {
    private QaViewModelTest.FakeBackend backend;
    private QaView view;
    private TabPane tabs;
    private Tab other, qa;
    private TextField elsewhere;

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        backend = new QaViewModelTest.FakeBackend() {
            // as the log does: a person's verdict shows on the answer it is about, in a table read afresh
            final java.util.Map<Long, Verdict> humans = new java.util.HashMap<>();

            @Override
            public void overrule(long answerId, boolean correct, String note) {
                super.overrule(answerId, correct, note);
                humans.put(answerId, new Verdict("human:me", correct, correct ? "correct" : "incorrect"));
            }

            @Override
            public QaTable table(long passageId, long runId) {
                QaTable t = super.table(passageId, runId);
                List<QaRow> rows = t.rows().stream().map(r -> new QaRow(r.questionId(), r.ordinal(), r.question(), r.gold(),
                        r.before(), r.after() == null ? null : new QaAnswer(r.after().answerId(), r.after().text(),
                        r.after().automatic(), humans.get(r.after().answerId())))).toList();
                return new QaTable(t.passageId(), t.passageTitle(), t.run(), t.baseline(), t.graders(), rows);
            }
        };
        FxToolkit.setupStage(stage -> {
            QaViewModel vm = new QaViewModel(backend, Runnable::run, Runnable::run);
            view = new QaView(vm);
            elsewhere = new TextField();
            other = new Tab("Other", elsewhere);
            qa = new Tab("QA", view);
            tabs = new TabPane(other, qa);
            stage.setScene(new Scene(tabs, 1280, 800));
            stage.show();
            vm.show(5);
            tabs.getSelectionModel().select(qa);
            view.table.getSelectionModel().select(1);   // q1: after answer id 21
            tabs.getSelectionModel().select(other);
            elsewhere.requestFocus();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
    }

    private void shortcut(KeyCode... keys) {
        Keys.shortcut(this, keys);
    }

    private List<String> overrules() {
        return backend.calls.stream().filter(c -> c.startsWith("overrule")).toList();
    }

    @Test
    void markingAndSearchKeysActOnlyWhileTheQaTabIsShown() throws Exception {
        shortcut(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.R);
        shortcut(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.W);
        assertEquals(List.of(), overrules(), "no verdict is stored from another tab");
        shortcut(KeyCode.CONTROL, KeyCode.F);
        assertNotSame(view.search, view.getScene().getFocusOwner(), "Ctrl+F on another tab leaves the hidden search alone");

        interact(() -> tabs.getSelectionModel().select(qa));
        shortcut(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.R);
        assertEquals(List.of("overrule 21 true null"), overrules(), "on the QA tab the selected row's after-answer is marked right");
        assertEquals(101L, view.table.getSelectionModel().getSelectedItem().questionId(),
                "the reloaded table keeps the marked question selected");
        // The keyboard goes on to the next question.
        interact(view.table::requestFocus);
        shortcut(KeyCode.DOWN);
        shortcut(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.W);
        assertEquals(List.of("overrule 21 true null", "overrule 22 false null"), overrules(), "Down, then Ctrl+Shift+W marks q2 wrong");
        shortcut(KeyCode.CONTROL, KeyCode.F);
        assertSame(view.search, view.getScene().getFocusOwner(), "Ctrl+F focuses the QA search");
    }
}
