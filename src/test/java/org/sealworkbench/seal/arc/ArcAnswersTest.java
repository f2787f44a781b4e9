package org.sealworkbench.seal.arc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealworkbench.seal.Ending;

/** A few-shot run's answers' endings as stored (schema step 12) and as the Few-shot window and History tell them. */
class ArcAnswersTest {
    private static final List<Ending.Stored> ENDINGS = List.of(new Ending.Stored("stop_string", null),
            new Ending.Stored("max_tokens", 48), new Ending.Stored("context", 512));

    @Test
    void endingsAreStoredAndReadBackBesideTheirAnswers() {
        String json = ArcAnswers.json(ENDINGS);
        assertEquals("[{\"finish\":\"stop_string\",\"limit\":null},{\"finish\":\"max_tokens\",\"limit\":48},"
                + "{\"finish\":\"context\",\"limit\":512}]", json);
        assertEquals(ENDINGS, ArcAnswers.parse(json, 3));
        assertEquals(List.of(), ArcAnswers.parse(json, 4), "not of these answers: not trusted");
        assertEquals(List.of(), ArcAnswers.parse(null, 3), "not recorded");
        assertEquals(List.of(), ArcAnswers.parse("{\"not\": \"an array\"}", 3), "not this build's form");
        assertEquals(null, ArcAnswers.json(List.of()), "none to store");
    }

    @Test
    void aCutAnswerSaysSoInItsHeaderAndTheTitleCountsThem() {
        List<Ending> told = ENDINGS.stream().map(Ending.Stored::ending).toList();
        assertEquals("""
                — answer 1 of 3 —
                1 2
                3 4

                — answer 2 of 3 · cut: token limit (48) —
                1 2
                3

                — answer 3 of 3 · cut: context full (512) —
                1""", ArcAnswers.numbered(List.of("1 2\n3 4\n", "1 2\n3", "1"), told));
        assertEquals("— answer 1 of 1 —\nx", ArcAnswers.numbered(List.of("x"), List.of()), "endings not recorded");
        assertEquals("What the model wrote: 3 answers, 1 read as grids, 2 cut short by a limit", ArcAnswers.title(3, 1, told));
        assertEquals("What the model wrote: 1 answer, 1 read as grids", ArcAnswers.title(1, 1, List.of()));
    }
}
