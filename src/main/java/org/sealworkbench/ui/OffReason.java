package org.sealworkbench.ui;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;

/**
 * Why a control is off, as a tooltip (a read-only workspace's Import, Generate, Save). JavaFX shows no tooltip on a
 * disabled control (it gets no mouse events), so the reason goes on a wrapper around it, which does; the wrapper carries
 * it only while the control is off and there is a reason, and the control keeps its own tooltip for when it is on.
 */
public final class OffReason {
    private OffReason() {
    }

    /** The control in a wrapper that says {@code reason} (null: no reason) on hover while the control is disabled. */
    public static StackPane wrap(Control control, ObservableValue<String> reason) {
        StackPane box = new StackPane(control);
        box.getStyleClass().add("off-reason");
        box.setMaxSize(javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE);
        Tooltip tip = Tooltips.wrapped();
        tip.textProperty().bind(reason);
        Runnable update = () -> {
            boolean show = control.isDisabled() && reason.getValue() != null && !reason.getValue().isBlank();
            if (show) Tooltip.install(box, tip);
            else Tooltip.uninstall(box, tip);
            box.getProperties().put(KEY, show ? tip : null);
        };
        control.disabledProperty().addListener((o, a, b) -> update.run());
        reason.addListener((o, a, b) -> update.run());
        update.run();
        return box;
    }

    /** The tooltip a wrapper shows now (null: none), for tests. */
    public static Tooltip shown(StackPane wrapper) {
        return (Tooltip) wrapper.getProperties().get(KEY);
    }

    private static final String KEY = OffReason.class.getName();
}
