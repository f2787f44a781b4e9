package org.sealworkbench.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Which SGEMM kernels libtorch's statically linked oneMKL runs on this CPU, and the switch to its fast
 * ones on non-Intel x86 CPUs.
 *
 * <p>MKL decides by CPU vendor: on an AMD CPU it runs generic kernels even where the CPU has AVX-512.
 * On this project's 2-core AMD EPYC that made a [64,256]x[256,256] product 2.3x slower than MKL's own
 * kernels (111-127 µs against 51-55 µs), and matrix products are most of a seal-tiny training step.
 * The shim {@code src/main/native/mkl_intel_path.c} answers MKL's vendor question; loaded before the
 * first matrix product, MKL then picks kernels by the CPU's feature flags. It changes which kernels run,
 * not the arithmetic they do (sums may round in another order, as with another thread count).
 *
 * <p>Steps of {@link #install()}, run once before the engine's first product (by {@link Offline#enforce()}, which every
 * entry point calls before DJL starts; this class must never reference DJL):
 * <ol>
 *   <li>Off when {@value #SETTING}=off (env or system property), on a non-Linux or non-x86_64 system,
 *       or on an Intel CPU (MKL already uses its fast kernels there).</li>
 *   <li>Find the shim the build compiled into the class folder (none when the build machine had no C
 *       compiler: the engine keeps the generic kernels and {@link #status()} says so).</li>
 *   <li>From a jar, copy it to a temporary file (System.load needs a path), deleted at exit.</li>
 *   <li>System.load it; its constructor makes its one symbol global, and libtorch binds it lazily.</li>
 * </ol>
 * Any failure is reported by {@link #status()}, never thrown: the engine works either way.
 */
public final class MklCodePath {
    private MklCodePath() {}

    /** {@code off} keeps MKL's vendor-chosen kernels. */
    public static final String SETTING = "SEAL_MKL_CPU_PATH";
    public static final String RESOURCE = "native/linux-x86_64/libseal_mkl_intel_path.so";

    private static String status;

    /** Loads the shim where it applies (idempotent); returns {@link #status()}. */
    public static synchronized String install() {
        if (status != null) return status;
        status = load();
        return status;
    }

    /** One phrase for the bench's environment line, e.g. "feature-based (AMD CPU, shim loaded)". */
    public static synchronized String status() {
        return status == null ? "not set up" : status;
    }

    private static String load() {
        String setting = setting();
        if ("off".equals(setting)) return "vendor-based (" + SETTING + "=off)";
        if (setting != null && !setting.isEmpty() && !setting.equals("auto")) {
            return "vendor-based (" + SETTING + " must be auto or off, got \"" + setting + "\"; left off)";
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) return "vendor-based (not Linux x86_64)";
        String vendor = cpuVendor();
        if (vendor.equals("GenuineIntel")) return "MKL's own (Intel CPU)";
        URL url = MklCodePath.class.getResource(RESOURCE);
        if (url == null) return "vendor-based (" + vendor + " CPU; the shim was not built: no C compiler at build time)";
        try {
            System.load(localCopy(url).toString());
            return "feature-based (" + vendor + " CPU, shim loaded)";
        } catch (IOException | URISyntaxException | RuntimeException | LinkageError e) {
            return "vendor-based (" + vendor + " CPU; shim not loaded: " + e.getMessage() + ")";
        }
    }

    private static Path localCopy(URL url) throws IOException, URISyntaxException {
        if (url.getProtocol().equals("file")) return Path.of(url.toURI());
        Path tmp = Files.createTempFile("seal-mkl-cpu-path", ".so");
        tmp.toFile().deleteOnExit();
        try (InputStream in = url.openStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        return tmp;
    }

    /** The vendor_id of /proc/cpuinfo ("AuthenticAMD", "GenuineIntel"), or "unknown". */
    public static String cpuVendor() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("vendor_id")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String setting() {
        String v = System.getProperty(SETTING);
        if (v == null) v = System.getenv(SETTING);
        return v == null ? null : v.trim().toLowerCase(Locale.ROOT);
    }
}
