package org.sealworkbench.ui.welcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NativesUnpackViewModelTest {
    private final Path target = Path.of("/home/u/.local/share/seal-workbench/djl-cache/pytorch/2.7.1-cpu-linux-x86_64");

    @Test
    void progressIsTheShareOfBytesWritten() {
        var vm = new NativesUnpackViewModel(432_000_000L, target);
        assertTrue(vm.explanation().contains("432 MB"), vm.explanation());
        assertTrue(vm.explanation().contains("/home/u/.local/share/seal-workbench/djl-cache/pytorch"));
        assertEquals(-1, vm.progressProperty().get());
        vm.update(108_000_000L);
        assertEquals(0.25, vm.progressProperty().get(), 1e-9);
        assertEquals("108 MB of 432 MB unpacked (25 %)", vm.messageProperty().get());
        vm.update(500_000_000L);
        assertEquals(1.0, vm.progressProperty().get(), 1e-9, "never past the end");
    }

    @Test
    void finishingStopsTheUpdatesAndSaysHowItEnded() {
        var vm = new NativesUnpackViewModel(100, target);
        vm.finish(true, "PyTorch 2.7.1 on cpu()");
        assertTrue(vm.finishedProperty().get());
        assertEquals("Done: PyTorch 2.7.1 on cpu()", vm.messageProperty().get());
        vm.update(10);
        assertEquals(1.0, vm.progressProperty().get(), 1e-9, "a late poll does not move it back");

        var failed = new NativesUnpackViewModel(100, target);
        failed.finish(false, "No space left on device");
        assertEquals("The engine could not start: No space left on device", failed.messageProperty().get());
        assertFalse(failed.progressProperty().get() == 1.0);
    }

    @Test
    void unknownTotalShowsBytesOnly() {
        var vm = new NativesUnpackViewModel(0, target);
        vm.update(5_000_000);
        assertEquals(-1, vm.progressProperty().get());
        assertEquals("5 MB unpacked", vm.messageProperty().get());
    }
}
