package org.sealworkbench.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.workspace.ModelItem;
import org.sealworkbench.jobs.workspace.StoreWorkspaceService;
import org.sealworkbench.ui.studio.GenerateFormViewModel;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A benchmark, not a test (tagged slow; asserts nothing about time): clicks Generate in the real window with the
 * bundled seal-tiny, k = 5, and prints the time from the click to the first token on screen and to 5 finished
 * samples, first with the model not yet loaded (cold), then again (warm).
 * Run: ./mvnw -o test -Dtest=StudioGenerateBenchmarkFxTest -Dexcluded.groups=none
 */
@Tag("slow")
class StudioGenerateBenchmarkFxTest extends FxTestRobot {
    @TempDir Path tmp;
    private WorkbenchApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void clickToFirstTokenAndToFiveSamplesOnSealTiny() throws Exception {
        Path model = Path.of("assets/models/seal-tiny").toAbsolutePath();
        Path samples = Files.createDirectories(tmp.resolve("samples"));
        Files.copy(Path.of("sample-data/passages.json"), samples.resolve("passages.json"));
        ScriptedDialogs dialogs = new ScriptedDialogs();
        int maxTokens = Integer.getInteger("bench.maxTokens", 256);
        dialogs.generateForm = form -> {
            form.modelProperty().set(new ModelItem(null, "seal-tiny", model, "llama", "seal-tiny"));
            form.kProperty().set("5");
            form.maxTokensProperty().set(String.valueOf(maxTokens));
            form.scopeProperty().set(GenerateFormViewModel.Scope.SHOWN_PASSAGE);
        };
        FxToolkit.registerPrimaryStage();
        app = new WorkbenchApp(new StartupOptions(tmp.resolve("ws"), samples, tmp.resolve("settings.properties")), dialogs,
                StoreWorkspaceService::open);
        FxToolkit.setupApplication(() -> app);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.viewModel().openStateProperty().get() == JobState.SUCCEEDED);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.viewModel().studio().passageProperty().get() != null);
        for (String run : new String[] {"cold (loads the model)", "warm", "warm"}) {
            clickOn("#generateButton");
            WaitForAsyncUtils.waitFor(600, TimeUnit.SECONDS, () -> !app.viewModel().studio().generatingProperty().get()
                    && !app.viewModel().studio().timingProperty().get().isEmpty());
            WaitForAsyncUtils.waitForFxEvents();
            System.out.println("BENCH studio generate, seal-tiny, k=5, max " + maxTokens + " tokens, " + run + ": "
                    + app.viewModel().studio().timingProperty().get());
        }
        if (!dialogs.errors.isEmpty()) throw new AssertionError(dialogs.errors.toString());
    }
}
