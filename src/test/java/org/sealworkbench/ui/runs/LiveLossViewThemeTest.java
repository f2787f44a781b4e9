package org.sealworkbench.ui.runs;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.runs.LiveStep;
import org.sealworkbench.ui.FxThread;
import org.sealworkbench.ui.Theme;

/** The live loss chart follows the theme (it was drawn light in the dark theme): redrawn with the points it had. */
class LiveLossViewThemeTest {
    @AfterEach
    void light() throws Exception {
        FxThread.run(Theme.LIGHT::apply);
    }

    /** Runs the hand-overs queued for the FX thread, as its next pulse would. */
    private static void pulse(List<Runnable> fx) {
        List<Runnable> now = new ArrayList<>(fx);
        fx.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void theChartIsRedrawnInTheNewThemeKeepingItsPoints() throws Exception {
        FxThread.start();
        List<Runnable> fx = new ArrayList<>();
        FxThread.run(() -> {
            Theme.LIGHT.apply();
            LiveLossViewModel vm = new LiveLossViewModel(fx::add);
            LiveLossView view = new LiveLossView(vm);
            assertEquals(Color.WHITE, view.viewer.getChart().getBackgroundPaint());
            for (int i = 1; i <= 3; i++) vm.listener().step(new LiveStep(1, 1, "passage only", i, 3, 1.0 / i, 1e-3, 100));
            pulse(fx);
            assertEquals(3, view.chartPoints());
            Theme.DARK.apply();
            Color bg = (Color) view.viewer.getChart().getBackgroundPaint();
            assertTrue(bg.getRed() + bg.getGreen() + bg.getBlue() < 3 * 60, "dark: " + bg);
            assertEquals(3, view.chartPoints(), "the points drawn again");
            vm.listener().step(new LiveStep(1, 1, "passage only", 4, 5, 0.2, 1e-3, 100));
            vm.listener().step(new LiveStep(1, 1, "passage only", 5, 5, 0.1, 1e-3, 100));
            pulse(fx);
            assertEquals(5, view.chartPoints(), "new points reach the new chart");
            Theme.LIGHT.apply();
            assertEquals(Color.WHITE, view.viewer.getChart().getBackgroundPaint());
        });
    }
}
