package org.sealworkbench.seal.pretrain;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.tokenizer.PreTokenizer;

class PretrainSettingsTest {
    static PretrainSettings trailingSpace() {
        return new PretrainSettings(1, 500, new CorpusSpec(2, 2, 1, 1, 1, 100, 0), 2048, 4, 256, 8, 4, 688, 512, 4000, 4, 3e-3, 50,
                0.0, 1, 100, 0, "trailing-space", false);
    }

    @Test
    void thePreTokenizerIsSavedReadBackAndInTheReCreationCommand(@TempDir Path dir) throws Exception {
        trailingSpace().write(dir);
        PretrainSettings back = PretrainSettings.read(dir);
        assertEquals(trailingSpace(), back);
        assertEquals(PreTokenizer.TRAILING_SPACE, back.preTokenizerKind());
        assertTrue(ModelCard.command(back).endsWith(" --pre-tokenizer trailing-space"), ModelCard.command(back));
    }

    @Test
    void settingsWrittenBeforeTheChoiceExistedMeanByteLevelAndResumeAsBefore(@TempDir Path dir) throws Exception {
        trailingSpace().write(dir);
        String json = Files.readString(dir.resolve(PretrainSettings.FILE));
        Files.writeString(dir.resolve(PretrainSettings.FILE), json.replaceAll(",\\s*\"preTokenizer\": \"trailing-space\"", ""));
        PretrainSettings old = PretrainSettings.read(dir);
        assertEquals(PreTokenizer.BYTE_LEVEL, old.preTokenizerKind());
        assertFalse(ModelCard.command(old).contains("--pre-tokenizer"), ModelCard.command(old));
        assertNotEquals(trailingSpace(), old, "a different tokenizer is a different run, refused on resume");
    }

    @Test
    void anUnknownPreTokenizerIsRefusedNamingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PreTokenizer.byId("sentencepiece"));
        assertTrue(e.getMessage().contains("byte-level, trailing-space"), e.getMessage());
    }
}
