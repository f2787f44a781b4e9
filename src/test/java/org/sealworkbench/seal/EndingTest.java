package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.sealworkbench.llm.generation.Generation;

/**
 * Why generated text ended, as the window tells it: a limit's cut in brief ("token limit (256)", "context full (512)": a
 * narrow column's status line, a tag beside an answer) and in the engine's whole sentence; nothing for an end the model
 * chose or one not recorded.
 */
class EndingTest {
    @Test
    void aLimitsCutIsToldBrieflyAndInWholeAndAnEndTheModelChoseIsNot() {
        assertEquals(new Ending("token limit (256)", "stopped: the new-token limit (256 tokens) is reached"), Ending.tokenLimit(256));
        assertEquals(new Ending("context full (512)", "stopped: the model's context (512 tokens) is full"), Ending.contextFull(512));
        assertEquals(Generation.tokenLimit(32), Ending.of("max_tokens", 32).sentence());
        assertEquals(Generation.contextFull(512), Ending.of("context", 512).sentence());
        assertEquals(Ending.NONE, Ending.of("eos", null));
        assertEquals(Ending.NONE, Ending.of("stop_string", null));
        assertEquals(Ending.NONE, Ending.of(null, null), "not recorded");
        assertFalse(Ending.NONE.cut());
        assertTrue(Ending.of("max_tokens", 32).cut());
        // a stored finish with the generation's two limits: the one that applies
        assertEquals(Ending.tokenLimit(40), Ending.of("max_tokens", 40, 512));
        assertEquals(Ending.contextFull(512), Ending.of("context", 40, 512));
        assertEquals(Ending.NONE, Ending.of("eos", 40, 512));
        // stored as the generation's finish, with the limit that cut it
        assertEquals("max_tokens", Ending.stored(Generation.Finish.MAX_TOKENS));
        assertEquals(32, Ending.limitOf(Generation.Finish.MAX_TOKENS, 32, 512));
        assertEquals(512, Ending.limitOf(Generation.Finish.CONTEXT, 32, 512));
        assertNull(Ending.limitOf(Generation.Finish.EOS, 32, 512));
    }
}
