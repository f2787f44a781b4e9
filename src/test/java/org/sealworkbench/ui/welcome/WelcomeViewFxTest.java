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
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The welcome's thin view on the headless screen: its controls follow the view model and call it. */
class WelcomeViewFxTest extends org.sealworkbench.ui.FxTestRobot {
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
        interact(org.sealworkbench.ui.Theme.LIGHT::apply);
        FxToolkit.cleanupStages();
    }

    /** WCAG's contrast ratio of two colours (1 to 21). */
    private static double contrast(javafx.scene.paint.Color a, javafx.scene.paint.Color b) {
        double la = luminance(a), lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(javafx.scene.paint.Color c) {
        java.util.function.DoubleUnaryOperator lin = v -> v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        return 0.2126 * lin.applyAsDouble(c.getRed()) + 0.7152 * lin.applyAsDouble(c.getGreen()) + 0.0722 * lin.applyAsDouble(c.getBlue());
    }

    /** The cards were painted a fixed near-white under the dark theme's near-white text: unreadable. */
    @Test
    void theCardsTextIsReadableInBothThemes() {
        for (org.sealworkbench.ui.Theme theme : org.sealworkbench.ui.Theme.values()) {
            interact(() -> {
                theme.apply();
                view.applyCss();
                view.layout();
            });
            javafx.scene.layout.VBox card = (javafx.scene.layout.VBox) lookup("Try it: the demo").queryLabeled().getParent();
            javafx.scene.paint.Color bg = (javafx.scene.paint.Color) card.getBackground().getFills().get(0).getFill();
            for (javafx.scene.Node n : card.getChildren()) {
                if (!(n instanceof javafx.scene.control.Label l)) continue;
                javafx.scene.paint.Color fg = (javafx.scene.paint.Color) l.getTextFill();
                assertTrue(contrast(fg, bg) >= 4.5, theme + ": '" + l.getText() + "' " + fg + " on " + bg + " has contrast "
                        + contrast(fg, bg));
            }
        }
    }

    /**
     * The naming rule under a bad name is shown whole (it was cut: "… starting with a letter or ...") and the window grows
     * so the line of keys under it stays in sight.
     */
    @Test
    void aBadNamesRuleIsShownWholeAndTheWindowKeepsEverythingInSight() throws Exception {
        var facts = new WelcomeViewModel.Facts(WS, 2, Path.of("/m/seal-tiny"), true);
        var vm = new WelcomeViewModel(facts, p -> false, c -> {});
        javafx.stage.Stage[] stage = new javafx.stage.Stage[1];
        interact(() -> stage[0] = WelcomeView.show(null, vm, () -> {}));
        WelcomeView shown = (WelcomeView) stage[0].getScene().getRoot();
        interact(() -> shown.nameField.setText("bad/name"));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Label problem = (javafx.scene.control.Label) stage[0].getScene().lookup("#welcomeNameProblem");
        assertTrue(problem.getText().startsWith("Use letters, digits"), problem.getText());
        assertEquals(problem.getText(), ((javafx.scene.text.Text) problem.lookup(".text")).getText().replace("\n", " ").strip(),
                "the rule drawn whole");
        javafx.scene.control.Label keys = (javafx.scene.control.Label) shown.getChildren().get(shown.getChildren().size() - 1);
        javafx.geometry.Bounds b = keys.localToScene(keys.getBoundsInLocal());
        assertTrue(b.getMaxY() <= stage[0].getScene().getHeight() + 0.5, "the keys line in the window: " + b + " in "
                + stage[0].getScene().getHeight());
        interact(stage[0]::close);
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
