package org.sealworkbench.ui.qa;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.jobs.EvaluationRequest;
import org.sealworkbench.jobs.Jobs;
import org.sealworkbench.jobs.qa.QaRow;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.llm.io.RandomCheckpoint;
import org.sealworkbench.seal.Conditions;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.seal.SettingsOverrides;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.GradeRecord;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The QA view on a workspace with a stored evaluation made through the jobs (tiny random model): the table fills, a
 * verdict is overruled with the button, and after closing and opening the workspace again the verdict is there, beside
 * the untouched automatic grade.
 */
class QaViewFxTest extends org.sealworkbench.ui.FxTestRobot {
    @TempDir
    Path tmp;
    private QaScreen screen;

    @AfterEach
    void closeScreen() throws Exception {
        if (screen != null) FxToolkit.setupFixture(screen::close);
        FxToolkit.cleanupStages();
    }

    @Test
    void theTableFillsAVerdictIsOverruledAndFoundAgainAfterReopening() throws Exception {
        TestEngine.setUp();
        Path ckpt = tmp.resolve("model"), ws = tmp.resolve("ws");
        try (NDManager nd = NDManager.newBaseManager()) {
            RandomCheckpoint.write(ckpt, "llama", "tiny", 5, "F32", nd);
        }
        long pid;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            pid = log.addPassage(new Passage("Zed", "The capital of Zed is Ora. Zed was founded in 1901.",
                    List.of(new Question("Capital of Zed?", "Ora"), new Question("Founded when?", "1901"))), "t");
        }
        SealSettings tiny = new SettingsOverrides().grader("exact_match").innerRepeats(1).epochs(1).apply(Presets.sealTinyCpu());
        Jobs.run(new EvaluationRequest(ws, ckpt, tiny, new PassageSplit(1), List.of("no-adaptation", "passage-only"), 1, null),
                Progress.none(), new CancelToken());

        FxToolkit.registerPrimaryStage();
        screen = open(ws, pid);
        QaView view = screen.view();
        await("the table fills", () -> view.table.getItems().size() == 2 && !screen.viewModel().busyProperty().get());
        assertEquals(Conditions.PASSAGE_ONLY, screen.viewModel().selectedRunProperty().get().condition());
        assertEquals(List.of("Capital of Zed?", "Founded when?"), view.table.getItems().stream().map(QaRow::question).toList());
        assertEquals(List.of("exact_match"), screen.viewModel().graders());
        QaRow first = view.table.getItems().get(0);
        assertNotNull(first.before(), "the no-adaptation answer is the before column");
        checkCutAnswers(view, ws);
        boolean automatic = first.after().automatic("exact_match").correct();

        // Overrule the first question's after-verdict (the opposite of the grader's) with a note, by the button.
        interact(() -> view.table.getSelectionModel().select(0));
        clickOn(view.note).write("checked by hand");
        clickOn(automatic ? view.markWrong : view.markRight);
        await("the verdict is stored", () -> !screen.viewModel().busyProperty().get()
                && view.table.getItems().get(0).after().human() != null);
        FxToolkit.setupFixture(screen::close);
        screen = null;
        FxToolkit.cleanupStages();

        screen = open(ws, pid);
        QaScreen reopened = screen;
        await("the table fills again", () -> reopened.view().table.getItems().size() == 2 && !reopened.viewModel().busyProperty().get());
        QaRow again = reopened.view().table.getItems().get(0);
        assertEquals(!automatic, again.after().correct("exact_match"), "the person's verdict counts");
        assertEquals(automatic, again.after().automatic("exact_match").correct(), "the grader's verdict is unchanged");
        assertEquals("checked by hand", again.after().human().note());
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            List<GradeRecord> grades = log.grades(again.after().answerId());
            assertEquals(2, grades.size());
            assertEquals("exact_match", grades.get(0).grader());
            assertTrue(grades.get(1).grader().startsWith("human:"), grades.toString());
        }
    }

    /**
     * A random model's answers run on to the evaluation's new-token limit (seal-tiny-cpu's 32): as stored (the finish the
     * evaluation recorded), each such answer in Before and After says so after its text, "token limit (32)", drawn whole
     * inside its cell, with the whole sentence in the tag's and the cell's tooltips; the summary counts them.
     */
    private void checkCutAnswers(QaView view, Path ws) throws Exception {
        int stored = 0;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            for (var r : log.runsOfPassage(log.passages().get(0).id())) {
                for (var a : log.answersOfRun(r.id())) if ("max_tokens".equals(a.finish())) {
                    assertEquals(32, a.finishLimit());
                    stored++;
                }
            }
        }
        assertTrue(stored > 0, "a random model's answer reaches the 32-token limit (it rarely draws its one EOS id)");
        String sentence = "stopped: the new-token limit (32 tokens) is reached";
        int tagged = org.sealworkbench.ui.FxThread.call(() -> {
            int n = 0;
            for (javafx.scene.Node node : view.table.lookupAll(".ending-tag")) {
                javafx.scene.control.Label tag = (javafx.scene.control.Label) node;
                if (!org.sealworkbench.ui.LayoutChecks.shown(tag) || tag.getParent() == null) continue;
                assertEquals("token limit (32)", tag.getText());
                org.sealworkbench.ui.LayoutChecks.assertWhole(tag);
                assertEquals(sentence, tag.getTooltip().getText());
                javafx.scene.control.TableCell<?, ?> cell = (javafx.scene.control.TableCell<?, ?>) tag.getParent();
                assertTrue(cell.getTooltip().getText().endsWith("\n\n" + sentence), cell.getTooltip().getText());
                var inCell = org.sealworkbench.ui.LayoutChecks.inScene(cell);
                var inTag = org.sealworkbench.ui.LayoutChecks.inScene(tag);
                assertTrue(inTag.getMaxX() <= inCell.getMaxX() + 0.5, "the tag lies inside its cell: " + inTag + " in " + inCell);
                n++;
            }
            return n;
        });
        assertEquals(stored, tagged, "every stored cut answer is tagged, and only those");
        assertTrue(screen.viewModel().summaryProperty().get().contains(" · cut short by a limit: "),
                screen.viewModel().summaryProperty().get());
    }

    private static QaScreen open(Path ws, long pid) throws Exception {
        QaScreen[] out = new QaScreen[1];
        FxToolkit.setupStage(stage -> {
            out[0] = QaScreen.open(ws);
            stage.setScene(new Scene(out[0].view(), 1280, 800));
            stage.show();
            out[0].show(pid);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return out[0];
    }

    private static void await(String what, BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            java.util.concurrent.CompletableFuture<Boolean> f = new java.util.concurrent.CompletableFuture<>();
            javafx.application.Platform.runLater(() -> f.complete(condition.getAsBoolean()));
            return f.get(10, TimeUnit.SECONDS);
        });
    }

}
