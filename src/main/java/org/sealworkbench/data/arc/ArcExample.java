package org.sealworkbench.data.arc;

import java.util.Objects;

/** One input/output pair of an ARC task. A test example's output is null when the solution is not known. */
public record ArcExample(Grid input, Grid output) {
    public ArcExample {
        Objects.requireNonNull(input, "input");
    }

    public boolean hasOutput() {
        return output != null;
    }
}
