package org.sealworkbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeUnpackTest {
    @TempDir Path tmp;

    /** A natives jar shaped like pytorch-native-cpu: the properties file and the libraries under pytorch/. */
    private URLClassLoader nativesJar() throws Exception {
        Path jar = tmp.resolve("pytorch-native-cpu.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "native/lib/pytorch.properties",
                    "version=2.7.1-20250812\nflavor=cpu\nclassifier=linux-x86_64\nlibraries=libc10.so,libtorch.so\n".getBytes());
            put(out, "pytorch/cpu/linux-x86_64/libc10.so", new byte[1000]);
            put(out, "pytorch/cpu/linux-x86_64/libtorch.so", new byte[234]);
            put(out, "pytorch/cpu/linux-x86_64/README", new byte[50_000]); // not a listed library
        }
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
    }

    private static void put(JarOutputStream out, String name, byte[] data) throws Exception {
        out.putNextEntry(new JarEntry(name));
        out.write(data);
        out.closeEntry();
    }

    @Test
    void findsWhereDjlWillUnpackAndMeasuresItsProgress() throws Exception {
        Path cache = tmp.resolve("cache");
        try (URLClassLoader loader = nativesJar()) {
            NativeUnpack u = NativeUnpack.pending(loader, cache, null).orElseThrow();
            assertEquals(cache.resolve("pytorch/2.7.1-20250812-cpu-linux-x86_64"), u.targetDir());
            assertEquals(1234, u.totalBytes(), "the listed libraries' sizes, from the jar's entries");
            assertEquals(0, u.bytesWritten());

            // DJL copies into a tmp folder first...
            Path work = Files.createDirectories(cache.resolve("pytorch/tmp123456"));
            try (OutputStream o = Files.newOutputStream(work.resolve("libc10.so"))) {
                o.write(new byte[1000]);
            }
            assertEquals(1000, u.bytesWritten());
            assertFalse(u.done());

            // ...then moves it into place: done, and nothing is pending for the next start.
            Files.move(work, u.targetDir());
            Files.write(u.targetDir().resolve("libtorch.so"), new byte[234]);
            assertTrue(u.done());
            assertEquals(1234, u.bytesWritten());
            assertTrue(NativeUnpack.pending(loader, cache, null).isEmpty());
        }
    }

    @Test
    void nothingPendingWithoutTheJarOrWithTheUsersOwnNatives() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null); URLClassLoader loader = nativesJar()) {
            assertTrue(NativeUnpack.pending(empty, tmp, null).isEmpty());
            assertTrue(NativeUnpack.pending(loader, tmp, "/opt/libtorch/lib").isEmpty());
        }
    }
}
