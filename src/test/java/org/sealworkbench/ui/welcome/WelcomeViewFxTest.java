package org.sealworkbench.ui.welcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.scene.Scene;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The welcome's thin view on the headless screen: its controls follow the view model and call it. */
class WelcomeViewFxTest extends FxRobot {
    private static final Path WS = Path.of("/data/workspaces");
    private final List<WelcomeViewModel.Choice> chosen = new ArrayList<>();
    private WelcomeView view;

    @BeforeEach
    void show() throws Exception {
        FxToolkit.registerPrimaryStage();
        var facts = new WelcomeViewModel.Facts(WS, 2, Path.of("/m/seal-tiny"), true);
        var vm = new WelcomeViewModel(facts, Set.of(WS.resolve("taken"))::contains, chosen::add);
        FxToolkit.setupStage(stage -> {
            view = new WelcomeView(vm, () -> {});
            stage.setScene(new Scene(view, 620, 480));
            stage.show();
        });
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void aTakenNameDisablesCreateAndTheDemoButtonOpensTheDemo() {
        interact(() -> view.nameField.setText("taken"));
        assertTrue(view.createButton.isDisabled());
        assertEquals("A workspace named \"taken\" exists already.", lookup("#welcomeNameProblem").queryLabeled().getText());
        interact(() -> view.nameField.setText("class-1"));
        assertFalse(view.createButton.isDisabled());

        clickOn("#welcomeDemo");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(new WelcomeViewModel.Choice(WS.resolve("demo"), true)), chosen);
    }
}
