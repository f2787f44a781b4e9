package org.sealworkbench.data.arc;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * An ARC task as SEAL's few-shot setting uses it: a few demonstration pairs ({@code train}, each with its output)
 * and one test pair whose output is the solution (null where unknown). {@code name} is the task's id (the key in a
 * challenges file, or a single-task file's name); a task with several test inputs is read as one task per test
 * input, named id-0, id-1, ..., as SEAL's reader does.
 */
public record ArcTask(String name, List<ArcExample> train, ArcExample test) {
    public ArcTask {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(test, "test");
        train = List.copyOf(train);
        if (train.isEmpty()) {
            throw new IllegalArgumentException("task " + name + " has no train pairs");
        }
        for (int i = 0; i < train.size(); i++) {
            if (!train.get(i).hasOutput()) {
                throw new IllegalArgumentException("task " + name + ": train pair " + i + " has no output");
            }
        }
    }

    /** Whether the test output (the solution) is known, so that a prediction can be scored. */
    public boolean hasSolution() {
        return test.hasOutput();
    }

    /** The largest height of any grid of the task (inputs and known outputs). */
    public int maxHeight() {
        return grids().mapToInt(Grid::height).max().orElse(0);
    }

    /** The largest width of any grid of the task (inputs and known outputs). */
    public int maxWidth() {
        return grids().mapToInt(Grid::width).max().orElse(0);
    }

    private Stream<Grid> grids() {
        return Stream.concat(train.stream(), Stream.of(test))
                .flatMap(e -> e.hasOutput() ? Stream.of(e.input(), e.output()) : Stream.of(e.input()));
    }
}
