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
        assertTrue(UserSettings.load(file).loadProblem().startsWith(file + ": "), "the problem names the file");
    }

    @Test
    void theWindowsLayoutAndTheFirstRunsWorkspaceShareOneFileWithoutUndoingEachOther() {
        Path file = tmp.resolve("config/seal-workbench/settings.properties");
        UserSettings firstRun = UserSettings.load(file);
        UserSettings window = UserSettings.load(file);
        firstRun.setLastWorkspace(tmp.resolve("ws"));
        firstRun.save();
        window.put("theme", "dark");
        window.putDouble("window.width", 1234.5);
        window.save(); // its copy never saw workspace.last: the saved file must keep it

        UserSettings back = UserSettings.load(file);
        assertEquals(Optional.of(tmp.resolve("ws")), back.lastWorkspace());
        assertEquals("dark", back.get("theme", "light"));
        assertEquals(1234.5, back.getDouble("window.width", 1, 0, 10000));
        assertEquals(7.0, back.getDouble("window.width", 7, 0, 1000), "out of range: the fallback");
        assertEquals(null, back.loadProblem());
    }

    @Test
    void theOldWorkbenchSettingsFileIsTakenOverWithoutOverridingTheNewOne() throws Exception {
        Path old = Files.writeString(tmp.resolve(UserSettings.LEGACY_WORKBENCH_FILE), "theme=dark\ntab=Annotate\n");
        Path file = Files.writeString(tmp.resolve("settings.properties"), "tab=History\n");
        UserSettings s = UserSettings.load(file);
        s.adopt(old);
        s.save();
        UserSettings back = UserSettings.load(file);
        assertEquals("dark", back.get("theme", "light"));
        assertEquals("History", back.get("tab", ""), "the merged file's own value wins");
    }
}
