package org.sealworkbench.seal.arc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sealworkbench.data.arc.ArcExample;
import org.sealworkbench.data.arc.ArcTask;
import org.sealworkbench.data.arc.Grid;

class ArcFormatTest {
    private static final Grid A = Grid.of(new int[][] {{0, 7, 7}, {7, 7, 7}});
    private static final Grid B = Grid.of(new int[][] {{1}, {2}});

    @Test
    void gridIsWrittenAsNumpyPrintsIt() {
        // str(np.array([[0, 7, 7], [7, 7, 7]])) in Python
        assertEquals("[[0 7 7]\n [7 7 7]]", ArcFormat.grid(A));
        assertEquals("[[1]\n [2]]", ArcFormat.grid(B));
        assertEquals("[[5]]", ArcFormat.grid(Grid.of(new int[][] {{5}})));
    }

    @Test
    void promptAndAnswerFollowSealsStandardFormatter() {
        ArcTask t = new ArcTask("t", List.of(new ArcExample(A, B), new ArcExample(B, A)), new ArcExample(B, B));
        String expected = ArcFormat.INSTRUCTION + ArcFormat.PYTHON_ARRAYS
                + "[[0 7 7]\n [7 7 7]] -> [[1]\n [2]]#\n"
                + "[[1]\n [2]] -> [[0 7 7]\n [7 7 7]]#\n"
                + "[[1]\n [2]] -> ";
        assertEquals(expected, ArcFormat.prompt(t));
        assertEquals(ArcFormat.message(t) + ArcFormat.query(t), ArcFormat.prompt(t));
        assertEquals("[[1]\n [2]]#", ArcFormat.answer(t));
        assertThrows(IllegalArgumentException.class,
                () -> ArcFormat.answer(new ArcTask("u", t.train(), new ArcExample(B, null))));
    }

    @Test
    void parseReadsWhatGridWrites() {
        for (Grid g : List.of(A, B, Grid.of(new int[][] {{9, 0, 1, 2}}))) {
            assertEquals(Optional.of(g), ArcFormat.parse(ArcFormat.grid(g) + "#"));
        }
        // SEAL collapses double spaces and drops the end mark; rows are the newlines plus one
        assertEquals(Optional.of(A), ArcFormat.parse("[[0  7 7]\n [7 7 7]]#"));
    }

    @Test
    void parseRefusesWhatIsNoGrid() {
        assertTrue(ArcFormat.parse("").isEmpty());
        assertTrue(ArcFormat.parse("#").isEmpty());
        assertTrue(ArcFormat.parse("[[1 2]\n [3]]").isEmpty(), "3 cells do not fill 2 rows");
        assertTrue(ArcFormat.parse("[[1 x]]").isEmpty());
        assertTrue(ArcFormat.parse("[[1 12]]").isEmpty(), "12 is no colour");
    }
}
