package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.app.Offline;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.jobs.workspace.ModelItem;
import org.sealworkbench.jobs.workspace.StoreWorkspaceService;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.llm.io.RandomCheckpoint;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.SettingsOverrides;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.JobRecord;
import org.sealworkbench.ui.rl.RewardRow;
import org.sealworkbench.ui.rl.RlRunViewModel;
import org.sealworkbench.ui.rl.RlWindow;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A one-round ReST-EM run started from the window on a tiny random model: rewards arrive in the table, Pause stops
 * after the unit in flight, Resume finishes the job in its row without recomputing, and a passage's self-edits open
 * in the Self-edits tab ranked by reward.
 */
class RlWindowFxTest extends FxTestRobot {
    @TempDir Path tmp;
    private WorkbenchApp app;
    private ScriptedDialogs dialogs;
    private Path workspace, model, settings;

    @BeforeEach
    void setUp() throws Exception {
        Offline.enforce();
        TestEngine.setUp();
        model = tmp.resolve("tiny-model");
        try (NDManager m = NDManager.newBaseManager()) {
            RandomCheckpoint.write(model, "qwen2", "tiny", 5, "F32", m);
        }
        workspace = tmp.resolve("ws");
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            for (String[] p : new String[][] {{"Owls", "Owls hunt at night.", "When do owls hunt?", "night"},
                    {"Bees", "Bees make honey.", "What do bees make?", "honey"},
                    {"Moles", "Moles dig tunnels.", "What do moles dig?", "tunnels"},
                    {"Crows", "Crows remember faces.", "What do crows remember?", "faces"}}) {
                log.addPassage(new Passage(p[0], p[1], List.of(new Question(p[2], p[3]))), "train.json");
            }
        }
        settings = tmp.resolve("tiny-rl.json");
        Files.writeString(settings, new SettingsOverrides().grader("contains").rounds(1).passagesPerRound(2).rlK(2).rlRepeats(1)
                .maxTokens(8).apply(Presets.sealTinyCpu()).toJson());
        dialogs = new ScriptedDialogs();
        Path samples = Files.createDirectories(tmp.resolve("samples"));
        FxToolkit.registerPrimaryStage();
        app = new WorkbenchApp(new StartupOptions(workspace, samples, tmp.resolve("settings.properties")), dialogs,
                StoreWorkspaceService::open);
        FxToolkit.setupApplication(() -> app);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.viewModel().openStateProperty().get() == JobState.SUCCEEDED);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void oneRoundFromTheWindowPausedResumedAndOpenedRanked() throws Exception {
        clickOn("#rlButton");
        WaitForAsyncUtils.waitForFxEvents();
        RlWindow window = (RlWindow) lookup("#rlRewards").queryAs(TableView.class).getScene().getWindow();
        RlRunViewModel vm = window.viewModel();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.form().passageSets().contains("train.json"));
        // The bundled seal-tiny, the main window's model, gets the preset made for it rather than SEAL's 7B recipe.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.form().modelProperty().get() != null);
        assertEquals("seal-tiny (bundled)", FxThread.call(() -> vm.form().modelProperty().get().name()));
        assertEquals(Presets.SEAL_TINY_CPU, lookup("#rlPreset").queryComboBox().getValue());
        FxThread.run(() -> {
            vm.form().modelProperty().set(new ModelItem(null, "tiny", model, "qwen2", "tiny"));
            vm.form().settingsFileProperty().set(settings.toString());
        });
        clickOn("#rlValidation").eraseText(3).write("1");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", vm.form().errorProperty().get());
        assertTrue(vm.form().commandLineProperty().get().contains("--validation 1"), vm.form().commandLineProperty().get());
        // One inner loop at a time, so that the pause below lands between two of them (batches would run side by side on
        // the workers and all finish first: RlServiceTest).
        clickOn("#rlAdapterBatch").write("x");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("adapter batch must be a whole number, got 'x'", lookup("#rlFormError").queryLabeled().getText());
        assertTrue(lookup("#rlStart").queryButton().isDisabled(), "no start with a bad value");
        clickOn("#rlAdapterBatch").eraseText(1).write("1");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", vm.form().errorProperty().get());
        assertTrue(lookup("#rlCommandLine").queryTextInputControl().getText().endsWith(" --adapter-batch 1"),
                lookup("#rlCommandLine").queryTextInputControl().getText());
        assertEquals(1, FxThread.call(() -> vm.form().request().adapterBatch()));

        // Pause as soon as the first reward is on screen: the job finishes the inner loop in flight, then stops.
        Button pause = lookup("#rlPause").queryButton();
        java.util.concurrent.atomic.AtomicBoolean paused = new java.util.concurrent.atomic.AtomicBoolean();
        FxThread.run(() -> vm.rows().addListener((ListChangeListener<RewardRow>) c -> {
            if (vm.stateProperty().get() == RlRunViewModel.State.RUNNING && vm.rows().stream().anyMatch(r -> r.rewardsIn() > 0)
                    && !paused.getAndSet(true)) pause.fire();
        }));
        clickOn("#rlStart");
        WaitForAsyncUtils.waitFor(600, TimeUnit.SECONDS, () -> vm.stateProperty().get() == RlRunViewModel.State.PAUSED
                || vm.stateProperty().get() == RlRunViewModel.State.FAILED);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(RlRunViewModel.State.PAUSED, vm.stateProperty().get(), dialogs.errors.toString());
        int rewardsAtPause = FxThread.call(() -> vm.rows().stream().mapToInt(RewardRow::rewardsIn).sum());
        assertTrue(rewardsAtPause >= 1 && rewardsAtPause < 4, "some rewards arrived, not all: " + rewardsAtPause);
        long jobId = vm.jobIdProperty().get();
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            JobRecord row = log.job(jobId).orElseThrow();
            assertEquals("cancelled", row.status());
            assertTrue(row.message().startsWith("paused"), row.message());
        }
        assertFalse(lookup("#rlResume").queryButton().isDisabled());

        clickOn("#rlResume");
        WaitForAsyncUtils.waitFor(600, TimeUnit.SECONDS, () -> vm.stateProperty().get() == RlRunViewModel.State.DONE
                || vm.stateProperty().get() == RlRunViewModel.State.FAILED);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(RlRunViewModel.State.DONE, vm.stateProperty().get(), dialogs.errors.toString());
        assertEquals(jobId, vm.jobIdProperty().get(), "resumed in the same row");
        List<RewardRow> rows = List.copyOf(vm.rows());
        assertEquals(2, rows.size());
        for (RewardRow r : rows) {
            assertEquals(2, r.rewardsIn(), r.toString());
            assertTrue(r.best() >= 0, r.toString());
        }
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            assertEquals("done", log.job(jobId).orElseThrow().status());
            assertEquals(2 * (1 + 2), log.runs().stream().filter(r -> r.status().equals("done")).count(),
                    "2 passages x (baseline + 2 inner loops): nothing computed twice");
        }

        // The main window's library counts the run's self-edits (they stayed at 0 until the window was restarted).
        for (RewardRow r : rows) {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> FxThread.call(() -> app.viewModel().library().allRows().stream()
                    .anyMatch(p -> p.id() == r.passageId() && p.selfEditCount() == 2)));
        }

        // A passage's self-edits in the Self-edits tab, best first.
        RewardRow second = rows.get(1);
        TableView<?> table = lookup("#rlRewards").queryAs(TableView.class);
        FxThread.run(() -> table.getSelectionModel().select(1));
        clickOn("#rlOpen");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            var studio = app.viewModel().studio();
            return studio.passageProperty().get() != null && studio.passageProperty().get().id() == second.passageId()
                    && studio.columns().size() == 2 && !studio.columns().get(0).choice().passageOnly();
        });
        WaitForAsyncUtils.waitForFxEvents();
        List<Long> shown = FxThread.call(() -> app.viewModel().studio().columns().stream().map(c -> c.choice().edit().id()).toList());
        assertEquals(second.rankedIds(), shown, "columns in reward order");
        assertEquals(second.selfEditIds().get(second.best()), shown.get(0), "the chosen best first");
        assertEquals("Self-edits", app.view().tabs.selectedName());
        assertEquals(second.passageId(), app.viewModel().library().selectedProperty().get().id());
        assertEquals(List.of(), dialogs.errors, "no error dialogs");
    }
}
