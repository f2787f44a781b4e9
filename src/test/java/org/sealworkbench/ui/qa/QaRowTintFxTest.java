package org.sealworkbench.ui.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.layout.HBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.qa.QaRow;
import org.sealworkbench.ui.LayoutChecks;
import org.sealworkbench.ui.Theme;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The QA table's tinted rows (fixed, broken, answer changed) as an annotator marking verdicts sees them: the selected row
 * is told apart from the others (the tint, an inline style, hid the theme's selection, so Ctrl+Shift+R went to a row that
 * looked unselected), and a legend above the table says what the tints mean.
 */
class QaRowTintFxTest extends org.sealworkbench.ui.FxTestRobot {
    private QaView view;

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
    }

    private void show() throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            Theme.LIGHT.apply();
            QaViewModel vm = new QaViewModel(new QaViewModelTest.FakeBackend(), Runnable::run, Runnable::run);
            view = new QaView(vm);
            s.setScene(new Scene(view, 990, 560));
            s.show();
            vm.show(5);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private TableRow<QaRow> rowOf(long questionId) {
        for (Node n : view.table.lookupAll(".table-row-cell")) {
            TableRow<QaRow> r = (TableRow<QaRow>) n;
            if (r.getItem() != null && r.getItem().questionId() == questionId) return r;
        }
        throw new AssertionError("no row shows question " + questionId);
    }

    @Test
    void aSelectedTintedRowLooksSelected() throws Exception {
        show();
        for (long q : List.of(101L, 102L)) {   // the fake's fixed and broken questions
            String tinted = rowOf(q).getStyleClass().contains("qa-fixed") ? "qa-fixed" : "qa-broken";
            assertTrue(rowOf(q).getStyleClass().contains(tinted), "question " + q + " is tinted: " + rowOf(q).getStyleClass());
            interact(() -> view.table.getSelectionModel().clearSelection());
            WaitForAsyncUtils.waitForFxEvents();
            var unselected = rowOf(q).getBackground();
            int index = view.table.getItems().indexOf(view.table.getItems().stream().filter(r -> r.questionId() == q).findFirst().orElseThrow());
            interact(() -> view.table.getSelectionModel().select(index));
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(rowOf(q).isSelected());
            assertNotEquals(unselected, rowOf(q).getBackground(), "question " + q + "'s row looks the same selected as not");
            assertEquals(3, rowOf(q).getBackground().getFills().size(), "an accent bar under the stronger tint");
            // and unselected again when another row is chosen
            interact(() -> view.table.getSelectionModel().select(0));
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(unselected, rowOf(q).getBackground());
        }
    }

    @Test
    void aLegendSaysWhatTheTintsMean() throws Exception {
        show();
        HBox legend = (HBox) view.lookup("#qaLegend");
        assertTrue(legend != null && LayoutChecks.shown(legend), "a legend is shown");
        List<String> texts = legend.getChildren().stream().map(n -> ((Label) n).getText()).toList();
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("fixed")), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("broken")), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.contains("changed")), texts.toString());
        for (Node n : legend.getChildren()) {
            LayoutChecks.assertWhole((Label) n);
            LayoutChecks.assertInWindow(n, ((Label) n).getText());
        }
    }
}
