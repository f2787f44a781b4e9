package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AboutBoxTest {
    @Test
    void namesTheLogFileAndTheFolders() {
        var info = new AboutBox.Info("0.1.0", "17", "21", Path.of("/d/logs/seal-workbench.0.log"), Path.of("/d"),
                Path.of("/c/settings.properties"));
        String text = String.join("\n", info.lines());
        assertTrue(text.contains("Log file: /d/logs/seal-workbench.0.log"), text);
        assertTrue(text.contains("Data folder (workspaces, engine cache, logs): /d"), text);
        assertTrue(text.contains("Settings: /c/settings.properties"), text);
        assertTrue(text.contains("Workspace: none open"), "no workspace open: " + text);
        var open = new AboutBox.Info("0.1.0", "17", "21", null, Path.of("/d"), Path.of("/c/s"), Path.of("/w/tiny-ws"),
                Path.of("/w/tiny-ws/models/round-2"));
        String openText = String.join("\n", open.lines());
        assertTrue(openText.contains("Workspace: /w/tiny-ws\n"), openText);
        assertTrue(openText.contains("Model: /w/tiny-ws/models/round-2\n"), openText);
        var noFile = new AboutBox.Info("0.1.0", "17", "21", null, Path.of("/d"), Path.of("/c/s"));
        assertTrue(String.join("\n", noFile.lines()).contains("Log file: none"));
    }
}
