package org.sealworkbench.util;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {
    @TempDir Path tmp;

    @Test
    void writesWholeMakesTheFolderReplacesAndLeavesNoPartialFile() throws Exception {
        Path f = tmp.resolve("a/b/out.csv");
        TextFiles.writeAtomically(f, "x,y\n1,2\n");
        assertEquals("x,y\n1,2\n", Files.readString(f));
        TextFiles.writeAtomically(f, "é\n");
        assertEquals("é\n", Files.readString(f), "replaced, in UTF-8");
        try (var s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "no .partial file left beside it");
        }
    }

    @Test
    void aFolderInTheWayFailsAndLeavesItAsItWas() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(dir.resolve("inside.txt"), "kept");
        assertThrows(java.io.IOException.class, () -> TextFiles.writeAtomically(dir, "text"));
        assertEquals("kept", Files.readString(dir.resolve("inside.txt")));
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count(), "no .partial file left");
        }
    }
}
