package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.workspace.PassageText;
import org.sealworkbench.jobs.workspace.QuestionItem;
import org.testfx.api.FxToolkit;

/**
 * The passage detail pane as narrow as at 1280 px beside the studio's columns (the table 252 px): its questions and answers wrap
 * only between words, never inside one ("Drongeha" / "l"); a one-word answer is whole (the Answer column is as wide as
 * it, up to a bound), and a word too long even for that is cut with "…" on one line with the whole text in a tooltip.
 */
class PassageDetailViewFxTest extends FxTestRobot {
    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void answersWrapOnlyBetweenWordsAndALongWordIsCutWithATooltip() throws Exception {
        FxThread.start();
        Stage stage = FxToolkit.registerPrimaryStage();
        String tooLong = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch";
        PassageDetailView view = FxThread.call(() -> {
            Theme.LIGHT.apply();
            PassageDetailViewModel vm = new PassageDetailViewModel();
            PassageDetailView v = new PassageDetailView(vm);
            vm.show(new PassageText(1, "Drotreiford", "Drotreiford is a town in the region of Drongehal.", List.of(
                    new QuestionItem(1, 1, 0, "In what region does Drotreiford lie?", "Drongehal"),
                    new QuestionItem(2, 1, 1, "When was Drotreiford founded?", "984"),
                    new QuestionItem(3, 1, 2, "What is Drotreiford known for?", "its apple cider and its market"),
                    new QuestionItem(4, 1, 3, "Which village lies nearest?", tooLong))));
            Scene scene = new Scene(v, 276, 700);
            scene.getStylesheets().add(WorkbenchApp.class.getResource("workbench.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            return v;
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        TableView<QuestionItem> table = view.questions;
        // the table shares its width out among the columns (constrained policy), nothing to scroll sideways
        FxThread.await("the columns fit the table", () -> table.getColumns().stream().mapToDouble(c -> c.getWidth()).sum()
                <= table.getWidth() + 0.5);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        FxThread.run(() -> {
            int cut = 0, cells = 0;
            boolean drongehalWhole = false;
            for (javafx.scene.Node n : table.lookupAll(".table-cell")) {
                if (!(n instanceof javafx.scene.control.TableCell<?, ?> c) || !(c.getItem() instanceof String item)
                        || !c.isVisible() || c.getTableColumn() == table.getColumns().get(0)) continue;
                cells++;
                javafx.scene.text.Text shown = c.getGraphic() instanceof javafx.scene.text.Text t ? t
                        : (javafx.scene.text.Text) c.lookup(".text");
                boolean wrapped = shown.getWrappingWidth() > 0 && shown.getText().equals(item);
                if (wrapped) {
                    // each word of the text fits the wrapped line, so none is broken inside
                    double line = shown.getWrappingWidth();
                    assertTrue(TwoLineCell.widestWord(item, shown.getFont()) <= line,
                            "'" + item + "' wraps in " + line + " px, which breaks one of its words");
                    if (item.equals("Drongehal")) drongehalWhole = true;
                } else if (!shown.getText().equals(item)) {
                    cut++;
                    assertEquals(tooLong, item, "only the word too long for any column is cut");
                    assertTrue(shown.getText().length() < item.length(), "cut with an ellipsis: " + shown.getText());
                    assertNotNull(c.getTooltip(), "a cut text has its tooltip");
                    assertEquals(tooLong, c.getTooltip().getText());
                }
            }
            assertEquals(8, cells, "a question and an answer cell for each of four questions");
            assertEquals(1, cut, "the word too long for the column is cut");
            assertTrue(drongehalWhole, "a one-word answer is whole: the Answer column is as wide as it");
        });
    }
}
