package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.workspace.PassageItem;

class PassageRowTest {
    private final PassageRow row = PassageRow.of(new PassageItem(7, "The Nile", 3, 1), "It flows NORTH into the Mediterranean.");

    @Test
    void matchesEveryWordAnywhereInTitleOrContextIgnoringCase() {
        assertTrue(row.matches(""));
        assertTrue(row.matches(null));
        assertTrue(row.matches("nile"));
        assertTrue(row.matches("north"));
        assertTrue(row.matches("  Nile   mediterranean "));
        assertFalse(row.matches("nile south"));
        assertFalse(row.matches("amazon"));
    }

    @Test
    void startupOptionsReadTheWorkspaceArgument() {
        assertEquals(Path.of("/tmp/ws"), StartupOptions.parse(List.of("--workspace=/tmp/ws")).workspace());
        assertEquals(Path.of("/tmp/ws2"), StartupOptions.parse(List.of("--workspace", "/tmp/ws2")).workspace());
        assertEquals(org.sealworkbench.app.AppDirs.defaultWorkspace(), StartupOptions.parse(List.of()).workspace());
        assertThrows(IllegalArgumentException.class, () -> StartupOptions.parse(List.of("--bogus")));
    }
}
