package org.sealworkbench.data.arc;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class GridTest {
    private static String error(int[][] cells) {
        return assertThrows(IllegalArgumentException.class, () -> Grid.of(cells)).getMessage();
    }

    private static int[][] filled(int rows, int cols) {
        return new int[rows][cols];
    }

    @Test
    void shapeMessages() {
        assertEquals("a grid needs at least one row", error(new int[0][]));
        assertEquals("a grid needs at least one row", error(null));
        assertEquals("row 0 of the grid is empty", error(new int[][] {{}}));
        assertEquals("row 2 has 1 cells, row 0 has 2 (a grid is a rectangle)", error(new int[][] {{1, 2}, {3, 4}, {5}}));
        assertEquals("row 1 has 0 cells, row 0 has 2 (a grid is a rectangle)", error(new int[][] {{1, 2}, null}));
    }

    @Test
    void sizeLimitIs30() {
        assertEquals(30, Grid.of(filled(30, 30)).height());
        assertEquals("the grid is 31 x 1; ARC grids have at most 30 rows and columns", error(filled(31, 1)));
        assertEquals("the grid is 2 x 31; ARC grids have at most 30 rows and columns", error(filled(2, 31)));
        Grid big = Grid.unbounded(filled(31, 40));
        assertEquals(40, big.width());
        assertFalse(big.fitsArc());
        assertTrue(Grid.of(filled(30, 30)).fitsArc());
    }

    @Test
    void colourMessages() {
        assertEquals("row 1, column 2 holds 10; ARC colours are 0-9", error(new int[][] {{0, 1, 2}, {3, 4, 10}}));
        assertEquals("row 0, column 0 holds -1; ARC colours are 0-9", error(new int[][] {{-1}}));
        assertEquals("row 0, column 1 holds 12; ARC colours are 0-9",
                assertThrows(IllegalArgumentException.class, () -> Grid.unbounded(new int[][] {{9, 12}})).getMessage());
    }

    @Test
    void immutableAndEqualByContent() {
        int[][] cells = {{1, 2}, {3, 4}};
        Grid g = Grid.of(cells);
        cells[0][0] = 9;
        assertEquals(1, g.at(0, 0));
        g.cells()[1][1] = 9;
        assertEquals(4, g.at(1, 1));
        assertEquals(Grid.of(new int[][] {{1, 2}, {3, 4}}), g);
        assertEquals(Grid.of(new int[][] {{1, 2}, {3, 4}}).hashCode(), g.hashCode());
        assertNotEquals(Grid.of(new int[][] {{1, 2, 3, 4}}), g);
        assertEquals("12\n34", g.toString());
    }
}
