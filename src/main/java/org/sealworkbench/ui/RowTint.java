package org.sealworkbench.ui;

import java.util.Locale;
import javafx.scene.control.TableRow;

/**
 * The tints of table rows that tell how an answer changed (Runs &amp; QA's table, History's comparison): green, fixed by
 * adapting (wrong, then right); red, broken (right, then wrong); amber, the answer changed but not its verdict. A tinted
 * row's background is an inline style, which the theme's selected colour cannot override: the selected row looked like
 * any other, so a verdict key (Ctrl+Shift+R) went to a row nobody could see chosen. A selected tinted row gets a stronger
 * tint and an accent bar at its left edge instead, in both themes.
 */
public enum RowTint {
    FIXED(46, 160, 67), BROKEN(218, 54, 51), CHANGED(210, 153, 34);

    private final int r, g, b;

    RowTint(int r, int g, int b) {
        this.r = r;
        this.g = g;
        this.b = b;
    }

    /** The tint at an alpha (0..1), as CSS. */
    public String rgba(double alpha) {
        return String.format(Locale.ROOT, "rgba(%d,%d,%d,%.2f)", r, g, b, alpha);
    }

    /** The inline style of a row with this tint (null: none), selected or not. */
    public static String style(RowTint tint, boolean selected) {
        if (tint == null) return "";
        if (!selected) return "-fx-background-color: " + tint.rgba(0.22) + ";";
        return "-fx-background-color: -color-accent-emphasis, -color-bg-default, " + tint.rgba(0.45) + ";"
                + " -fx-background-insets: 0, 0 0 0 5, 0 0 0 5;";
    }

    /** Tints a row (null: no tint), following its selection from now on; call from the row's {@code updateItem}. */
    public static void apply(TableRow<?> row, RowTint tint) {
        row.getProperties().put(RowTint.class, tint == null ? NONE : tint);
        if (!row.getProperties().containsKey(LISTENING)) {
            row.getProperties().put(LISTENING, Boolean.TRUE);
            row.selectedProperty().addListener((o, was, now) -> {
                Object t = row.getProperties().get(RowTint.class);
                row.setStyle(style(t instanceof RowTint rt ? rt : null, now));
            });
        }
        row.setStyle(style(tint, row.isSelected()));
    }

    private static final Object NONE = new Object(), LISTENING = new Object();
}
