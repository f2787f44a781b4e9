package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EngineStatusViewModelTest {
    @BeforeAll
    static void fx() {
        FxThread.start();
    }

    @Test
    void showsTheDeviceAndKeepsTheNativesPathForTheTooltip() throws Exception {
        EngineStatusViewModel vm = new EngineStatusViewModel();
        AtomicReference<Boolean> onFx = new AtomicReference<>();
        vm.probe(() -> {
            onFx.set(Platform.isFxApplicationThread());
            return "PyTorch 2.7.1 (DJL 0.35.1) on cpu(), 2 threads, natives /cache/pytorch/2.7.1-cpu";
        }).join();
        FxThread.await("engine text", () -> !vm.textProperty().get().startsWith("engine: starting"));
        assertFalse(onFx.get(), "the engine must be started off the FX thread");
        assertEquals("PyTorch 2.7.1 on cpu(), 2 threads", vm.textProperty().get());
        assertEquals("PyTorch 2.7.1 (DJL 0.35.1) on cpu(), 2 threads, natives /cache/pytorch/2.7.1-cpu",
                vm.detailProperty().get());
    }

    @Test
    void aFailedEngineStartSaysSoAndKeepsTheReason() throws Exception {
        EngineStatusViewModel vm = new EngineStatusViewModel();
        vm.probe(() -> {
            throw new IllegalStateException("PYTORCH_LIBRARY_PATH=/x has no libtorch.so");
        }).join();
        FxThread.await("engine text", () -> !vm.textProperty().get().startsWith("engine: starting"));
        assertEquals("engine unavailable", vm.textProperty().get());
        assertEquals("PYTORCH_LIBRARY_PATH=/x has no libtorch.so", vm.detailProperty().get());
    }

    @Test
    void theShortFormKeepsTheEngineAndDeviceAndLeavesRemarksToTheTooltip() {
        assertEquals("PyTorch 2.7.1 on cpu(), 2 threads, base weights F32", EngineStatusViewModel.shortForm(
                "PyTorch 2.7.1 (DJL 0.35.1) on cpu(), 2 threads (1 for a model under 50M parameters), base weights F32, natives /n"));
    }
}
