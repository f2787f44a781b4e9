package org.sealworkbench.data.arc;

import java.util.Arrays;

/**
 * An ARC grid: a rectangle of 1 to 30 rows and columns of colours 0-9 (ARC's own limits). Immutable; equal by
 * content, so grids, examples and tasks can be deduplicated in sets as SEAL's test-time training data is.
 */
public final class Grid {
    /** ARC's largest side. */
    public static final int MAX_SIDE = 30;

    private final int[][] cells;

    private Grid(int[][] cells) {
        this.cells = cells;
    }

    /**
     * A grid of a copy of {@code cells}, checked: at least one row, rows of one length, sides of at most
     * {@link #MAX_SIDE} when {@code arcLimits}, colours 0-9.
     *
     * @throws IllegalArgumentException naming the first problem (row and column from 0)
     */
    public static Grid of(int[][] cells) {
        return check(cells, true);
    }

    /**
     * Like {@link #of} but without the 30-cell limit on the sides: augmentations (tiling, a higher resolution) make
     * bigger grids, which SEAL then drops (see {@link #fitsArc()}).
     */
    public static Grid unbounded(int[][] cells) {
        return check(cells, false);
    }

    private static Grid check(int[][] cells, boolean arcLimits) {
        if (cells == null || cells.length == 0) {
            throw new IllegalArgumentException("a grid needs at least one row");
        }
        int width = cells[0] == null ? 0 : cells[0].length;
        if (width == 0) {
            throw new IllegalArgumentException("row 0 of the grid is empty");
        }
        if (arcLimits && (cells.length > MAX_SIDE || width > MAX_SIDE)) {
            throw new IllegalArgumentException("the grid is " + cells.length + " x " + width
                    + "; ARC grids have at most " + MAX_SIDE + " rows and columns");
        }
        int[][] copy = new int[cells.length][];
        for (int r = 0; r < cells.length; r++) {
            if (cells[r] == null || cells[r].length != width) {
                throw new IllegalArgumentException("row " + r + " has " + (cells[r] == null ? 0 : cells[r].length)
                        + " cells, row 0 has " + width + " (a grid is a rectangle)");
            }
            for (int c = 0; c < width; c++) {
                int v = cells[r][c];
                if (v < 0 || v > 9) {
                    throw new IllegalArgumentException("row " + r + ", column " + c + " holds " + v
                            + "; ARC colours are 0-9");
                }
            }
            copy[r] = cells[r].clone();
        }
        return new Grid(copy);
    }

    public int height() {
        return cells.length;
    }

    public int width() {
        return cells[0].length;
    }

    public int at(int row, int col) {
        return cells[row][col];
    }

    /** A copy of the cells. */
    public int[][] cells() {
        int[][] copy = new int[cells.length][];
        for (int r = 0; r < cells.length; r++) {
            copy[r] = cells[r].clone();
        }
        return copy;
    }

    /** Whether both sides are within ARC's 30. */
    public boolean fitsArc() {
        return height() <= MAX_SIDE && width() <= MAX_SIDE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Grid g && Arrays.deepEquals(cells, g.cells);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(cells);
    }

    /** Rows of digits, one line each (for messages and the console, not a model's format). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int[] row : cells) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            for (int v : row) {
                sb.append(v);
            }
        }
        return sb.toString();
    }
}
