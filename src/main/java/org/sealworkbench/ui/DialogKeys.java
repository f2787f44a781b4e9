package org.sealworkbench.ui;

import javafx.scene.control.Dialog;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/** Keys a dialog answers to wherever its focus is. */
public final class DialogKeys {
    private DialogKeys() {}

    /**
     * Esc closes the dialog (as its Close or Cancel button does) also while the focus is in one of these lists: a list
     * takes Esc for itself (to cancel an edit, even when not editable), so after a click on a model or a version Esc did
     * nothing. The dialog needs a cancel-type button (Close, Cancel) for {@link Dialog#close()} to close it.
     */
    public static void escCloses(Dialog<?> dialog, ListView<?>... lists) {
        for (ListView<?> list : lists) {
            list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                if (e.getCode() == KeyCode.ESCAPE && list.getEditingIndex() < 0) {
                    e.consume();
                    dialog.close();
                }
            });
        }
    }
}
