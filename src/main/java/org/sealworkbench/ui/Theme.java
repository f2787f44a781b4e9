package org.sealworkbench.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.application.Platform;

/** The two themes (AtlantaFX's Primer light and dark); the workbench's own CSS uses only their colour names. */
public enum Theme {
    LIGHT, DARK;

    private static final javafx.beans.property.ObjectProperty<Theme> CURRENT = new javafx.beans.property.SimpleObjectProperty<>(LIGHT);

    /** The theme last applied (views that draw their own colours, e.g. the charts, follow it); call on the FX thread. */
    public static javafx.beans.property.ReadOnlyObjectProperty<Theme> currentProperty() {
        return CURRENT;
    }

    public void apply() {
        CURRENT.set(this);
        if (Platform.isFxApplicationThread()) TooltipPlacement.install();   // every window of ours applies a theme first
        Application.setUserAgentStylesheet(this == DARK ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public static Theme parse(String s) {
        return "dark".equalsIgnoreCase(s) ? DARK : LIGHT;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
