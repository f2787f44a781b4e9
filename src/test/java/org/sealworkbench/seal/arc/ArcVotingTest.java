package org.sealworkbench.seal.arc;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealworkbench.data.arc.Grid;
import org.sealworkbench.seal.arc.ArcVoting.Attempts;
import org.sealworkbench.seal.arc.ArcVoting.Prediction;

class ArcVotingTest {
    static Grid g(int[][] c) {
        return Grid.of(c);
    }

    static final Grid A = g(new int[][] {{1, 1}, {2, 2}});
    static final Grid B = g(new int[][] {{1, 1}, {5, 5}});
    static final Grid C = g(new int[][] {{4, 4}, {3, 3}});
    static final Grid D = g(new int[][] {{6, 6}, {3, 3}});
    static final Grid WIDE = g(new int[][] {{7, 7, 7}});

    @Test
    void aClearMajorityIsFirstAndTheRunnerUpSecond() {
        assertEquals(new Attempts(A, B), ArcVoting.vote(List.of(B, A, WIDE, A, B, A)));
    }

    @Test
    void whenAllAgreeTheSecondFallsBackToTheRowMajorityWhichIsThatGrid() {
        assertEquals(List.of(A, A, A), ArcVoting.topThree(List.of(A, A, A)));
        assertEquals(new Attempts(A, A), ArcVoting.vote(List.of(A, A, A)));
    }

    @Test
    void rowAndColumnMajorityMayBuildANewGrid() {
        List<Grid> preds = List.of(A, B, C, D, WIDE);
        assertEquals(g(new int[][] {{1, 1}, {3, 3}}), ArcVoting.rowMajority(preds, false));
        Grid x = g(new int[][] {{1, 2}, {1, 2}});
        Grid y = g(new int[][] {{1, 5}, {1, 5}});
        Grid z = g(new int[][] {{4, 3}, {4, 3}});
        assertEquals(g(new int[][] {{1, 2}, {1, 2}}), ArcVoting.rowMajority(List.of(x, y, z), false), "first on a tie");
        assertEquals(g(new int[][] {{1, 2}, {1, 2}}), ArcVoting.rowMajority(List.of(x, y, z), true));
        assertEquals(g(new int[][] {{1, 5}, {1, 5}}), ArcVoting.rowMajority(List.of(z, x, y, y), true));
    }

    @Test
    void aTieIsBrokenByFirstAppearanceAndTheIdentityCountsDecideBetweenSecondAndThird() {
        assertEquals(List.of(A, B, C), ArcVoting.topThree(List.of(A, B, C, D)));
        // every grid once: candidates A, B, C twice each; 2 and 3 tie and the identity predictions do not prefer
        // B, so attempt 2 is C (SEAL's rule)
        assertEquals(new Attempts(A, C), ArcVoting.vote(List.of(A, B, C, D)));
        assertEquals(new Attempts(A, C), ArcVoting.vote(List.of(A, A, A, B, C)));
        // the identity predictions preferring B keep it
        assertEquals(new Attempts(A, B), ArcVoting.vote(List.of(A, A, A, B, B, C)));
    }

    @Test
    void categoriesAddTheirOwnTopThree() {
        // "all" alone ranks A first (A and C twice each, A seen first); the Transpose() category's own top three
        // (C three times) make C the candidates' first; A and D then tie and the identity predictions prefer A
        List<Prediction> preds = List.of(new Prediction(A, null), new Prediction(A, null), new Prediction(B, null),
                new Prediction(C, "Transpose()"), new Prediction(C, "Transpose()"), new Prediction(D, "Flip(1)"));
        assertEquals(List.of(A, C, B), ArcVoting.topThree(List.of(A, A, B, C, C, D)));
        assertEquals(new Attempts(C, A), ArcVoting.voteByCategory(preds));
        // grouping: "all" is the categories in first-seen order (A, C, B, D), so its top three is A, C, B; B alone
        // as identity adds B three times (four in all) and D alone as Transpose() three times, against A's three
        assertEquals(new Attempts(B, D), ArcVoting.voteByCategory(List.of(new Prediction(A, "Flip(0)"),
                new Prediction(B, null), new Prediction(C, "Flip(0)"), new Prediction(D, "Transpose()"))));
    }

    @Test
    void noPredictionsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ArcVoting.vote(List.of()));
    }
}
