package org.sealworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sealworkbench.seal.SelfEditGenerator;
import picocli.CommandLine;

/** --generation-batch (eval, rl, self-edits): an execution setting for the process, outside the settings and their digest. */
class GenerationBatchOptionTest {
    private static SealOptions parse(String... args) {
        EvalCommand eval = new EvalCommand();
        new CommandLine(eval).parseArgs(args);
        return eval.options;
    }

    @Test
    void generationBatchIsAnExecutionSettingOutsideTheSettings() {
        String key = SelfEditGenerator.BATCH_PROPERTY;
        String before = System.getProperty(key);
        try {
            System.clearProperty(key);
            assertEquals(SelfEditGenerator.DEFAULT_PASSAGES_PER_BATCH, SelfEditGenerator.defaultPassagesPerBatch());
            var plain = parse("--workspace", "w", "--condition", "passage-only", "--preset", "seal-tiny-cpu").settings();
            var batched = parse("--workspace", "w", "--condition", "passage-only", "--preset", "seal-tiny-cpu",
                    "--generation-batch", "4").settings();
            assertEquals(plain.digest(), batched.digest());
            assertEquals(4, SelfEditGenerator.defaultPassagesPerBatch());
            CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                    () -> parse("--workspace", "w", "--condition", "passage-only", "--generation-batch", "0"));
            assertTrue(e.getMessage().contains("--generation-batch must be at least 1"), e.getMessage());
            System.setProperty(key, "many");
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, SelfEditGenerator::defaultPassagesPerBatch);
            assertTrue(bad.getMessage().contains(key) && bad.getMessage().contains("many"), bad.getMessage());
        } finally {
            if (before == null) System.clearProperty(key);
            else System.setProperty(key, before);
        }
    }
}
