package org.sealworkbench.ui.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sealworkbench.ui.LayoutChecks;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The QA table at the sizes the Runs & QA tab has in a 1280x800 and a 1600x1000 window: every column, the verdicts and
 * the Human column included, lies within the table (they lay past its right edge behind a scroll bar), headings whole.
 */
class QaLayoutFxTest extends org.sealworkbench.ui.FxTestRobot {
    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
    }

    private QaView show(double width, double height) throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        QaView[] view = new QaView[1];
        FxToolkit.setupStage(s -> {
            QaViewModel vm = new QaViewModel(new QaViewModelTest.FakeBackend(), Runnable::run, Runnable::run);
            view[0] = new QaView(vm);
            s.setScene(new Scene(view[0], width, height));
            s.show();
            vm.show(5);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(true, stage.isShowing());
        return view[0];
    }

    @Test
    void allColumnsFitTheTabAt1280And1600() throws Exception {
        for (double[] size : new double[][] {{990, 560}, {1330, 740}}) {
            QaView view = show(size[0], size[1]);
            assertEquals(5, view.table.getItems().size());
            assertEquals(8, view.table.getColumns().size(), "#, question, gold, before, after, two graders, human");
            LayoutChecks.assertColumnsFit(view.table, 30);
            LayoutChecks.assertHeadingsWhole(view.table);
            FxToolkit.cleanupStages();
        }
    }
}
