package org.sealworkbench.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Dialog;
import javafx.stage.Window;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** A form dialog shown on its own for a TestFX test (not waited on), settled after a change, and closed. */
public final class ShownDialogs {
    private ShownDialogs() {}

    /** Starts the toolkit, makes the dialog on the FX thread and shows it. */
    public static <D extends Dialog<?>> D show(Callable<D> make) throws Exception {
        FxToolkit.registerPrimaryStage();
        D dialog = FxThread.call(() -> {
            D d = make.call();
            d.show();
            return d;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return dialog;
    }

    /** Waits until a change has been laid out and the dialog's later fit (ui.DialogFit) has run. */
    public static void settle() {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Closes the dialog as Cancel would and hides its window. */
    public static void close(Dialog<?> dialog) throws Exception {
        FxThread.run(() -> {
            Window w = dialog.getDialogPane().getScene().getWindow();
            dialog.setResult(null);
            dialog.close();
            w.hide();
        });
        FxToolkit.cleanupStages();
    }
}
