package org.sealworkbench.seal.arc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sealworkbench.data.arc.ArcExample;
import org.sealworkbench.data.arc.ArcTask;
import org.sealworkbench.data.arc.Grid;

/**
 * How SEAL's few-shot setting writes an ARC task as text for the model (its "standard formatter"), and reads a
 * predicted grid back.
 *
 * <ol>
 *   <li>A grid is written as numpy prints an integer array, since SEAL's grid representer is {@code str(grid)} of a
 *       numpy array: {@code [[0 7 7]\n [7 7 7]]} (rows in brackets, cells apart by one space, a newline and a space
 *       between rows). ARC colours are one digit, so no column is padded.</li>
 *   <li>An example is {@code input -> } then {@code output#} (SEAL: io_sep " -> ", no headers, output footer "#").</li>
 *   <li>The task's message (SEAL's GPTTextMessageRepresenterV2): {@link #INSTRUCTION}, then
 *       {@link #PYTHON_ARRAYS}, then each demonstration's {@code input -> output#} and a newline; the query is the
 *       test input's {@code input -> }; the answer is {@code output#}.</li>
 *   <li>SEAL sends the message and the query as a chat (system, user) through Llama-3.2-Instruct's chat template.
 *       Our models are base models without a chat template, so {@link #prompt} joins them as plain text: the message,
 *       then the query. The answer is what the model continues with. (With an instruct model the tokens differ from
 *       SEAL's by the template's headers.)</li>
 *   <li>A predicted answer is read as SEAL reads it: drop every "#", collapse double spaces, remove brackets, split on
 *       white space into integers, the rows being the newlines plus one, the columns the cells over the rows. We are
 *       stricter in one way: the cells must fill the rows exactly and be 0-9, else there is no grid (SEAL's reshape
 *       fails in the first case and silently keeps an out-of-range colour in the second).</li>
 * </ol>
 */
public final class ArcFormat {
    /** SEAL's instruction, with its "{description}" left empty as SEAL's tasks have none. */
    public static final String INSTRUCTION = "Figure out the underlying transformation in the following examples and "
            + "apply it to the test case. Here are some examples from this transformation, your answer must follow "
            + "the format.\n";
    /** What SEAL's message says of a grid representer that prints python (numpy) arrays. */
    public static final String PYTHON_ARRAYS = "The input-output grids are provided as python arrays:\n";
    /** Between an input and its output. */
    public static final String IO_SEP = " -> ";
    /** After every output: where a predicted answer ends. */
    public static final String OUTPUT_END = "#";

    private ArcFormat() {
    }

    /** Step 1: a grid as numpy prints it. */
    public static String grid(Grid g) {
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < g.height(); r++) {
            if (r > 0) {
                sb.append("\n ");
            }
            sb.append('[');
            for (int c = 0; c < g.width(); c++) {
                if (c > 0) {
                    sb.append(' ');
                }
                sb.append(g.at(r, c));
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    /** Step 3: the task's message (SEAL's system message): the instruction and the demonstrations. */
    public static String message(ArcTask task) {
        StringBuilder sb = new StringBuilder(INSTRUCTION).append(PYTHON_ARRAYS);
        for (ArcExample e : task.train()) {
            sb.append(grid(e.input())).append(IO_SEP).append(grid(e.output())).append(OUTPUT_END).append('\n');
        }
        return sb.toString();
    }

    /** Step 3: the query (SEAL's user message): the test input and the separator. */
    public static String query(ArcTask task) {
        return grid(task.test().input()) + IO_SEP;
    }

    /** Step 4: the message and the query joined as plain text, for a model without a chat template. */
    public static String prompt(ArcTask task) {
        return message(task) + query(task);
    }

    /** Step 3: the answer the model should continue the prompt with: the test output and the end mark. */
    public static String answer(ArcTask task) {
        if (!task.test().hasOutput()) {
            throw new IllegalArgumentException("task " + task.name() + " has no test output to train on");
        }
        return grid(task.test().output()) + OUTPUT_END;
    }

    /** Step 5: the grid a predicted answer writes, or empty when it writes none. */
    public static Optional<Grid> parse(String predicted) {
        String text = predicted.replace(OUTPUT_END, "").replace("  ", " ").strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        int rows = (int) text.chars().filter(ch -> ch == '\n').count() + 1;
        String[] parts = text.replace("[", "").replace("]", "").strip().split("\\s+");
        List<Integer> cells = new ArrayList<>();
        for (String p : parts) {
            if (p.isEmpty()) {
                continue;
            }
            try {
                cells.add(Integer.parseInt(p));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        if (cells.isEmpty() || cells.size() % rows != 0) {
            return Optional.empty();
        }
        int cols = cells.size() / rows;
        int[][] g = new int[rows][cols];
        for (int i = 0; i < cells.size(); i++) {
            g[i / cols][i % cols] = cells.get(i);
        }
        try {
            return Optional.of(Grid.unbounded(g));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
