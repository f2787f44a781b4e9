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
    void theProcessSettingsAreNamedAsSetAndTheirAbsenceSaysWhatToSet() {
        assertEquals("OpenMP waiting passive, malloc trim threshold 1073741824 bytes",
                Devices.processSettings(java.util.Map.of("OMP_WAIT_POLICY", "PASSIVE", "MALLOC_TRIM_THRESHOLD_", "1073741824")));
        String none = Devices.processSettings(java.util.Map.of());
        assertTrue(none.contains("OpenMP waiting spin") && none.contains("OMP_WAIT_POLICY=PASSIVE") && none.contains("MALLOC_TRIM_THRESHOLD_ unset"), none);
        // surefire sets the policy as ./seal does, and describe() reports this process's own
        assertTrue(Devices.describe().contains("OpenMP waiting passive"), Devices.describe());
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

    /** Workers fill the cores the intra-op threads leave: 1 thread per model -> one worker per core; SEAL_WORKERS wins. */
    @Test
    void workersFillTheCoresThatTheThreadsLeave() {
        try {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(2);
            Devices.fitThreads(3_426_560L);   // seal-tiny: 1 thread of the engine's own count
            int cores = Math.max(1, Devices.fitThreads(1_000_000_000L));   // a large model gets the engine's count back
            assertEquals(1, Devices.workers(false), "a large model's threads take every core");
            Devices.fitThreads(3_426_560L);
            assertEquals(cores, Devices.workers(false), "one worker per core for a one-thread model");
            assertEquals(1, Devices.workers(true), "one on a GPU");
            System.setProperty(Devices.WORKERS_SETTING, "3");
            assertEquals(3, Devices.workers(false));
            assertEquals(3, Devices.workers(true), "SEAL_WORKERS wins everywhere");
            for (String bad : new String[] {"0", "-1", "two"}) {
                System.setProperty(Devices.WORKERS_SETTING, bad);
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> Devices.workers(false));
                assertTrue(e.getMessage().contains("SEAL_WORKERS must be a positive integer"), e.getMessage());
            }
        } finally {
            System.clearProperty(Devices.WORKERS_SETTING);
            ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
        }
    }
}
