package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.ui.arc.ArcRlViewModel;
import org.testfx.api.FxToolkit;

/**
 * The Few-shot RL round's generator, chosen, is remembered across restarts as the theme and layout are (the app's
 * settings file): the next start's round offers it again; a remembered folder since deleted is forgotten, and the round
 * follows the Few-shot window's model again.
 */
class ArcRlGeneratorRememberedFxTest extends FxTestRobot {
    private static final String SAMPLE = """
            [{"title": "Lighthouses", "context": "A lighthouse warns ships of rocks with a bright lamp.",
              "questions": [{"question": "What does a lighthouse warn ships of?", "answer": "Rocks"}]}]
            """;

    @TempDir Path tmp;
    private WorkbenchApp app;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();

    @AfterEach
    void stop() throws Exception {
        if (app != null) TestApps.stop(app, dialogs);
    }

    private ArcRlViewModel round() throws Exception {
        return FxThread.call(() -> app.view().showArc().showRlRound().viewModel());
    }

    @Test
    void theChosenGeneratorIsOfferedAgainAfterARestartAndForgottenWhenItsFolderIsGone() throws Exception {
        TestEngine.setUp();
        Path samples = TestApps.samples(tmp, SAMPLE);
        Path settings = tmp.resolve("settings.properties");
        Path gen = Files.createDirectories(tmp.resolve("models/gen-2k"));
        app = TestApps.start(tmp.resolve("ws"), samples, settings, dialogs);
        ArcRlViewModel vm = round();
        FxThread.run(() -> assertNull(vm.chosenGeneratorProperty().get()));
        FxThread.run(() -> vm.chooseGenerator(gen));   // what Choose… does (a folder chooser cannot be driven here)
        TestApps.stop(app, dialogs);
        app = null;
        assertTrue(Files.readString(settings).contains("arc.rl.generator="), Files.readString(settings));

        app = TestApps.start(tmp.resolve("ws"), samples, settings, dialogs);
        ArcRlViewModel again = round();
        assertEquals(gen, FxThread.call(() -> again.generatorProperty().get()), "offered again after the restart");
        TestApps.stop(app, dialogs);
        app = null;

        Files.delete(gen);
        app = TestApps.start(tmp.resolve("ws"), samples, settings, dialogs);
        ArcRlViewModel third = round();
        assertEquals(app.viewModel().models().selectedProperty().get() == null
                        ? org.sealworkbench.jobs.workspace.StoreWorkspaceService.bundledModel()
                        : app.viewModel().models().selectedProperty().get().dir(),
                FxThread.call(() -> third.generatorProperty().get()), "a folder gone: the window's model");
        TestApps.stop(app, dialogs);
        app = null;
        assertFalse(Files.readString(settings).contains("arc.rl.generator="), "forgotten: " + Files.readString(settings));
    }
}
