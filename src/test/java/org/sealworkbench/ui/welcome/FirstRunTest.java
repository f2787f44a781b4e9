package org.sealworkbench.ui.welcome;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.app.AppDirs;

/** When the welcome appears: the first default start only (the data folder is redirected with -Dseal.home). */
class FirstRunTest {
    @TempDir Path tmp;
    private String before;

    @BeforeEach
    void redirect() {
        before = System.getProperty(AppDirs.HOME_PROPERTY);
        System.setProperty(AppDirs.HOME_PROPERTY, tmp.resolve("home").toString());
    }

    @AfterEach
    void restore() {
        if (before == null) System.clearProperty(AppDirs.HOME_PROPERTY);
        else System.setProperty(AppDirs.HOME_PROPERTY, before);
    }

    @Test
    void welcomeOnlyOnTheFirstStartOnTheDefaultWorkspace() throws Exception {
        Path samples = tmp.resolve("samples");
        assertTrue(FirstRun.prepare(AppDirs.defaultWorkspace(), samples).showsWelcome());
        assertFalse(FirstRun.prepare(tmp.resolve("named"), samples).showsWelcome(), "an explicit --workspace skips it");

        // Answered once: never again.
        Path settings = AppDirs.current().settingsFile();
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "welcome.done=true\n");
        assertFalse(FirstRun.prepare(AppDirs.defaultWorkspace(), samples).showsWelcome());

        // An installation that already has its default workspace (from before the welcome) is not asked.
        Files.delete(settings);
        Files.createDirectories(AppDirs.defaultWorkspace());
        assertFalse(FirstRun.prepare(AppDirs.defaultWorkspace(), samples).showsWelcome());
    }
}
