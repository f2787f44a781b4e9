package org.sealworkbench.llm.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.tokenizer.TokenizerFiles;

/**
 * Issue 20: the checkpoint's JSON files (config.json, tokenizer files, adapter_config.json) are read strictly,
 * and a malformed one is refused in our words with the file and the place, never Gson's "Use
 * JsonReader.setStrictness(Strictness.LENIENT)" hint. Hand-made inputs, one per way of being wrong.
 */
class StrictJsonTest {
    @TempDir
    Path tmp;

    private String error(String text) throws IOException {
        Path f = tmp.resolve("config.json");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Json.readObject(f));
        String m = e.getMessage();
        assertTrue(m.startsWith(f + ": "), m);
        assertFalse(m.contains("setStrictness") || m.contains("LENIENT") || m.contains("JsonReader"), m);
        return m;
    }

    @Test
    void unquotedTextIsAnUnexpectedCharacterWithItsPlace() throws IOException {
        String m = error("{\n  \"model_type\": llama\n}");
        assertTrue(m.contains("malformed JSON: unexpected character 'l'"), m);
        assertTrue(m.contains("line 2, column 17"), m);
    }

    @Test
    void singleQuotesAreRefused() throws IOException {
        String m = error("{'hidden_size': 64}");
        assertTrue(m.contains("unexpected character '''"), m);
        assertTrue(m.contains("line 1"), m);
    }

    @Test
    void aTruncatedFileSaysSo() throws IOException {
        assertTrue(error("{\"model_type\": \"lla").contains("truncated"), error("{\"model_type\": \"lla"));
        String m = error("{\"model_type\": \"llama\", ");
        assertTrue(m.contains("malformed JSON"), m);
    }

    @Test
    void textAfterTheValueIsRefused() throws IOException {
        String m = error("{\"hidden_size\": 64}\n}");
        assertTrue(m.contains("malformed JSON") && m.contains("line 2"), m);
    }

    @Test
    void nanAndCommentsAreNotJson() throws IOException {
        assertTrue(error("{\"rope_theta\": NaN}").contains("malformed JSON"));
        assertTrue(error("{// a comment\n\"hidden_size\": 64}").contains("malformed JSON"));
    }

    @Test
    void aFieldTwiceIsRefusedNamingIt() throws IOException {
        String m = error("{\"rope_scaling\": {\"factor\": 2.0, \"factor\": 4.0}}");
        assertTrue(m.contains("the field \"factor\" appears twice in the object at $.rope_scaling"), m);
        m = error("{\"hidden_size\": 64, \"hidden_size\": 128}");
        assertTrue(m.contains("\"hidden_size\" appears twice in the top-level object"), m);
    }

    @Test
    void aByteThatIsNotUtf8IsNamedWithItsOffset() throws IOException {
        Path f = tmp.resolve("config.json");
        byte[] bytes = "{\n\"name\": \"caf\u00e9 X\"}".getBytes(StandardCharsets.UTF_8);
        int x = new String(bytes, StandardCharsets.UTF_8).indexOf('X') + 1; // the é takes two bytes
        bytes[x] = (byte) 0xFF;
        Files.write(f, bytes);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Json.readObject(f));
        assertEquals(f + ": not UTF-8 text: byte 0xFF at byte offset " + x + " (line 2)", e.getMessage());
    }

    @Test
    void goodFilesStillRead() throws IOException {
        Path f = tmp.resolve("config.json");
        Files.writeString(f, "\uFEFF{\"a\": [1, 2.5, true, null, \"x\"], \"b\": {\"c\": -3e2}}");
        var o = Json.readObject(f);
        assertEquals(2.5, o.getAsJsonArray("a").get(1).getAsDouble());
        assertEquals(-300, o.getAsJsonObject("b").get("c").getAsInt());
        assertTrue(o.getAsJsonArray("a").get(3).isJsonNull());
    }

    @Test
    void sftTrainingDataSaysTheSameWordsWithItsLine() throws IOException {
        Path f = tmp.resolve("train.jsonl");
        Files.writeString(f, "{\"prompt\": \"a\", \"completion\": \"b\"}\n{\"prompt\": 'a', \"completion\": \"b\"}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> org.sealworkbench.llm.training.SftData.read(f));
        assertTrue(e.getMessage().startsWith(f + " line 2: malformed JSON: unexpected character '''"), e.getMessage());
        assertTrue(e.getMessage().contains("column 12"), e.getMessage());
        Files.write(f, new byte[]{'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, '"', '}', '\n'});
        e = assertThrows(IllegalArgumentException.class, () -> org.sealworkbench.llm.training.SftData.read(f));
        assertEquals(f + " line 1: not UTF-8 text (a byte that is not UTF-8)", e.getMessage());
    }

    @Test
    void adapterConfigAndTokenizerSayTheSameWords() throws IOException {
        Path dir = tmp.resolve("adapter");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("adapter_config.json"), "{\"r\": 8, peft_type: \"LORA\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoraConfig.read(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("adapter_config.json") + ": malformed JSON: unexpected character 'p'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("line 1, column 10"), e.getMessage());

        Path tok = tmp.resolve("tokenizer.json");
        Files.writeString(tok, "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0,}}}");
        IOException t = assertThrows(IOException.class, () -> TokenizerFiles.read(tok));
        assertTrue(t.getMessage().startsWith(tok + ": malformed JSON: "), t.getMessage());
        assertFalse(t.getMessage().contains("setStrictness"), t.getMessage());
    }
}
