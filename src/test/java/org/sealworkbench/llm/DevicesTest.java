package org.sealworkbench.llm;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.Device;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DevicesTest {
    @BeforeAll
    static void setUp() {
        TestEngine.setUp();
    }

    @AfterEach
    void clear() {
        System.clearProperty(Devices.DEVICE_SETTING);
    }

    @Test
    void picksTheCpuWithoutAGpuAndSaysWhatIsInUse() {
        ComputeDevice d = Devices.pick();
        assertEquals(Devices.gpuCount() > 0, d.isGpu());
        String text = Devices.describe();
        assertTrue(text.startsWith("PyTorch 2.7.1") && text.contains(d.toString()) && text.contains("natives"), text);
    }

    @Test
    void cpuCanBeForcedAndAMissingGpuIsAClearError() {
        System.setProperty(Devices.DEVICE_SETTING, "cpu");
        assertEquals(Device.cpu(), Devices.pick().toDjl());
        System.setProperty(Devices.DEVICE_SETTING, "gpu");
        if (Devices.gpuCount() == 0) {
            IllegalStateException e = assertThrows(IllegalStateException.class, Devices::pick);
            assertTrue(e.getMessage().contains("no GPU") && e.getMessage().contains("PYTORCH_LIBRARY_PATH"), e.getMessage());
        } else {
            assertTrue(Devices.pick().isGpu());
        }
        System.setProperty(Devices.DEVICE_SETTING, "tpu");
        assertThrows(IllegalStateException.class, Devices::pick);
    }

    @Test
    void aSmallModelRunsOnOneThreadUnlessSealThreadsSaysOtherwise() {
        try {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(2);
            assertEquals(1, Devices.fitThreads(3_426_560L), "seal-tiny's size: one thread");
            assertEquals(1, Devices.threads());
            System.setProperty(Devices.THREADS_SETTING, "2");
            Devices.applyThreads();
            assertEquals(2, Devices.fitThreads(3_426_560L), "SEAL_THREADS wins");
            assertEquals(2, Devices.threads());
            assertFalse(Devices.describe().contains("1 for a model under"), Devices.describe());
        } finally {
            System.clearProperty(Devices.THREADS_SETTING);
            ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
        }
        assertTrue(Devices.describe().contains("1 for a model under 50M parameters"), Devices.describe());
    }
}
