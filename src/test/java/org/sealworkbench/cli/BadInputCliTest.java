package org.sealworkbench.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.io.FloatTensor;
import org.sealworkbench.llm.io.SafeTensorsWriter;

/**
 * Bad input on the command line, as a user meets it (session 22's audit): each case's message names the file and says
 * the problem in words, where before it said something else (see each test), and nothing stored is lost.
 */
class BadInputCliTest {
    @TempDir
    Path tmp;

    private static final String PASSAGES = "[{\"title\": \"T\", \"context\": \"The lamp is green.\", "
            + "\"questions\": [{\"question\": \"What colour is the lamp?\", \"answer\": \"green\"}]}]";

    /** Was: "line 1: not UTF-8 text: invalid UTF-8 at byte offset 0 (0xFF)", and without a byte-order mark "record 1:
     * not valid JSON: unexpected character U+0000 (line 1, column 2)". */
    @Test
    void aUtf16FileIsSaidToBeUtf16WithOrWithoutItsByteOrderMark() throws Exception {
        String ws = tmp.resolve("ws").toString();
        assertEquals(0, CliTest.run("import", "sample-data/passages.json", "--workspace", ws).code());
        Path withBom = tmp.resolve("windows.json");
        Files.write(withBom, PASSAGES.getBytes(StandardCharsets.UTF_16)); // Java's UTF-16 writes the mark FE FF
        CliTest.Result r = CliTest.run("import", withBom.toString(), "--workspace", ws);
        assertEquals(1, r.code());
        assertEquals("seal import: " + withBom + ": not UTF-8 text: the file is UTF-16 (it starts with UTF-16's byte-order"
                + " mark 0xFE 0xFF); save it as UTF-8 (nothing imported)", r.err().strip());

        Path noBom = tmp.resolve("no-mark.json");
        Files.write(noBom, PASSAGES.getBytes(StandardCharsets.UTF_16LE));
        r = CliTest.run("import", noBom.toString(), "--workspace", ws);
        assertEquals(1, r.code());
        assertEquals("seal import: " + noBom + ": not UTF-8 text: the file is UTF-16 (a zero byte beside each character);"
                + " save it as UTF-8 (nothing imported)", r.err().strip());

        CliTest.Result info = CliTest.run("info", "--workspace", ws);
        assertTrue(info.out().matches("(?s).*passages\\s+12\\n.*questions\\s+55\\n.*"), "what was stored is all there: " + info.out());
    }

    /** Was: "config.json: head_dim must be positive and even, got 31" (a head_dim the file never gave). */
    @Test
    void aHiddenSizeThatTheHeadsDoNotDivideIsSaidSo() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("model"));
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                "special_tokens_map.json", "generation_config.json")) {
            Files.copy(Path.of("assets/models/seal-tiny").resolve(f), model.resolve(f));
        }
        String config = Files.readString(model.resolve("config.json"));
        Files.writeString(model.resolve("config.json"), config.replace("\"hidden_size\": 256", "\"hidden_size\": 250")
                .replaceAll("\\s*\"head_dim\": 32,", ""));
        CliTest.Result r = CliTest.run("generate", "--model", model.toString(), "--prompt", "Hi", "--max-new", "2");
        assertEquals(1, r.code());
        assertEquals("seal generate: " + model.resolve("config.json") + ": hidden_size (250) is not divisible by"
                + " num_attention_heads (8), and there is no head_dim to say how wide a head is", r.err().strip());
    }

    /** Was: "tensor ... has shape [4, 256], expected [8, 256]", without where the 8 came from. */
    @Test
    void anAdapterWhoseConfigGivesAnotherRankThanItsWeightsSaysWhichFileSaysWhat() throws Exception {
        Path adapter = Files.createDirectories(tmp.resolve("adapter"));
        Files.writeString(adapter.resolve("adapter_config.json"), "{\"peft_type\": \"LORA\", \"r\": 8, \"lora_alpha\": 16, "
                + "\"target_modules\": [\"q_proj\"], \"bias\": \"none\"}");
        Map<String, FloatTensor> w = new LinkedHashMap<>();
        String prefix = "base_model.model.model.layers.0.self_attn.q_proj.";
        w.put(prefix + "lora_A.weight", new FloatTensor(new long[] {4, 256}, new float[4 * 256]));
        w.put(prefix + "lora_B.weight", new FloatTensor(new long[] {256, 4}, new float[256 * 4]));
        SafeTensorsWriter.write(adapter.resolve("adapter_model.safetensors"), w, Map.of(), "F32");
        CliTest.Result r = CliTest.run("logits", "--model", "assets/models/seal-tiny", "--ids", "1,2", "--adapter",
                adapter.toString());
        assertEquals(1, r.code());
        assertEquals("seal logits: " + adapter.resolve("adapter_model.safetensors") + ": tensor \"" + prefix
                + "lora_A.weight\" has shape [4, 256], expected [8, 256] (its rank is 4 but adapter_config.json says r = 8:"
                + " the config and the weights are of different adapters)", r.err().strip());
    }

    /**
     * Was: an adapter_config.json naming [q_proj, v_proj] over weights for k_proj loaded silently by its weights (the
     * answer then came from an adapter its config does not describe). Now the command stops before reading a weight.
     */
    @Test
    void anAdapterWhoseTargetModulesDisagreeWithItsWeightsIsRefused() throws Exception {
        Path adapter = Files.createDirectories(tmp.resolve("adapter"));
        Files.writeString(adapter.resolve("adapter_config.json"), "{\"peft_type\": \"LORA\", \"r\": 4, \"lora_alpha\": 8, "
                + "\"target_modules\": [\"q_proj\", \"v_proj\"], \"bias\": \"none\"}");
        Map<String, FloatTensor> w = new LinkedHashMap<>();
        for (int layer = 0; layer < 4; layer++) {   // seal-tiny: 4 layers, hidden 256, k_proj 128 wide
            for (String proj : List.of("q_proj", "k_proj")) {
                String prefix = "base_model.model.model.layers." + layer + ".self_attn." + proj + ".";
                int out = proj.equals("q_proj") ? 256 : 128;
                w.put(prefix + "lora_A.weight", new FloatTensor(new long[] {4, 256}, new float[4 * 256]));
                w.put(prefix + "lora_B.weight", new FloatTensor(new long[] {out, 4}, new float[out * 4]));
            }
        }
        SafeTensorsWriter.write(adapter.resolve("adapter_model.safetensors"), w, Map.of(), "F32");
        CliTest.Result r = CliTest.run("generate", "--model", "assets/models/seal-tiny", "--prompt", "Hi", "--max-new", "2",
                "--adapter", adapter.toString());
        assertEquals(1, r.code());
        assertEquals("seal generate: " + adapter.resolve("adapter_config.json") + " names target_modules [q_proj, v_proj]"
                + " but adapter_model.safetensors holds weights for k_proj (layers 0-3), which they do not name and holds no"
                + " weights for v_proj (layers 0-3): the adapter is inconsistent (its config and its weights are of different"
                + " adapters, or the file was cut or edited)", r.err().strip());
        assertEquals("", r.out(), "nothing generated");
    }

    /**
     * Ctrl-C on `seal eval` with its output going to a file lost "cancelled; what was finished is stored, run the same
     * command again to resume" in 2 of 3 tries: the shutdown hook let the JVM halt as soon as the job had stopped, before
     * Main printed how it ended. The hook now also waits for that line (a few seconds at most).
     */
    @Test
    void theSignalHandlerWaitsUntilTheOutcomeIsPrinted() throws Exception {
        CancelOnInterrupt interrupt = new CancelOnInterrupt();
        Thread hook = new Thread(interrupt::onSignal);
        hook.start();
        long t0 = System.nanoTime();
        while (!interrupt.token().isCancelled() && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5)) Thread.sleep(5);
        assertTrue(interrupt.token().isCancelled(), "the signal cancels the job");
        interrupt.close(); // the job stopped and recorded itself as cancelled
        hook.join(500);
        assertTrue(hook.isAlive(), "the JVM may not halt yet: the outcome is not printed");
        CancelOnInterrupt.reported(); // what Main.run does after printing it
        hook.join(2000);
        assertFalse(hook.isAlive(), "printed: the handler returns and the JVM may halt");
    }
}
