package org.sealworkbench.cli;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.sealworkbench.seal.Presets;
import picocli.CommandLine;

class SealOptionsTest {
    private static SealOptions parse(String... args) {
        EvalCommand eval = new EvalCommand();
        new CommandLine(eval).parseArgs(args);
        return eval.options;
    }

    @Test
    void innerRepeatsReplaceOnlyThePresetsRepeats() {
        var preset = Presets.sealTinyCpu();
        var plain = parse("--workspace", "w", "--condition", "passage-only", "--preset", "seal-tiny-cpu").settings();
        assertEquals(preset, plain);
        var one = parse("--workspace", "w", "--condition", "passage-only", "--preset", "seal-tiny-cpu", "--inner-repeats", "1").settings();
        assertEquals(1, one.innerLoop().repeats());
        assertEquals(preset.innerLoop().withRepeats(1), one.innerLoop());
        assertEquals(preset.innerLoop().learningRate(), one.innerLoop().learningRate());
        assertEquals(preset.rl(), one.rl());
        assertEquals(3, preset.innerLoop().repeats(), "the preset itself keeps SEAL's 3");
    }

    @Test
    void workersIsAnExecutionSettingOfEvalAndRlOutsideTheSettingsDigest() {
        EvalCommand plain = new EvalCommand(), three = new EvalCommand();
        new CommandLine(plain).parseArgs("--workspace", "w", "--condition", "passage-only");
        new CommandLine(three).parseArgs("--workspace", "w", "--condition", "passage-only", "--workers", "3");
        assertEquals(0, plain.request().workers(), "0 (automatic) unless told");
        assertEquals(3, three.request().workers());
        assertEquals(plain.request().settings().digest(), three.request().settings().digest());
        assertEquals(plain.request(), three.request().withWorkers(0), "nothing else differs");
        RlCommand rl = new RlCommand();
        new CommandLine(rl).parseArgs("--workspace", "w", "--workers", "2");
        assertEquals(2, rl.request().workers());
        EvalCommand zero = new EvalCommand();
        new CommandLine(zero).parseArgs("--workspace", "w", "--condition", "passage-only", "--workers", "0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, zero::request);
        assertTrue(e.getMessage().contains("--workers must be at least 1, got 0"), e.getMessage());
    }

    @Test
    void adapterBatchIsAnExecutionSettingOfEvalAndRlOutsideTheSettingsDigest() {
        EvalCommand plain = new EvalCommand(), four = new EvalCommand();
        new CommandLine(plain).parseArgs("--workspace", "w", "--condition", "passage-only");
        new CommandLine(four).parseArgs("--workspace", "w", "--condition", "passage-only", "--adapter-batch", "4");
        assertEquals(16, plain.request().adapterBatch(), "16 unless told");
        assertEquals(4, four.request().adapterBatch());
        assertEquals(plain.request().settings().digest(), four.request().settings().digest());
        assertEquals(plain.request(), four.request().withAdapterBatch(16), "nothing else differs");
        RlCommand rl = new RlCommand();
        new CommandLine(rl).parseArgs("--workspace", "w", "--adapter-batch", "1");
        assertEquals(1, rl.request().adapterBatch());
        EvalCommand zero = new EvalCommand();
        new CommandLine(zero).parseArgs("--workspace", "w", "--condition", "passage-only", "--adapter-batch", "0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, zero::request);
        assertTrue(e.getMessage().contains("--adapter-batch must be at least 1, got 0"), e.getMessage());
    }
}
