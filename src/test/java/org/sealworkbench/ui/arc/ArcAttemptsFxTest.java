package org.sealworkbench.ui.arc;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sealworkbench.data.arc.Grid;
import org.sealworkbench.seal.arc.ArcTtt;
import org.sealworkbench.seal.arc.TttConfig;
import org.sealworkbench.ui.FxThread;
import org.sealworkbench.ui.JobRunner;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The task view's attempts without a model: a result (attempt 1 the solution, attempt 2 not) handed over as the job's
 * listener would hand it, drawn beside the solution and marked right and wrong in words; the grids in ARC's palette,
 * scaled so a 30x30 grid fits its box.
 */
class ArcAttemptsFxTest extends org.sealworkbench.ui.FxTestRobot {
    JobRunner runner;
    ArcViewModel vm;
    ArcWindow window;
    final List<String> errors = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        FxThread.start();
        runner = new JobRunner();
        window = FxThread.call(() -> {
            vm = new ArcViewModel(runner, runner.reads(), (t, e) -> errors.add(t + ": " + e.getMessage()));
            ArcWindow w = new ArcWindow(null, vm);
            w.show();
            return w;
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        FxThread.run(window::hide);
        runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
    }

    /** Looks up in this window only, walking its nodes on the FX thread (as FxTestRobot does for the whole screen). */
    private org.testfx.service.query.NodeQuery in(String query) {
        if (javafx.application.Platform.isFxApplicationThread()) return from(window.getScene().getRoot()).lookup(query);
        try {
            return FxThread.call(() -> from(window.getScene().getRoot()).lookup(query));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aResultsAttemptsAreDrawnAndMarkedRightOrWrong() throws Exception {
        FxThread.await("the evaluation set on opening", () -> vm.tasks().size() == 11);
        assertTrue(in("#arcTaskEmpty").tryQuery().isEmpty(), "a task is shown");
        FxThread.run(() -> vm.sourceProperty().set(ArcViewModel.TRAINING));
        FxThread.await("the training set", () -> vm.tasks().size() == 13);
        // through the view's task table, as a click would
        FxThread.run(() -> window.tasks.getSelectionModel().select(
                vm.tasks().stream().filter(t -> t.name().equals("6150a2bd")).findFirst().orElseThrow()));
        FxThread.await("6150a2bd shown", () -> in("#arcTaskTitle").queryAs(Label.class).getText().startsWith("6150a2bd"));
        Grid solution = vm.selectedTaskProperty().get().task().test().output();
        int[][] wrongCells = solution.cells();
        wrongCells[0][0] = (wrongCells[0][0] + 1) % 10;
        Grid wrong = Grid.of(wrongCells);
        ArcTtt.Result r = new ArcTtt.Result("6150a2bd", TttConfig.of(true, false, false, false, TttConfig.Strategy.OUTPUT_TOKENS,
                1e-3, 1), 2, 0, 1, 0.5, "", 8, 8, solution, wrong, true, java.util.Collections.nCopies(8, "1 2\n3 4"),
                1_000_000_000L, 500_000_000L, java.util.stream.IntStream.range(0, 8).mapToObj(i -> i < 7
                        ? new org.sealworkbench.seal.Ending.Stored("stop_string", null)
                        : new org.sealworkbench.seal.Ending.Stored("max_tokens", 48)).toList());
        vm.listener().result(r);   // as the job's thread does
        FxThread.await("the row", () -> vm.results().size() == 1 && in("#arcAttempt1").tryQuery().isPresent());
        assertEquals("✓ right", in("#arcAttempt1Mark").queryAs(Label.class).getText());
        assertEquals("✗ wrong", in("#arcAttempt2Mark").queryAs(Label.class).getText());
        assertEquals(solution, in("#arcAttempt1").queryAs(GridCanvas.class).gridProperty().get());
        assertEquals(wrong, in("#arcAttempt2").queryAs(GridCanvas.class).gridProperty().get());
        // what the model wrote, the answer its token budget cut said so
        // (the pane starts collapsed: its text area is read as its content, not looked up in the scene, where a collapsed
        // pane's skin need not have put it yet)
        FxThread.await("the answers pane", () -> in("#arcAnswersPane").tryQuery().isPresent());
        javafx.scene.control.TitledPane answers = in("#arcAnswersPane").queryAs(javafx.scene.control.TitledPane.class);
        assertEquals("What the model wrote: 8 answers, 8 read as grids, 1 cut short by a limit",
                FxThread.call(answers::getText));
        String raw = FxThread.call(() -> ((javafx.scene.control.TextArea) answers.getContent()).getText());
        assertTrue(raw.contains("— answer 8 of 8 · cut: token limit (48) —\n1 2\n3 4"), raw);
        assertTrue(raw.contains("— answer 7 of 8 —"), raw);
        FxThread.run(() -> {
            assertEquals("✓ 1 of 1", vm.selectedTaskProperty().get().markProperty().get());
            assertEquals("1.5", vm.results().get(0).seconds());
            assertEquals("✓ yes", vm.results().get(0).solved());
        });

        // the palette, cell by cell, and a 30x30 grid within its box
        GridCanvas g = in("#arcAttempt2").queryAs(GridCanvas.class);
        // The cell size and the pixels are read together on the FX thread (the view may resize the box on a layout
        // pass). A canvas resized and drawn within one pulse can snapshot blank (transparent, so the snapshot's white
        // fill) until the next pulse renders it: take the snapshot again until the first cell is not that white.
        Object[][] shot = new Object[1][];
        FxThread.await("the attempt drawn", () -> {
            shot[0] = new Object[] {g.cellSize(), g.canvas().snapshot(new SnapshotParameters(), null)}; // on the FX thread
            double c0 = (Double) shot[0][0];
            Color first = ((WritableImage) shot[0][1]).getPixelReader().getColor((int) (c0 / 2), (int) (c0 / 2));
            return !first.equals(Color.WHITE);
        });
        double c = (Double) shot[0][0];
        WritableImage img = (WritableImage) shot[0][1];
        for (int row = 0; row < wrong.height(); row++) {
            for (int col = 0; col < wrong.width(); col++) {
                Color px = img.getPixelReader().getColor((int) (col * c + c / 2), (int) (row * c + c / 2));
                Color want = GridCanvas.PALETTE[wrong.at(row, col)];
                assertEquals(want.getRed(), px.getRed(), 0.02, "cell " + row + "," + col);
                assertEquals(want.getGreen(), px.getGreen(), 0.02, "cell " + row + "," + col);
                assertEquals(want.getBlue(), px.getBlue(), 0.02, "cell " + row + "," + col);
            }
        }
        GridCanvas big = FxThread.call(() -> {
            GridCanvas b = new GridCanvas(Grid.of(new int[30][30]));
            b.boxProperty().set(150);
            return b;
        });
        assertEquals(5, big.cellSize());
        assertTrue(big.prefWidth(-1) <= 151 && big.prefHeight(-1) <= 151, "fits its box");
        assertEquals(List.of(), errors);
    }

    /** The attempts are drawn under the demonstrations: a result brings them into view, with why it did not train. */
    @Test
    void aResultScrollsItsAttemptsIntoViewAndSaysWhyItDidNotTrain() throws Exception {
        FxThread.await("the evaluation set on opening", () -> vm.tasks().size() == 11);
        FxThread.await("the first task shown", () -> in("#arcTaskTitle").tryQuery().isPresent());
        ArcViewModel.TaskRow first = FxThread.call(() -> vm.selectedTaskProperty().get());
        javafx.scene.control.ScrollPane scroll = in("#arcTaskScroll").queryAs(javafx.scene.control.ScrollPane.class);
        FxThread.run(() -> scroll.setVvalue(0));
        Grid solution = first.task().test().output();
        ArcTtt.Result r = new ArcTtt.Result(first.task().name(), TttConfig.of(true, false, false, false,
                TttConfig.Strategy.OUTPUT_TOKENS, 3e-3, 8), 0, 24, 0, Double.NaN,
                "every training text is longer than the context (512 tokens)", 8, 0, null, null, false,
                List.of("0 0 0\n1 1", "no grid here"),   // what the model wrote: the answers pane goes under the attempts
                1_000_000_000L, 500_000_000L);
        vm.listener().result(r);
        FxThread.await("the attempts", () -> in("#arcAttempt1None").tryQuery().isPresent());
        FxThread.run(() -> window.results.getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node attempt = in("#arcAttempt1None").query();   // "Attempt 1: no readable answer"
        javafx.geometry.Bounds shown = FxThread.call(() -> scroll.localToScene(scroll.getLayoutBounds()));
        javafx.geometry.Bounds at = FxThread.call(() -> attempt.localToScene(attempt.getLayoutBounds()));
        assertTrue(FxThread.call(() -> in("#arcTaskView").query().getLayoutBounds().getHeight()) > shown.getHeight(),
                "the task is taller than its pane, so this test means something");
        assertTrue(at.getMinY() >= shown.getMinY() - 0.5 && at.getMaxY() <= shown.getMaxY() + 0.5,
                "attempt 1 " + at + " in view " + shown);
        javafx.scene.Node input = in("#arcTestHeading").query();
        javafx.geometry.Bounds top = FxThread.call(() -> input.localToScene(input.getLayoutBounds()));
        assertTrue(top.getMinY() >= shown.getMinY() - 0.5, "the test row's heading in view too: " + top);
        assertTrue(in("#arcShownRun").queryAs(Label.class).getText()
                .endsWith("· not trained: every training text is longer than the context (512 tokens)"),
                in("#arcShownRun").queryAs(Label.class).getText());
        assertEquals(solution, first.task().test().output());
        assertEquals(List.of(), errors);
    }
}
