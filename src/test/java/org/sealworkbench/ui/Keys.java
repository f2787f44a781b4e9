package org.sealworkbench.ui;

import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** A key combination typed as a person does: keys pressed in order, released in reverse, then the FX events settle. */
public final class Keys {
    private Keys() {}

    public static void shortcut(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        KeyCode[] reversed = new KeyCode[keys.length];
        for (int i = 0; i < keys.length; i++) reversed[i] = keys[keys.length - 1 - i];
        robot.release(reversed);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
