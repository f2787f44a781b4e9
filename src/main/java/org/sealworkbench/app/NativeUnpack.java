package org.sealworkbench.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The one-time unpacking of PyTorch's natives from the bundled {@code pytorch-native-cpu} jar, seen from the
 * outside so that the window can show progress while DJL does it.
 *
 * <p>Where and when DJL extracts (DJL 0.35, {@code ai.djl.pytorch.jni.LibUtils.copyNativeLibraryFromClasspath}):
 * the first time the PyTorch engine starts, it reads {@code native/lib/pytorch.properties} from the class path
 * (version, flavor, classifier, libraries); when {@code <engine cache>/pytorch/<version>-<flavor>-<classifier>/libtorch.so}
 * is missing it copies each library into a fresh {@code <engine cache>/pytorch/tmp*} folder and then moves that
 * folder into place. The engine cache is {@code ENGINE_CACHE_DIR}, else {@code DJL_CACHE_DIR} ({@link Offline}
 * sets both to the user data folder). DJL reports no progress, so {@link #bytesWritten()} measures the files
 * written so far against the libraries' sizes in the jar. Nothing here loads a DJL class.
 */
public record NativeUnpack(Path pytorchCacheDir, Path targetDir, long totalBytes, List<String> libraries) {
    public static final String PROPERTIES = "native/lib/pytorch.properties";

    /**
     * What DJL will unpack at its first start, or empty when nothing needs unpacking (already done, natives
     * given by {@code PYTORCH_LIBRARY_PATH}, or no bundled natives jar on the class path).
     */
    public static Optional<NativeUnpack> pending(ClassLoader loader, Path engineCacheDir, String pytorchLibraryPath) {
        if (pytorchLibraryPath != null && !pytorchLibraryPath.isBlank()) return Optional.empty();
        URL url = loader.getResource(PROPERTIES);
        if (url == null) return Optional.empty();
        Properties p = new Properties();
        try (InputStream in = url.openStream()) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + url + ": " + e.getMessage(), e);
        }
        String version = p.getProperty("version");
        String flavor = p.getProperty("flavor");
        String classifier = p.getProperty("classifier");
        List<String> libs = Arrays.stream(p.getProperty("libraries", "").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        if (version == null || flavor == null || classifier == null || libs.isEmpty()) return Optional.empty();
        String dirFlavor = flavor;
        // DJL's own rule: natives built with the old C++ ABI carry libstdc++ and get their own folder.
        if (!dirFlavor.endsWith("-precxx11") && libs.contains("libstdc++.so.6")) dirFlavor += "-precxx11";
        Path pytorchDir = engineCacheDir.resolve("pytorch");
        Path target = pytorchDir.resolve(version + "-" + dirFlavor + "-" + classifier);
        if (Files.exists(target.resolve(System.mapLibraryName("torch")))) return Optional.empty();
        long total = librarySizes(url, "pytorch/" + flavor + "/" + classifier + "/", libs);
        return Optional.of(new NativeUnpack(pytorchDir, target, total, libs));
    }

    /** The process's own: the system class path and the cache {@link Offline#enforce()} chose. */
    public static Optional<NativeUnpack> pendingForThisProcess() {
        return pending(NativeUnpack.class.getClassLoader(), Offline.engineCacheDir(), System.getenv("PYTORCH_LIBRARY_PATH"));
    }

    /** Sum of the libraries' uncompressed sizes in the natives jar (0 when the jar cannot be read). */
    private static long librarySizes(URL propertiesUrl, String prefix, List<String> libs) {
        if (!"jar".equals(propertiesUrl.getProtocol())) return 0;
        try {
            JarURLConnection c = (JarURLConnection) propertiesUrl.openConnection();
            c.setUseCaches(false);
            try (JarFile jar = c.getJarFile()) {
                long total = 0;
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    JarEntry entry = e.nextElement();
                    String name = entry.getName();
                    if (name.startsWith(prefix) && libs.contains(name.substring(prefix.length())) && entry.getSize() > 0) {
                        total += entry.getSize();
                    }
                }
                return total;
            }
        } catch (IOException e) {
            return 0;
        }
    }

    /** True once DJL has moved the unpacked libraries into place. */
    public boolean done() {
        return Files.exists(targetDir.resolve(System.mapLibraryName("torch")));
    }

    /** Bytes unpacked so far: the files in DJL's {@code tmp*} folders, or the target folder once it is there. */
    public long bytesWritten() {
        if (done()) return Math.max(totalBytes, sizeOf(targetDir));
        long sum = 0;
        if (!Files.isDirectory(pytorchCacheDir)) return 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(pytorchCacheDir, "tmp*")) {
            for (Path d : dirs) sum += sizeOf(d);
        } catch (IOException e) {
            return sum; // a folder moved away while listing: the next poll sees the new state
        }
        return sum;
    }

    private static long sizeOf(Path dir) {
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(f -> {
                try {
                    return Files.isRegularFile(f) ? Files.size(f) : 0;
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
