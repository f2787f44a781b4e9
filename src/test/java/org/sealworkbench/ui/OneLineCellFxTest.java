package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A multi-line model answer in a table: its cell shows one line of the usual row height, and the whole answer is in the
 * cell's tooltip; a short one-line answer gets no tooltip.
 */
class OneLineCellFxTest extends FxTestRobot {
    private static final String RUN_ON = "12,860\nLet's answer a question directly and concisely.\n\nQuestion: Topic: Vobos\nWhat";

    @BeforeEach
    void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() throws Exception {
        FxThread.run(() -> new java.util.ArrayList<>(javafx.stage.Window.getWindows()).forEach(javafx.stage.Window::hide));
        FxToolkit.cleanupStages();
    }

    @Test
    void oneLineJoinsLinesWithAMark() {
        assertEquals("12,860 ⏎ Let's answer ⏎ Question:", OneLineCell.oneLine("12,860  \nLet's answer\r\n\n  Question:\n"));
        assertEquals("Orrun", OneLineCell.oneLine("Orrun"));
        assertEquals("", OneLineCell.oneLine(null));
    }

    @Test
    void aRunOnAnswerTakesOneLineAndItsTooltipHoldsItWhole() throws Exception {
        TableView<String> table = FxThread.call(() -> {
            TableView<String> t = new TableView<>(FXCollections.observableArrayList(List.of("Orrun", RUN_ON)));
            TableColumn<String, String> c = new TableColumn<>("After");
            c.setPrefWidth(220);
            c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
            c.setCellFactory(x -> new OneLineCell<>());
            t.getColumns().add(c);
            Stage stage = new Stage();
            stage.setScene(new Scene(t, 300, 200));
            stage.show();
            return t;
        });
        WaitForAsyncUtils.waitForFxEvents();
        FxThread.run(() -> {
            List<TableCell<?, ?>> cells = table.lookupAll(".table-cell").stream()
                    .<TableCell<?, ?>>map(n -> (TableCell<?, ?>) n).filter(c -> c.getItem() != null).toList();
            TableCell<?, ?> shortOne = cells.stream().filter(c -> "Orrun".equals(c.getItem())).findFirst().orElseThrow();
            TableCell<?, ?> runOn = cells.stream().filter(c -> RUN_ON.equals(c.getItem())).findFirst().orElseThrow();
            assertEquals("12,860 ⏎ Let's answer a question directly and concisely. ⏎ Question: Topic: Vobos ⏎ What", runOn.getText());
            assertNotNull(runOn.getTooltip());
            assertEquals(RUN_ON, runOn.getTooltip().getText());
            assertNull(shortOne.getTooltip());
            assertTrue(Math.abs(runOn.getHeight() - shortOne.getHeight()) < 0.5,
                    "rows of one height: " + runOn.getHeight() + " and " + shortOne.getHeight());
        });
    }

    /** A short text that its column is too narrow for is cut with "…" and gets the tooltip; widened, it loses it. */
    @Test
    void aShortTextCutByANarrowColumnGetsTheTooltipUntilTheColumnIsWideEnough() throws Exception {
        TableColumn<String, String> column = new TableColumn<>("Digest");
        TableView<String> table = FxThread.call(() -> {
            TableView<String> t = new TableView<>(FXCollections.observableArrayList(List.of("49192bd13e9c")));
            column.setPrefWidth(50);
            column.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
            column.setCellFactory(x -> new OneLineCell<>());
            t.getColumns().add(column);
            Stage stage = new Stage();
            stage.setScene(new Scene(t, 300, 200));
            stage.show();
            return t;
        });
        WaitForAsyncUtils.waitForFxEvents();
        java.util.concurrent.Callable<TableCell<?, ?>> cell = () -> table.lookupAll(".table-cell").stream()
                .<TableCell<?, ?>>map(n -> (TableCell<?, ?>) n).filter(c -> "49192bd13e9c".equals(c.getItem())).findFirst().orElseThrow();
        FxThread.run(() -> {
            try {
                TableCell<?, ?> c = cell.call();
                assertTrue(((OneLineCell<?>) c).isCut(), "50 px cut the digest");
                assertNotNull(c.getTooltip(), "a cut text has its tooltip");
                assertEquals("49192bd13e9c", c.getTooltip().getText());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        FxThread.run(() -> column.setPrefWidth(200));
        WaitForAsyncUtils.waitForFxEvents();
        FxThread.run(() -> {
            try {
                TableCell<?, ?> c = cell.call();
                assertEquals(false, ((OneLineCell<?>) c).isCut(), "200 px show it whole");
                assertNull(c.getTooltip(), "a whole short text has none");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
