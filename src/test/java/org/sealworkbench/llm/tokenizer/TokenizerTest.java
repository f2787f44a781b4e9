package org.sealworkbench.llm.tokenizer;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.llm.io.CheckpointException;

import org.sealworkbench.llm.tokenizer.Tokenizer;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tokenizer over the hand-written WordLevel tokenizer.json in test resources: ids 0-5 are
 * &lt;unk&gt; &lt;s&gt; &lt;/s&gt; &lt;pad&gt; &lt;|im_start|&gt; &lt;|im_end|&gt;, then the=6 cat=7 sat=8 on=9 mat=10 ...
 */
class TokenizerTest {
    @TempDir Path tmp;

    static final String CHATML = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content']"
            + " + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    @BeforeAll
    static void offline() {
        TestEngine.setUp();
    }

    private Path folder(String name, String tokenizerConfig) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.copy(Path.of(getClass().getResource("/tiny-tokenizer/tokenizer.json").toURI()), dir.resolve("tokenizer.json"));
        if (tokenizerConfig != null) Files.writeString(dir.resolve("tokenizer_config.json"), tokenizerConfig);
        return dir;
    }

    @Test
    void encodesAndDecodesWithoutAddingSpecials() throws Exception {
        try (Tokenizer t = Tokenizer.load(folder("plain", null))) {
            assertArrayEquals(new int[] {6, 7, 8, 9, 6, 10, 19}, t.encode("The cat sat on the mat."));
            assertArrayEquals(new int[] {12, 0, 22}, t.encode("dog zebra!"));
            assertEquals("the cat sat", t.decode(new int[] {6, 7, 8}));
            assertEquals(38, t.size());
            assertNull(t.bosId());
            assertFalse(t.addsBos());
        }
    }

    @Test
    void decodeCleansUpSpacesWhenTheConfigSaysSo() throws Exception {
        int[] ids = {6, 7, 8, 20, 23, 24, 21}; // "the cat sat , is what ?"
        try (Tokenizer plain = Tokenizer.load(folder("noclean", "{\"clean_up_tokenization_spaces\": false}"));
             Tokenizer clean = Tokenizer.load(folder("clean", "{\"clean_up_tokenization_spaces\": true}"))) {
            assertEquals("the cat sat , is what ?", plain.decode(ids));
            assertEquals("the cat sat, is what?", clean.decode(ids));
        }
        assertEquals("I'm sure it's done, isn't it?", Tokenizer.cleanUpSpaces("I 'm sure it 's done , is n't it ?"));
    }

    @Test
    void neverTruncatesAt512() throws Exception {
        try (Tokenizer t = Tokenizer.load(folder("long", null))) {
            assertEquals(700, t.encode("the ".repeat(700)).length);
        }
    }

    @Test
    void truncationAndPaddingInTheFileAreSwitchedOff() throws Exception {
        Path dir = folder("preset", null);
        Files.writeString(dir.resolve("tokenizer.json"), Files.readString(dir.resolve("tokenizer.json"))
                .replace("\"truncation\": null", "\"truncation\": {\"direction\": \"Right\", \"max_length\": 4, \"strategy\": \"LongestFirst\", \"stride\": 0}")
                .replace("\"padding\": null", "\"padding\": {\"strategy\": {\"Fixed\": 16}, \"direction\": \"Right\", \"pad_to_multiple_of\": null,"
                        + " \"pad_id\": 3, \"pad_type_id\": 0, \"pad_token\": \"<pad>\"}"));
        try (Tokenizer t = Tokenizer.load(dir)) {
            assertArrayEquals(new int[] {6, 7, 8, 9, 6, 10}, t.encode("the cat sat on the mat"));
        }
    }

    @Test
    void specialTokensFromTheConfigAndBosWhenAsked() throws Exception {
        String cfg = "{\"add_bos_token\": true, \"bos_token\": \"<s>\", \"eos_token\": {\"content\": \"</s>\"}, \"pad_token\": \"<pad>\"}";
        try (Tokenizer t = Tokenizer.load(folder("bos", cfg))) {
            assertEquals(1, t.bosId());
            assertEquals(List.of(2), t.eosIds());
            assertEquals(3, t.padId());
            assertArrayEquals(new int[] {1, 17, 18}, t.encode("hello world"));
            assertArrayEquals(new int[] {17, 18}, t.encode("hello world", false));
            assertEquals("hello", t.decode(new int[] {1, 17, 2}));
            assertEquals("<s> hello </s>", t.decode(new int[] {1, 17, 2}, false));
            assertTrue(t.isSpecial(2));
        }
    }

    @Test
    void bosFromTheTokenizersPostProcessorWhenTheConfigIsSilent() throws Exception {
        Path dir = folder("llama3", "{\"bos_token\": \"<s>\", \"eos_token\": \"</s>\"}");
        String json = Files.readString(dir.resolve("tokenizer.json")).replace("\"post_processor\": null",
                "\"post_processor\": {\"type\": \"TemplateProcessing\", \"single\": [{\"SpecialToken\": {\"id\": \"<s>\", \"type_id\": 0}},"
                        + " {\"Sequence\": {\"id\": \"A\", \"type_id\": 0}}], \"pair\": [], \"special_tokens\": {}}");
        Files.writeString(dir.resolve("tokenizer.json"), json);
        try (Tokenizer t = Tokenizer.load(dir)) {
            assertTrue(t.addsBos());
            assertArrayEquals(new int[] {1, 6, 7}, t.encode("the cat")); // exactly one BOS
        }
    }

    @Test
    void chatTemplateRendersChatMl() throws Exception {
        String cfg = "{\"eos_token\": \"<|im_end|>\", \"chat_template\": " + com.google.gson.JsonParser.parseString('"' + CHATML.replace("\"", "\\\"") + '"') + "}";
        try (Tokenizer t = Tokenizer.load(folder("chat", cfg))) {
            assertTrue(t.hasChatTemplate());
            List<ChatMessage> msgs = List.of(ChatMessage.system("You are helpful"), ChatMessage.user("hello"));
            assertEquals("<|im_start|>system\nYou are helpful<|im_end|>\n<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n",
                    t.applyChatTemplate(msgs, true));
            assertEquals("<|im_start|>user\nhello<|im_end|>\n", t.applyChatTemplate(List.of(ChatMessage.user("hello")), false));
            assertArrayEquals(new int[] {4, 16, 33, 34, 35, 5, 4, 14, 17, 5, 4, 15}, t.encodeChat(msgs, true));
            assertEquals(List.of(5), t.eosIds());
        }
    }

    @Test
    void chatTemplateCanRejectAConversation() throws Exception {
        ChatTemplate t = new ChatTemplate("{% if messages[0]['role'] != 'user' %}{{ raise_exception('Conversation must start with user') }}"
                + "{% endif %}{{ bos_token }}{% for m in messages %}[{{ m['role'] }}] {{ m['content'] | trim }}\n{% endfor %}", "<s>", "</s>");
        assertEquals("<s>[user] hi\n[assistant] yo\n", t.render(List.of(ChatMessage.user("  hi "), ChatMessage.assistant("yo")), false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.render(List.of(ChatMessage.assistant("x")), false));
        assertTrue(e.getMessage().contains("Conversation must start with user"), e.getMessage());
    }

    @Test
    void templatesInTheStyleOfRealModels() {
        // whitespace control ({%- strips the newline before a tag, trim_blocks the one after it), loop
        // variables, attribute access, slicing, and the date helper; the output was worked out by hand
        String tpl = "{%- if messages[0].role == 'system' %}{%- set system = messages[0].content %}{%- set rest = messages[1:] %}"
                + "{%- else %}{%- set system = 'Be brief.' %}{%- set rest = messages %}{%- endif %}"
                + "{{- bos_token }}<|system|>{{ system }} (today: {{ strftime_now('%d %b %Y') | length }} chars)\n"
                + "{%- for m in rest %}\n<|{{ m.role }}|>{{ m.content | trim }}{% if loop.last and not add_generation_prompt %}{{ eos_token }}{% endif %}"
                + "{%- endfor %}\n{%- if add_generation_prompt %}\n<|assistant|>{%- endif %}";
        ChatTemplate t = new ChatTemplate(tpl, "<s>", "</s>");
        assertEquals("<s><|system|>Be brief. (today: 11 chars)<|user|>hi<|assistant|>", t.render(List.of(ChatMessage.user(" hi")), true));
        assertEquals("<s><|system|>S (today: 11 chars)<|user|>q<|assistant|>a</s>",
                t.render(List.of(ChatMessage.system("S"), ChatMessage.user("q"), ChatMessage.assistant("a")), false));
        assertEquals(java.time.LocalDate.now().getYear() + "", ChatTemplate.strftimeNow("%Y"));
        assertEquals("100%", ChatTemplate.strftimeNow("100%%"));
    }

    @Test
    void baseModelsHaveNoChatTemplate() throws Exception {
        try (Tokenizer t = Tokenizer.load(folder("base", "{}"))) {
            assertFalse(t.hasChatTemplate());
            assertThrows(IllegalStateException.class, () -> t.applyChatTemplate(List.of(ChatMessage.user("hi")), true));
        }
    }

    @Test
    void missingTokenizerFileIsNamed() {
        CheckpointException e = assertThrows(CheckpointException.class, () -> Tokenizer.load(tmp));
        assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
    }
}
