package org.sealworkbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserSettingsTest {
    @TempDir Path tmp;

    @Test
    void roundTripsThroughTheFile() {
        Path file = tmp.resolve("config/seal-workbench/settings.properties");
        UserSettings s = UserSettings.load(file);
        assertFalse(s.welcomeDone());
        assertEquals(Optional.empty(), s.lastWorkspace());
        s.setWelcomeDone();
        s.setLastWorkspace(tmp.resolve("ws"));
        s.save();

        UserSettings back = UserSettings.load(file);
        assertTrue(back.welcomeDone());
        assertEquals(Optional.of(tmp.resolve("ws")), back.lastWorkspace());
    }

    @Test
    void anUnreadableFileCountsAsEmpty() throws Exception {
        Path file = Files.writeString(tmp.resolve("settings.properties"), "welcome.done=\\u12G4\n");
        assertFalse(UserSettings.load(file).welcomeDone());
    }
}
