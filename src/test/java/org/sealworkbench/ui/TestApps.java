package org.sealworkbench.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.sealworkbench.jobs.workspace.StoreWorkspaceService;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The real window for TestFX tests: sample passages in a folder, and the app started on a workspace and opened. */
final class TestApps {
    /** One passage with one question, SEAL's passage format: the smallest sample a window test can open. */
    static final String LIGHTHOUSES = """
            [{"title": "Lighthouses", "context": "A lighthouse warns ships of rocks with a bright lamp.",
              "questions": [{"question": "What does a lighthouse warn ships of?", "answer": "Rocks"}]}]
            """;

    private TestApps() {}

    /** {@code json} (SEAL's passage format) as {@code tmp/samples/sample.json}; returns the folder. */
    static Path samples(Path tmp, String json) throws Exception {
        Path samples = Files.createDirectories(tmp.resolve("samples"));
        Files.writeString(samples.resolve("sample.json"), json);
        return samples;
    }

    /** Starts the workbench on {@code workspace} (the samples imported on its first start) and waits until it is open. */
    static WorkbenchApp start(Path workspace, Path samples, Path settings, DialogService dialogs) throws Exception {
        FxToolkit.registerPrimaryStage();
        WorkbenchApp app = new WorkbenchApp(new StartupOptions(workspace, samples, settings), dialogs, StoreWorkspaceService::open);
        FxToolkit.setupApplication(() -> app);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.viewModel().openStateProperty().get() == JobState.SUCCEEDED);
        return app;
    }

    /** Closes the workbench and its windows; no error dialog was shown. */
    static void stop(WorkbenchApp app, ScriptedDialogs dialogs) throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), dialogs.errors, "no error dialogs");
    }
}
