package org.sealworkbench.app;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps DJL off the network. By default DJL "calls home" to a cloud metadata address when an engine
 * starts or a tokenizer is created, and downloads natives it cannot find. Every entry point (GUI, CLI,
 * tests) calls {@link #enforce()} before any DJL class is loaded; this class must never reference DJL.
 */
public final class Offline {
    private Offline() {}

    /** The settings DJL reads (as environment variables or system properties) and the values we force. */
    public static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";
    public static final String DJL_OFFLINE = "DJL_OFFLINE";
    public static final String DJL_CACHE_DIR = "DJL_CACHE_DIR";
    public static final String ENGINE_CACHE_DIR = "ENGINE_CACHE_DIR";

    /**
     * The one opt-in to network access the product has: with this set to true, DJL may download the
     * CUDA natives matching its PyTorch version, once, into the cache (see docs/gpu.md). Tracking stays off.
     */
    public static final String ALLOW_NATIVE_DOWNLOAD = "SEAL_ALLOW_NATIVE_DOWNLOAD";

    /** Sets the offline properties and a local DJL cache folder, and MKL's kernels ({@link MklCodePath}); idempotent. */
    public static synchronized void enforce() {
        MklCodePath.install();   // before the engine's first matrix product, in every JVM alike
        System.setProperty(OPT_OUT_TRACKING, "true");
        String offline = nativeDownloadAllowed() ? "false" : "true";
        System.setProperty(DJL_OFFLINE, offline);
        System.setProperty("ai.djl.offline", offline);
        // Natives are extracted from the pytorch-native-cpu jar into this cache, never downloaded.
        String cache = firstNonBlank(System.getProperty(DJL_CACHE_DIR), System.getenv(DJL_CACHE_DIR));
        if (cache == null) {
            cache = AppDirs.current().djlCache().toString();
        }
        System.setProperty(DJL_CACHE_DIR, cache);
        if (firstNonBlank(System.getProperty(ENGINE_CACHE_DIR), System.getenv(ENGINE_CACHE_DIR)) == null) {
            System.setProperty(ENGINE_CACHE_DIR, cache);
        }
        try {
            Files.createDirectories(Path.of(cache));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create the DJL cache folder " + cache + ": " + e.getMessage(), e);
        }
    }

    /**
     * The folder DJL unpacks its engine's natives into, as DJL finds it: {@code ENGINE_CACHE_DIR}, else {@code DJL_CACHE_DIR}
     * (each a system property, else an environment variable), else the user data folder's cache that {@link #enforce()}
     * chooses. Without side effects, so it can be asked before {@link #enforce()} runs (a window made in a test reads the
     * environment's cache, not the user's).
     */
    public static Path engineCacheDir() {
        String engine = firstNonBlank(System.getProperty(ENGINE_CACHE_DIR), System.getenv(ENGINE_CACHE_DIR));
        if (engine != null) return Path.of(engine);
        String cache = firstNonBlank(System.getProperty(DJL_CACHE_DIR), System.getenv(DJL_CACHE_DIR));
        return cache != null ? Path.of(cache) : AppDirs.current().djlCache();
    }

    /** True only when the user explicitly asked for the one-time CUDA natives download. */
    public static boolean nativeDownloadAllowed() {
        String v = firstNonBlank(System.getProperty(ALLOW_NATIVE_DOWNLOAD), System.getenv(ALLOW_NATIVE_DOWNLOAD));
        return "true".equalsIgnoreCase(v);
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) return a;
        if (b != null && !b.isBlank()) return b;
        return null;
    }
}
