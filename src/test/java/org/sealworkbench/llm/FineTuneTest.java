package org.sealworkbench.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.io.RandomCheckpoint;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.tokenizer.Tokenizer;
import org.sealworkbench.llm.tokenizer.TokenizerFiles;
import org.sealworkbench.llm.training.FineTune;
import org.sealworkbench.llm.training.LossMask;
import org.sealworkbench.llm.training.LrSchedule;
import org.sealworkbench.llm.training.SftData;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.llm.training.TrainResult;
import org.sealworkbench.llm.training.TrainSettings;

/** The engine's one fine-tuning routine, weight reload and device name, on a tiny random Qwen2 checkpoint. */
class FineTuneTest {
    @TempDir static Path tmp;
    static Path base;
    static final int[] PROBE = {5, 17, 42, 99, 3, 120};

    @BeforeAll
    static void setUp() throws Exception {
        TestEngine.setUp();
        base = tmp.resolve("base");
        RandomCheckpoint.write(base, "qwen2", "tiny", 11, "F32", ComputeDevice.CPU);
    }

    private static List<SftExample> data() {
        return List.of(SftExample.plain(new int[] {1, 2, 3, 4, 5, 6, 7, 8}), SftExample.plain(new int[] {9, 8, 7, 6, 5, 4}));
    }

    private static TrainSettings settings() {
        return new TrainSettings(3, 1, 1, 5e-2, LrSchedule.Kind.CONSTANT, 0, 0.0, 1.0, LossMask.PADDING, true, 7);
    }

    private static LoraConfig lora() {
        return LoraConfig.of(4, 8, 0.0, LoraConfig.ALL_PROJECTIONS);
    }

    @Test
    void loraTrainsWithTheStepCallbackAndCloseLeavesTheBaseModelAsItWas() {
        try (LlamaModel m = LlamaModel.load(base, ComputeDevice.CPU)) {
            float[] before = m.logitsOf(PROBE);
            int[] steps = {0};
            float[] adapted;
            try (FineTune ft = FineTune.lora(m, "t", lora(), 7)) {
                assertTrue(ft.isLora());
                assertTrue(ft.trainableParameters() > 0 && ft.trainableParameters() < m.config().parameterCount());
                TrainResult r = ft.train(data(), settings(), 0, s -> steps[0]++, () -> false);
                assertEquals(6, r.stepsDone());
                assertEquals(6, steps[0], "the step callback hears every optimizer step");
                assertFalse(r.cancelled());
                adapted = m.logitsOf(PROBE);   // the adapter stays attached until close
            }
            assertFalse(java.util.Arrays.equals(before, adapted), "training changed what the adapted model computes");
            assertArrayEquals(before, m.logitsOf(PROBE), "close removed the adapter");
        }
    }

    @Test
    void aCancelledRunStopsBeforeItsFirstStep() {
        try (LlamaModel m = LlamaModel.load(base, ComputeDevice.CPU); FineTune ft = FineTune.lora(m, "c", lora(), 7)) {
            TrainResult r = ft.train(data(), settings(), 0, null, () -> true);
            assertTrue(r.cancelled());
            assertEquals(0, r.stepsDone());
        }
    }

    @Test
    void mergedAndSavedModelComputesWhatTheAdaptedModelDidAndReloadsInPlace() throws Exception {
        Path out = tmp.resolve("merged");
        float[] adapted, merged;
        try (LlamaModel m = LlamaModel.load(base, ComputeDevice.CPU); FineTune ft = FineTune.lora(m, "m", lora(), 3)) {
            ft.train(data(), settings(), 0, null, () -> false);
            adapted = m.logitsOf(PROBE);
            assertThrows(IllegalStateException.class, () -> ft.saveModel(out, base), "an unmerged adapter is saved as PEFT");
            ft.merge();
            merged = m.logitsOf(PROBE);
            ft.saveModel(out, base);
        }
        for (int i = 0; i < adapted.length; i++) assertEquals(adapted[i], merged[i], 1e-4, "logit " + i);
        for (String f : List.of("config.json", "model.safetensors")) assertTrue(Files.exists(out.resolve(f)), f);
        for (String f : TokenizerFiles.COMPANION_FILES) {
            if (Files.exists(base.resolve(f))) assertEquals(Files.readString(base.resolve(f)), Files.readString(out.resolve(f)), f);
        }
        assertFalse(Files.exists(tmp.resolve("merged.partial")), "the temporary folder was moved into place");
        try (LlamaModel saved = LlamaModel.load(out, ComputeDevice.CPU)) {
            assertArrayEquals(merged, saved.logitsOf(PROBE), "F32 weights round-trip exactly");
        }
        try (LlamaModel fresh = LlamaModel.load(base, ComputeDevice.CPU)) {
            fresh.reloadWeightsFrom(out);
            assertArrayEquals(merged, fresh.logitsOf(PROBE), "reload replaces every weight in place");
        }
        // an existing, non-empty folder is never overwritten
        try (LlamaModel m = LlamaModel.load(base, ComputeDevice.CPU)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> FineTune.saveModel(m, base, out));
            assertTrue(e.getMessage().startsWith(out.toString()) && e.getMessage().contains("not empty"), e.getMessage());
        }
    }

    @Test
    void peftSaveNeedsALoraAndFullFineTuningTrainsEveryWeight() throws Exception {
        try (LlamaModel m = LlamaModel.load(base, ComputeDevice.CPU); FineTune ft = FineTune.full(m)) {
            assertFalse(ft.isLora());
            assertEquals(m.config().parameterCount(), ft.trainableParameters());
            assertThrows(IllegalStateException.class, () -> ft.savePeft(tmp.resolve("x")));
            assertThrows(IllegalStateException.class, ft::merge);
        }
        Path adapter = tmp.resolve("peft");
        try (LlamaModel m = LlamaModel.load(base, ComputeDevice.CPU); FineTune ft = FineTune.lora(m, "default", lora(), 5)) {
            ft.train(data(), settings(), 0, null, () -> false);
            ft.savePeft(adapter);
        }
        assertTrue(Files.exists(adapter.resolve("adapter_config.json")) && Files.exists(adapter.resolve("adapter_model.safetensors")));
    }

    @Test
    void sftTokenizationMarksThePromptOnlyForCompletionOnlyLossAndAppendsTheGivenEos() {
        try (Tokenizer tok = Tokenizer.load(base)) {
            List<SftData.Record> recs = List.of(new SftData.Record("Question: what?", " An answer."));
            int[] p = tok.encode("Question: what?", true), c = tok.encode(" An answer.", false);
            SftExample withEos = SftData.tokenize(recs, tok, 1000, 7, true).get(0);
            assertEquals(p.length + c.length + 1, withEos.ids().length);
            assertEquals(7, withEos.ids()[withEos.ids().length - 1]);
            assertEquals(p.length, withEos.promptLength());
            SftExample plain = SftData.tokenize(recs, tok, 1000, null, false).get(0);
            assertEquals(p.length + c.length, plain.ids().length);
            assertEquals(0, plain.promptLength());
            // cut inside the prompt: nothing of the completion to learn under completion-only loss
            assertEquals(List.of(), SftData.tokenize(recs, tok, p.length, 7, true));
            assertEquals(p.length, SftData.tokenize(recs, tok, p.length, 7, false).get(0).ids().length);
        }
    }

    @Test
    void computeDeviceIsTheEnginesNameForCpuAndGpus() {
        assertEquals(Device.cpu(), ComputeDevice.CPU.toDjl());
        assertEquals(ComputeDevice.gpu(1), ComputeDevice.of(Device.gpu(1)));
        assertEquals(ComputeDevice.CPU, ComputeDevice.of(Device.cpu()));
        assertEquals("cpu()", ComputeDevice.CPU.toString());
        assertTrue(ComputeDevice.gpu(0).isGpu());
        assertThrows(IllegalArgumentException.class, () -> ComputeDevice.gpu(-1));
        assertThrows(IllegalArgumentException.class, () -> new ComputeDevice(ComputeDevice.Kind.CPU, 2));
    }
}
