package org.sealworkbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OfflineTest {
    @Test
    void offlineUnlessTheUserOptsInToTheNativesDownload() {
        try {
            Offline.enforce();
            assertEquals("true", System.getProperty(Offline.DJL_OFFLINE));
            assertEquals("true", System.getProperty(Offline.OPT_OUT_TRACKING));

            System.setProperty(Offline.ALLOW_NATIVE_DOWNLOAD, "true");
            Offline.enforce();
            assertEquals("false", System.getProperty(Offline.DJL_OFFLINE), "the opt-in lifts offline mode");
            assertEquals("true", System.getProperty(Offline.OPT_OUT_TRACKING), "tracking stays off even then");

            System.setProperty(Offline.ALLOW_NATIVE_DOWNLOAD, "yes please");
            Offline.enforce();
            assertEquals("true", System.getProperty(Offline.DJL_OFFLINE), "only an explicit true opts in");
        } finally {
            System.clearProperty(Offline.ALLOW_NATIVE_DOWNLOAD);
            Offline.enforce();
        }
    }

    @Test
    void theEngineCacheIsFoundAsDjlFindsItBeforeEnforceRuns() {
        String engine = System.getProperty(Offline.ENGINE_CACHE_DIR), djl = System.getProperty(Offline.DJL_CACHE_DIR);
        try {
            System.clearProperty(Offline.ENGINE_CACHE_DIR);
            System.clearProperty(Offline.DJL_CACHE_DIR);
            // surefire sets DJL_CACHE_DIR in the environment, as ./seal does: the properties are not needed to find it
            String env = System.getenv(Offline.DJL_CACHE_DIR);
            if (System.getenv(Offline.ENGINE_CACHE_DIR) == null) {
                assertEquals(env != null ? java.nio.file.Path.of(env) : AppDirs.current().djlCache(), Offline.engineCacheDir());
            }
            System.setProperty(Offline.DJL_CACHE_DIR, "/tmp/djl-a");
            if (System.getenv(Offline.ENGINE_CACHE_DIR) == null) assertEquals(java.nio.file.Path.of("/tmp/djl-a"), Offline.engineCacheDir());
            System.setProperty(Offline.ENGINE_CACHE_DIR, "/tmp/engine-b");
            assertEquals(java.nio.file.Path.of("/tmp/engine-b"), Offline.engineCacheDir(), "the engine's own folder wins");
        } finally {
            if (engine == null) System.clearProperty(Offline.ENGINE_CACHE_DIR); else System.setProperty(Offline.ENGINE_CACHE_DIR, engine);
            if (djl == null) System.clearProperty(Offline.DJL_CACHE_DIR); else System.setProperty(Offline.DJL_CACHE_DIR, djl);
        }
    }
}
