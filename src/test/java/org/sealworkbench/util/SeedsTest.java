package org.sealworkbench.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedsTest {
    /**
     * Values the two former classes (seal.Seeds.derive and data.world.Seeds.mix) gave: stored runs look their
     * seeds up and generated worlds must not change, so the merged class must give exactly these.
     */
    @Test
    void bothDerivationsGiveTheValuesOfTheClassesTheyReplaced() {
        assertEquals(313389913848713L, Seeds.derive(42));
        assertEquals(7415922991912859L, Seeds.derive(42, 1, 7, 0, 2));
        assertEquals(1966789627361406L, Seeds.derive(-5, Long.MAX_VALUE, 3));
        assertEquals(-7046029254386353131L, Seeds.mix());
        assertEquals(8115310350880398661L, Seeds.mix(5, 12, 1));
        assertEquals(-2025661087352360751L, Seeds.mix(-1, 100, 3, 0));
    }

    @Test
    void derivedSeedsAreNonNegativeAndBelowTwoToThe53() {
        for (long i = 0; i < 1000; i++) {
            long s = Seeds.derive(i * 7919, i, -i);
            assertTrue(s >= 0 && s < (1L << 53), "seed " + s);
        }
        assertNotEquals(Seeds.derive(1, 2, 3), Seeds.derive(1, 3, 2), "parts are ordered");
    }

    @Test
    void deleteTreeRemovesNestedFoldersAndIgnoresAMissingOne(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("a");
        Files.createDirectories(root.resolve("b/c"));
        Files.writeString(root.resolve("b/c/x.txt"), "x");
        Files.writeString(root.resolve("y.txt"), "y");
        FileTrees.deleteTree(root);
        assertFalse(Files.exists(root));
        FileTrees.deleteTree(root);   // absent: nothing to do, no error
        assertTrue(Files.exists(tmp));
    }
}
