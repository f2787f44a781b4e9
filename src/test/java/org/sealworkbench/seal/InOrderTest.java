package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reorder buffer that keeps self-edit ids independent of which worker was faster: pieces that end early wait for the
 * earlier ones, in every order of ending, and after a stop the ones that ended are released, in number order.
 */
class InOrderTest {
    @Test
    void piecesAreReleasedInNumberOrderWhateverOrderTheyEndIn() {
        int[][] orders = {{0, 1, 2, 3}, {3, 2, 1, 0}, {1, 0, 3, 2}, {2, 0, 3, 1}, {1, 3, 2, 0}};
        for (int[] order : orders) {
            List<String> out = new ArrayList<>();
            InOrder<String> q = new InOrder<>(4, (i, r) -> out.add(i + "=" + r));
            List<Integer> releasedAfter = new ArrayList<>();
            for (int i : order) {
                q.done(i, "b" + i);
                releasedAfter.add(q.released());
            }
            assertEquals(List.of("0=b0", "1=b1", "2=b2", "3=b3"), out, "ended in " + java.util.Arrays.toString(order));
            // a piece is released as soon as every piece before it has been, not later
            int expected = 0;
            boolean[] ended = new boolean[4];
            for (int k = 0; k < order.length; k++) {
                ended[order[k]] = true;
                while (expected < 4 && ended[expected]) expected++;
                assertEquals(expected, releasedAfter.get(k), "after " + (k + 1) + " of " + java.util.Arrays.toString(order));
            }
        }
    }

    @Test
    void afterAStopTheEndedPiecesAreReleasedInOrderAndTheMissingOnesSkipped() {
        List<Integer> out = new ArrayList<>();
        InOrder<String> q = new InOrder<>(5, (i, r) -> out.add(i));
        q.done(3, "c");
        q.done(1, "a");
        assertEquals(List.of(), out, "piece 0 never ended: both wait");
        assertEquals(2, q.releaseWaiting());
        assertEquals(List.of(1, 3), out);
        assertEquals(0, q.releaseWaiting(), "nothing twice");
    }

    @Test
    void aPieceEndingTwiceOrOutOfRangeIsRefused() {
        InOrder<String> q = new InOrder<>(2, (i, r) -> {});
        q.done(0, "a");
        assertThrows(IllegalArgumentException.class, () -> q.done(0, "again"));
        assertThrows(IllegalArgumentException.class, () -> q.done(2, "out"));
        q.done(1, "b");
        assertEquals(2, q.released());
    }
}
