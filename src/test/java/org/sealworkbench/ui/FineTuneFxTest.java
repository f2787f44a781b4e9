package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.app.Offline;
import org.sealworkbench.jobs.workspace.ModelItem;
import org.sealworkbench.seal.Conditions;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.JobRecord;
import org.sealworkbench.store.NewSelfEdit;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.ui.runs.RunFormViewModel;
import org.sealworkbench.ui.runs.RunQueueViewModel;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Fine-tune &amp; evaluate from the real window on a real workspace with a tiny random model: Ctrl+Shift+F on a column, the live
 * loss chart receives the steps, the QA table of the passage fills, and a restarted window shows the stored run; two
 * columns queued at once, the second cancelled while it waits, and nothing of it is written; a multi-passage (CPT)
 * condition over all passages, stored as one run under the digest the form showed.
 */
class FineTuneFxTest extends FxTestRobot {
    private static final String SAMPLE = """
            [{"title": "Lighthouses", "context": "A lighthouse warns ships of rocks with a bright lamp.",
              "questions": [{"question": "What does a lighthouse warn ships of?", "answer": "Rocks"}]},
             {"title": "Tides", "context": "Tides rise and fall twice a day, pulled by the moon.",
              "questions": [{"question": "What pulls the tides?", "answer": "The moon"},
                            {"question": "How often do tides rise?", "answer": "Twice a day"}]}]
            """;

    @TempDir Path tmp;
    private Path workspace, model, samples;
    private WorkbenchApp app;
    private ScriptedDialogs dialogs;
    private long pid;

    @BeforeEach
    void setUp() throws Exception {
        Offline.enforce();
        samples = TestApps.samples(tmp, SAMPLE);
        model = org.sealworkbench.llm.TestEngine.tiny(tmp.resolve("tiny-model"), "qwen2");
        workspace = tmp.resolve("ws");
        dialogs = new ScriptedDialogs();
        app = TestApps.start(workspace, samples, tmp.resolve("settings.properties"), dialogs);
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            pid = log.passages().stream().filter(p -> p.title().equals("Lighthouses")).findFirst().orElseThrow().id();
            for (String text : List.of("Lighthouses warn ships of rocks.", "A bright lamp warns ships."))
                log.addSelfEdit(new NewSelfEdit(pid, text, AuthorKind.IMPORT, null, null, null, null, null, "test"));
        }
        interact(() -> app.viewModel().openWorkspace(workspace, false));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.viewModel().openStateProperty().get() == JobState.SUCCEEDED);
        interact(() -> app.viewModel().models().selectedProperty().set(new ModelItem(null, "tiny", model, "qwen2", "tiny")));
        clickOn("Lighthouses");
        await("the passage's columns", () -> app.viewModel().studio().passageProperty().get() != null
                && app.viewModel().studio().columns().size() >= 2
                && app.viewModel().studio().columns().get(1).choice() != null
                && app.viewModel().studio().columns().get(1).choice().edit() != null);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        assertEquals(List.of(), dialogs.errors, "no error dialogs");
    }

    private static void quick(RunFormViewModel f) {
        f.epochsProperty().set("2");
        f.repeatsProperty().set("1");
        f.graderProperty().set("exact_match");
    }

    @Test
    void ctrlShiftFFineTunesAColumnTheLossDrawsLiveAndTheQaTableFills() throws Exception {
        long edit = app.viewModel().studio().columns().get(0).choice().edit().id();
        dialogs.fineTuneForm = f -> {
            quick(f);
            f.scopeProperty().set(RunFormViewModel.Scope.COLUMN);
            f.columnProperty().set(0);
            f.adapterBatchProperty().set("1");
        };
        clickOn("Runs & QA");
        press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F).release(KeyCode.F, KeyCode.SHIFT, KeyCode.CONTROL);
        var runs = app.view().runs;
        var queue = app.view().fineTune.queue();
        await("queued", () -> queue.entries().size() == 1);
        await("the run finishes", () -> queue.entries().get(0).status() == RunQueueViewModel.Status.DONE);
        int storedSteps;
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            storedSteps = log.trainingSteps(log.runs().get(log.runs().size() - 1).id()).size();
        }
        assertTrue(storedSteps > 0);
        // every stored step drawn, read on the FX thread as the await reads it: the chart is refilled when the stored run
        // is shown again, and read once from the test's thread in between it was empty
        await("the chart holds the stored steps", () -> !runs.live().liveProperty().get()
                && runs.liveView().chartPoints() == storedSteps);
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            List<RunRecord> stored = log.runs();
            assertEquals(2, stored.size(), "the baseline and the column's inner loop: " + stored);
            assertEquals(Conditions.NO_ADAPTATION, stored.get(0).condition());
            RunRecord adapted = stored.get(1);
            assertEquals(edit, adapted.selfEditId());
            assertEquals("done", adapted.status());
            assertEquals(storedSteps, log.trainingSteps(adapted.id()).size(), "the steps drawn are the adapted run's");
            assertTrue(runs.live().titleProperty().get().startsWith("Run " + adapted.id()), runs.live().titleProperty().get());
            JobRecord job = log.jobs().stream().filter(j -> j.kind().equals("evaluation")).findFirst().orElseThrow();
            var request = (org.sealworkbench.jobs.EvaluationRequest) org.sealworkbench.jobs.RequestJson.read(job.kind(), job.requestJson());
            assertEquals(1, request.adapterBatch(), "the form's adapter batch reached the job");
        }
        // The QA table shows the passage's new adapted run, against the baseline.
        await("the QA table shows the run", () -> {
            var shown = runs.qa().shownRunProperty().getValue();
            return shown != null && shown.selfEditId() != null && shown.selfEditId() == edit;
        });
        javafx.scene.control.TableView<?> table = lookup(".qa-tab .table-view").queryAs(javafx.scene.control.TableView.class);
        await("its rows", () -> table.getItems().size() == 1);

        // Close the window and start it again on the same workspace: the run is there, and shown for the passage.
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        app = TestApps.start(workspace, samples, tmp.resolve("settings.properties"), dialogs);
        assertEquals(2, app.viewModel().allPassageIds().size(), "the sample was not imported again");
        clickOn("Lighthouses");
        clickOn("Runs & QA");
        var again = app.view().runs;
        await("the restarted window's QA table shows the stored run", () -> {
            var shown = again.qa().shownRunProperty().getValue();
            return shown != null && shown.selfEditId() != null && shown.selfEditId() == edit;
        });
        javafx.scene.control.TableView<?> after = lookup(".qa-tab .table-view").queryAs(javafx.scene.control.TableView.class);
        await("its rows after the restart", () -> after.getItems().size() == 1);
        assertTrue(app.view().jobs.getTasks().isEmpty(), "nothing runs again");
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            assertEquals(2, log.runs().size(), "the restart ran nothing");
        }
    }

    @Test
    void aMultiPassageConditionTrainsOneAdapterOverAllPassages() throws Exception {
        String[] digest = new String[1];
        dialogs.fineTuneForm = f -> {
            quick(f);
            f.withBaselineProperty().set(false);
            f.scopeProperty().set(RunFormViewModel.Scope.PASSAGES);
            f.passagesProperty().set(RunFormViewModel.Passages.ALL);
            f.conditionProperty().set("cpt:passage-only");
            f.cptEpochsProperty().set("1");
            assertTrue(f.validProperty().get(), f.errorProperty().get());
            assertEquals(2, f.cptPassagesProperty().get(), "both passages of the workspace");
            digest[0] = f.digestProperty().get();
        };
        var queue = app.view().fineTune.queue();
        press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F).release(KeyCode.F, KeyCode.SHIFT, KeyCode.CONTROL);
        await("queued", () -> queue.entries().size() == 1);
        await("the run finishes", () -> queue.entries().get(0).status() == RunQueueViewModel.Status.DONE);
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            List<RunRecord> stored = log.runs();
            assertEquals(1, stored.size(), "one adapter over both passages: " + stored);
            RunRecord run = stored.get(0);
            assertEquals("done", run.status());
            assertNull(run.passageId(), "a run over several passages has no passage of its own");
            assertEquals(3, log.answersOfRun(run.id()).size(), "every question of both passages");
            assertEquals(digest[0], org.sealworkbench.seal.SealSettings.digestOf(run.settingsJson()), "stored under the digest the form showed");
        }
    }

    @Test
    void aQueuedRunCancelledBeforeItStartsWritesNothing() throws Exception {
        long second = app.viewModel().studio().columns().get(1).choice().edit().id();
        dialogs.fineTuneForm = f -> {
            quick(f);
            f.withBaselineProperty().set(false);
            f.scopeProperty().set(RunFormViewModel.Scope.ALL_COLUMNS);
        };
        var queue = app.view().fineTune.queue();
        int columns = app.viewModel().studio().columns().size();
        interact(() -> {
            app.view().fineTune.open(null);
            // Both columns are queued; the second waits behind the first: cancel it there.
            assertEquals(columns, queue.entries().size());
            assertEquals(RunQueueViewModel.Status.QUEUED, queue.entries().get(1).status());
            queue.entries().get(1).task().cancel();
        });
        await("the first finishes", () -> queue.entries().get(0).status() == RunQueueViewModel.Status.DONE);
        await("the second is cancelled", () -> queue.entries().get(1).status() == RunQueueViewModel.Status.CANCELLED);
        await("the jobs area lets both go", () -> app.view().jobs.getTasks().isEmpty());
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            List<RunRecord> stored = log.runs();
            assertTrue(stored.stream().noneMatch(r -> r.selfEditId() != null && r.selfEditId() == second), "no run of the cancelled column");
            assertTrue(stored.stream().allMatch(r -> r.status().equals("done")), stored.toString());
            List<JobRecord> jobs = log.jobs().stream().filter(j -> j.kind().equals("evaluation")).toList();
            assertEquals(columns - 1, jobs.size(), "the cancelled one never made a job row: " + jobs);
            assertTrue(jobs.stream().allMatch(j -> j.status().equals("done")));
        }
    }

    private void await(String what, BooleanSupplier condition) throws Exception {
        FxThread.await(what, 120, condition, () -> "; errors " + dialogs.errors);
    }
}
