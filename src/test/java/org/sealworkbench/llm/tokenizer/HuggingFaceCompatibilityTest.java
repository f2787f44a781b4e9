package org.sealworkbench.llm.tokenizer;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.app.Offline;
import org.sealworkbench.data.world.World;
import org.sealworkbench.data.world.WorldGenerator;
import org.sealworkbench.data.world.WorldSpec;
import org.sealworkbench.seal.pretrain.CorpusSpec;
import org.sealworkbench.seal.pretrain.WorldCorpus;

/** The written files load in DJL's Hugging Face tokenizer, which then encodes exactly as our encoder. */
class HuggingFaceCompatibilityTest {
    @TempDir
    static Path dir;
    @TempDir
    static Path wordsDir;
    static String corpus;
    static BpeModel model;
    static BpeModel words;

    @BeforeAll
    static void trainOnASmallWorld() throws IOException {
        Offline.enforce();
        World world = WorldGenerator.generate(WorldSpec.of(21, 120));
        corpus = WorldCorpus.text(WorldCorpus.build(world, CorpusSpec.DEFAULT));
        model = new BpeTrainer(700, List.of(WorldCorpus.SEPARATOR), 2).train(corpus);
        TokenizerFiles.write(model, dir, 1024);
        words = new BpeTrainer(700, List.of(WorldCorpus.SEPARATOR), 2, PreTokenizer.TRAILING_SPACE).train(corpus);
        TokenizerFiles.write(words, wordsDir, 1024);
    }

    static HuggingFaceTokenizer djl() throws IOException {
        return djl(dir);
    }

    static HuggingFaceTokenizer djl(Path dir) throws IOException {
        return HuggingFaceTokenizer.builder().optTokenizerPath(dir).optAddSpecialTokens(false).optTruncation(false)
                .optPadding(false).build();
    }

    static List<String> samples() {
        List<String> s = new ArrayList<>(List.of("Hello world", "  leading and trailing spaces   ",
                "The Orvane River is 214 kilometres long.\n\nIt flows  through   Velmar.\t(tab)",
                "Ünïcödé — “quotes” 日本語 🙂 emoji's we'll THEY'RE", "<|endoftext|>Question: x<|endoftext|>\n",
                "a\r\nb \u00a0c\u2003 d\u3000e", "numbers 12,400 and 1,234.5 and ½ and ٣", "\u0000\u0007 control", ""));
        // Slices of the corpus itself, cut anywhere (also inside words and separators).
        Random r = new Random(3);
        for (int i = 0; i < 40; i++) {
            int from = r.nextInt(corpus.length() - 400);
            s.add(corpus.substring(from, from + 1 + r.nextInt(399)));
        }
        // Random code points, including astral ones and odd whitespace.
        for (int i = 0; i < 20; i++) {
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < 30; j++) {
                int cp = switch (r.nextInt(4)) {
                    case 0 -> 32 + r.nextInt(95);
                    case 1 -> 0xA0 + r.nextInt(0x2F00);
                    case 2 -> 0x1F300 + r.nextInt(0x300);
                    default -> " \n\t\r\u2028\u00a0".charAt(r.nextInt(6));
                };
                b.appendCodePoint(cp);
            }
            s.add(b.toString());
        }
        return s;
    }

    @Test
    void djlEncodesLikeOurEncoderAndDecodesExactly() throws IOException {
        BpeTokenizer ours = new BpeTokenizer(model);
        try (HuggingFaceTokenizer hf = djl()) {
            for (String text : samples()) {
                Encoding e = hf.encode(text);
                long[] ids = e.getIds();
                long[] mine = Arrays.stream(ours.encode(text)).asLongStream().toArray();
                assertArrayEquals(mine, ids, "encodings differ for: " + text);
                assertEquals(text, hf.decode(ids, false), "DJL decode");
                assertEquals(text, ours.decode(ours.encode(text)), "our decode");
            }
        }
    }

    @Test
    void trailingSpacePreTokenizerLoadsInDjlEncodesAlikeAndKeepsANameTheSameAfterASpaceAndAtALineStart() throws IOException {
        BpeTokenizer ours = new BpeTokenizer(words);
        assertEquals(words, TokenizerFiles.read(wordsDir.resolve(TokenizerFiles.TOKENIZER_JSON)), "the scheme is read back");
        try (HuggingFaceTokenizer hf = djl(wordsDir)) {
            for (String text : samples()) {
                long[] ids = hf.encode(text).getIds();
                assertArrayEquals(Arrays.stream(ours.encode(text)).asLongStream().toArray(), ids, "encodings differ for: " + text);
                assertEquals(text, hf.decode(ids, false), "DJL decode");
            }
        }
        World world = WorldGenerator.generate(WorldSpec.of(21, 120));
        BpeTokenizer gpt2 = new BpeTokenizer(model);
        int gpt2Differs = 0;
        for (var e : world.entities()) {
            // A name then a word: at a line start and mid-sentence after a space, the name's and the word's tokens are the same.
            int[] atLineStart = ours.encode("\n" + e.title() + " is");
            int[] afterSpace = ours.encode("of " + e.title() + " is");
            assertEquals(ours.id("\u010a"), atLineStart[0], "the newline is a token of its own");
            assertArrayEquals(Arrays.copyOfRange(atLineStart, 1, atLineStart.length),
                    Arrays.copyOfRange(afterSpace, afterSpace.length - (atLineStart.length - 1), afterSpace.length), e.title());
            assertEquals(ours.id("ofĠ"), afterSpace[0], "the space ends the word before it");
            if (!pieces(gpt2, e.title()).equals(pieces(gpt2, " " + e.title()).replaceFirst("^Ġ", ""))) gpt2Differs++;
        }
        assertTrue(gpt2Differs > 0, "GPT-2's pre-tokenizer tokenizes some names differently after a space (else the test shows nothing)");
    }

    /** The tokens of {@code text} as strings joined by '|'. */
    static String pieces(BpeTokenizer t, String text) {
        StringBuilder b = new StringBuilder();
        for (int id : t.encode(text)) b.append(b.length() == 0 ? "" : "|").append(t.model().tokens().get(id));
        return b.toString();
    }

    @Test
    void endOfTextIsOneSpecialToken() throws IOException {
        try (HuggingFaceTokenizer hf = djl()) {
            assertArrayEquals(new long[] {0}, hf.encode(WorldCorpus.SEPARATOR).getIds());
            assertEquals("", hf.decode(new long[] {0}, true), "skipped as a special token");
        }
    }

    @Test
    void configNamesEosAndPadAndTheModelReadsBack() throws IOException {
        JsonObject cfg = JsonParser.parseString(Files.readString(dir.resolve(TokenizerFiles.TOKENIZER_CONFIG_JSON))).getAsJsonObject();
        assertEquals("<|endoftext|>", cfg.get("eos_token").getAsString());
        assertEquals("<|endoftext|>", cfg.get("pad_token").getAsString());
        assertTrue(cfg.get("bos_token").isJsonNull());
        assertEquals(1024, cfg.get("model_max_length").getAsInt());
        assertEquals("PreTrainedTokenizerFast", cfg.get("tokenizer_class").getAsString());
        JsonObject tok = JsonParser.parseString(Files.readString(dir.resolve(TokenizerFiles.TOKENIZER_JSON))).getAsJsonObject();
        assertEquals("ByteLevel", tok.getAsJsonObject("pre_tokenizer").get("type").getAsString());
        assertFalse(tok.getAsJsonObject("pre_tokenizer").get("add_prefix_space").getAsBoolean());
        assertEquals(700, tok.getAsJsonObject("model").getAsJsonObject("vocab").size());

        JsonObject map = JsonParser.parseString(Files.readString(dir.resolve(TokenizerFiles.SPECIAL_TOKENS_MAP_JSON))).getAsJsonObject();
        assertEquals("<|endoftext|>", map.get("eos_token").getAsString());
        assertEquals(model, TokenizerFiles.read(dir.resolve(TokenizerFiles.TOKENIZER_JSON)));
    }

    @Test
    void malformedTokenizerFilesAreRefusedNamingTheFile(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("tokenizer.json");
        Files.writeString(bad, "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}");
        IOException e = assertThrows(IOException.class, () -> TokenizerFiles.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ": malformed JSON"), e.getMessage());
        Files.writeString(bad, "{\"model\": {\"type\": \"WordPiece\"}}");
        e = assertThrows(IOException.class, () -> TokenizerFiles.read(bad));
        assertEquals(bad + ": model is not of type BPE", e.getMessage());
        Files.writeString(bad, "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": \"x\"}, \"merges\": []}}");
        e = assertThrows(IOException.class, () -> TokenizerFiles.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ": unexpected structure"), e.getMessage());
    }
}
