package org.sealworkbench.ui.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.ui.FxThread;
import org.sealworkbench.ui.JobRunner;
import org.testfx.api.FxToolkit;

/**
 * The History tab follows the window's reads of the library: after {@code ./seal eval} stored a run in the open workspace,
 * F5 (or the change check) listed it in the library's numbers but not in History's runs table, whose empty state even
 * says "then Refresh, F5". While the tab is shown, each read of the library reads the runs again.
 */
class HistoryTabRefreshFxTest extends org.sealworkbench.ui.FxTestRobot {
    @TempDir Path tmp;
    JobRunner runner;
    HistoryTab tab;

    @AfterEach
    void close() throws Exception {
        if (tab != null) tab.close();
        if (runner != null) runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
        FxToolkit.cleanupStages();
    }

    /** A finished run of the passage, graded as the command line's evaluation grades it. */
    private static void storeRun(Path ws, String condition) {
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            long passage = log.passages().get(0).id();
            long model = log.findOrAddModel(ws.resolve("model").toString(), "llama", "tiny");
            long run = log.startRun(null, model, passage, null, condition, "{}", 0);
            long question = log.questions(passage).get(0).id();
            long answer = log.addAnswer(question, run, condition, "night");
            log.addGrade(answer, "contains", "correct", 1.0);
            log.finishRun(run, "done");
        }
    }

    @Test
    void aRunStoredByAnotherProcessIsListedWhenTheWindowReadsTheLibraryAgain() throws Exception {
        Path ws = tmp.resolve("ws");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            log.addPassage(new Passage("Owls", "Owls hunt at night.", List.of(new Question("When do owls hunt?", "night"))), "t");
        }
        storeRun(ws, "no adaptation");
        runner = new JobRunner();
        SimpleLongProperty libraryReads = new SimpleLongProperty();
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            tab = HistoryTab.following(new SimpleObjectProperty<>(ws), new SimpleBooleanProperty(true), libraryReads, runner);
            s.setScene(new Scene(tab, 1000, 600));
            s.show();
        });
        FxThread.await("the stored run is listed", () -> tab.view().viewModel().allRuns().size() == 1);

        storeRun(ws, "passage only");   // ./seal eval, in another process
        interact(() -> libraryReads.set(libraryReads.get() + 1));   // F5, or the change check's refresh
        FxThread.await("the new run is listed", () -> tab.view().viewModel().allRuns().size() == 2);
        assertEquals(List.of("no adaptation", "passage only"),
                FxThread.call(() -> tab.view().viewModel().allRuns().stream().map(r -> r.condition()).sorted().toList()));
    }
}
