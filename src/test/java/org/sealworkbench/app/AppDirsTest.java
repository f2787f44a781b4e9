package org.sealworkbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirsTest {
    private static final String ACCOUNT_HOME = "/home/account";

    @Test
    void homeComesFromTheEnvironmentNotFromJavasUserHome() {
        AppDirs dirs = AppDirs.of(Map.of("HOME", "/tmp/other-home"), null, ACCOUNT_HOME);
        assertEquals(Path.of("/tmp/other-home/.local/share/seal-workbench"), dirs.data());
        assertEquals(Path.of("/tmp/other-home/.config/seal-workbench"), dirs.config());
        assertEquals(Path.of("/tmp/other-home/.local/share/seal-workbench/workspaces"), dirs.workspaces());
        assertEquals(Path.of("/tmp/other-home/.local/share/seal-workbench/logs"), dirs.logs());
        assertEquals(Path.of("/tmp/other-home/.local/share/seal-workbench/djl-cache"), dirs.djlCache());
        assertEquals(Path.of("/tmp/other-home/.config/seal-workbench/settings.properties"), dirs.settingsFile());
    }

    @Test
    void xdgFoldersWinOverHome() {
        AppDirs dirs = AppDirs.of(Map.of("HOME", "/h", "XDG_DATA_HOME", "/xdg/data", "XDG_CONFIG_HOME", "/xdg/conf"),
                null, ACCOUNT_HOME);
        assertEquals(Path.of("/xdg/data/seal-workbench"), dirs.data());
        assertEquals(Path.of("/xdg/conf/seal-workbench"), dirs.config());
    }

    @Test
    void relativeOrBlankXdgFoldersAreIgnoredAsTheSpecSays() {
        AppDirs dirs = AppDirs.of(Map.of("HOME", "/h", "XDG_DATA_HOME", "rel/data", "XDG_CONFIG_HOME", "  "),
                null, ACCOUNT_HOME);
        assertEquals(Path.of("/h/.local/share/seal-workbench"), dirs.data());
        assertEquals(Path.of("/h/.config/seal-workbench"), dirs.config());
    }

    @Test
    void userHomeOnlyWhenHomeIsUnset() {
        AppDirs dirs = AppDirs.of(Map.of(), null, ACCOUNT_HOME);
        assertEquals(Path.of("/home/account/.local/share/seal-workbench"), dirs.data());
        assertEquals(Path.of("/home/account/.config/seal-workbench"), dirs.config());
    }

    @Test
    void theWorkbenchHomeOverrideHoldsDataAndSettings() {
        Map<String, String> env = Map.of("HOME", "/h", "XDG_DATA_HOME", "/xdg/data", "SEAL_WORKBENCH_HOME", "/sw");
        AppDirs dirs = AppDirs.of(env, null, ACCOUNT_HOME);
        assertEquals(Path.of("/sw"), dirs.data());
        assertEquals(Path.of("/sw/config"), dirs.config());
        // The system property wins over the environment variable.
        assertEquals(Path.of("/prop"), AppDirs.of(env, "/prop", ACCOUNT_HOME).data());
    }
}
