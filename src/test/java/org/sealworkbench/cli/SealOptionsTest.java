package org.sealworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
