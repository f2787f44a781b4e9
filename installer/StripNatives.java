import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Drops other platforms' native libraries from the jars of a per-platform package (run by installer/build.sh as
 * {@code java installer/StripNatives.java <lib folder> <platform>}). tokenizers, sqlite-jdbc, jna and
 * pytorch-jni carry .so/.dll/.dylib files for every OS and CPU (about 28 MB compressed); a .deb for amd64 needs
 * only linux-x86_64's. A library entry is kept when its path names the platform (e.g. {@code linux-x86_64},
 * {@code Linux/x86_64}, {@code linux-x86-64}); everything else in a jar is copied unchanged. Jars without
 * foreign natives (pytorch-native-cpu, JavaFX's linux jars) and signed jars are left alone; a library at a jar's
 * root is that jar's own platform's and is kept. No library does this; it is
 * a filter over zip entries.
 */
public final class StripNatives {
    private static final Pattern NATIVE = Pattern.compile(".*\\.(so(\\.[0-9]+)*|dll|dylib|jnilib)$");

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !args[1].equals("linux-x86_64")) {
            System.err.println("usage: java StripNatives.java LIB_DIR linux-x86_64");
            System.exit(2);
        }
        // Spellings of linux-x86_64 in the jars' folder names (sqlite-jdbc: Linux/x86_64, jna: linux-x86-64).
        List<Pattern> keep = List.of(Pattern.compile("(^|/)linux-x86[-_]64/"), Pattern.compile("(^|/)Linux/x86_64/"));
        long saved = 0;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of(args[0]), "*.jar")) {
            for (Path jar : jars) saved += strip(jar, keep);
        }
        System.err.printf("installer: StripNatives: %.1f MB of other platforms' natives dropped%n", saved / 1e6);
    }

    private static boolean foreign(ZipEntry e, List<Pattern> keep) {
        String name = e.getName();
        // A library at the jar's root (JavaFX's linux jar) belongs to the jar's one platform: kept.
        return !e.isDirectory() && name.indexOf('/') > 0 && NATIVE.matcher(name).matches()
                && keep.stream().noneMatch(p -> p.matcher(name).find());
    }

    /** Rewrites the jar without foreign natives; returns the bytes saved. */
    private static long strip(Path jar, List<Pattern> keep) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            boolean signed = zip.stream().anyMatch(e -> e.getName().startsWith("META-INF/") && e.getName().endsWith(".SF"));
            if (signed || zip.stream().noneMatch(e -> foreign(e, keep))) return 0;
            Path tmp = Files.createTempFile(jar.getParent(), "strip", ".jar");
            try (OutputStream file = Files.newOutputStream(tmp); ZipOutputStream out = new ZipOutputStream(file)) {
                for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                    ZipEntry e = en.nextElement();
                    if (foreign(e, keep)) continue;
                    ZipEntry copy = new ZipEntry(e.getName());
                    copy.setTime(e.getTime());
                    out.putNextEntry(copy);
                    try (InputStream in = zip.getInputStream(e)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            long before = Files.size(jar);
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
            // createTempFile makes the file private; installed files must be readable by every user.
            Files.setPosixFilePermissions(jar, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            return before - Files.size(jar);
        }
    }
}
