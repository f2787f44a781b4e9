package org.sealworkbench.data.arc;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.sealworkbench.data.DataFormatException;
import org.sealworkbench.data.JsonErrors;
import org.sealworkbench.data.StrictUtf8Reader;
import org.sealworkbench.util.Counts;
import org.sealworkbench.util.JsonSyntax;

/**
 * Reads ARC tasks strictly, in the three layouts they come in:
 * <ul>
 *   <li>a Kaggle-style challenges file, {@code {"<id>": {"train": [{"input", "output"}, ...], "test": [{"input"},
 *       ...]}, ...}}, with an optional solutions file {@code {"<id>": [grid, ...]}} (one output per test input, in
 *       order), as SEAL's few-shot code reads them;</li>
 *   <li>one task in a file of its own, as in fchollet's ARC repository: {@code {"train": [...], "test": [...]}},
 *       test outputs present or not; the task's name is the file's name without {@code .json};</li>
 *   <li>a folder of such files ({@code *.json}, by name).</li>
 * </ul>
 * A task with several test inputs becomes one {@link ArcTask} per test input, named {@code <id>-0},
 * {@code <id>-1}, ...; a task with one test input keeps its bare id. Tasks keep the order of the file.
 *
 * <p>Every problem throws a {@link DataFormatException} naming the file, the task, the pair and (in a grid) the
 * row and column, e.g. {@code tasks.json: task 44f52bb0: train pair 2 input: row 1, column 0 holds 12; ARC colours
 * are 0-9}. Pairs, rows and columns are counted from 0, as in the {@code -0}, {@code -1} names. Text must be
 * UTF-8 ({@link StrictUtf8Reader}); malformed JSON is described in our words with its line and column
 * ({@link JsonErrors}); an object with the same key twice (a task id given twice) is an error, not a silent
 * overwrite. Keys other than train/test and input/output are ignored.
 */
public final class ArcTaskReader {
    private ArcTaskReader() {}

    /** How deep a JSON value may nest; a challenges file needs 6 (task, train, pair, grid, row, cell). */

    /**
     * Reads {@code path}, whichever layout it is: a folder of single-task files; a file whose object has a
     * {@code "train"} or {@code "test"} key (one task); else a challenges file. {@code solutionsOrNull} goes only
     * with a challenges file.
     */
    public static List<ArcTask> read(Path path, Path solutionsOrNull) throws IOException {
        if (Files.isDirectory(path)) {
            if (solutionsOrNull != null) throw solutionsNotWanted(solutionsOrNull, path + " is a folder of single-task files");
            return readFolder(path);
        }
        String file = path.toString();
        JsonObject root = rootObject(path);
        if (isSingleTask(root)) {
            if (solutionsOrNull != null) throw solutionsNotWanted(solutionsOrNull, file + " is a single ARC task");
            return unique(tasks(file, taskName(path), root, null, null), file);
        }
        return challenges(file, root, solutionsOrNull);
    }

    /** Reads a Kaggle-style challenges file and, when given, its solutions file. */
    public static List<ArcTask> readChallenges(Path challenges, Path solutionsOrNull) throws IOException {
        String file = challenges.toString();
        JsonObject root = rootObject(challenges);
        if (isSingleTask(root)) {
            throw new DataFormatException(file + ": this is a single ARC task (its object has \"train\" and \"test\"),"
                    + " not a challenges file of tasks by id");
        }
        return challenges(file, root, solutionsOrNull);
    }

    /** Reads one task in a file of its own (fchollet's layout); the name is the file's name without .json. */
    public static List<ArcTask> readTaskFile(Path taskFile) throws IOException {
        String file = taskFile.toString();
        JsonObject root = rootObject(taskFile);
        if (!isSingleTask(root)) {
            throw new DataFormatException(file + ": expected a single ARC task, an object with \"train\" and \"test\";"
                    + " found an object without them (a challenges file of tasks by id?)");
        }
        return unique(tasks(file, taskName(taskFile), root, null, null), file);
    }

    /** Reads every {@code *.json} file of a folder (not its subfolders) as a single task, in the order of their names. */
    public static List<ArcTask> readFolder(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
        if (files.isEmpty()) throw new DataFormatException(folder + ": the folder holds no .json task files");
        List<ArcTask> all = new ArrayList<>();
        for (Path f : files) all.addAll(readTaskFile(f));
        return unique(all, folder.toString());
    }

    // ---------------------------------------------------------------------------------------------------------

    private static boolean isSingleTask(JsonObject root) {
        return root.has("train") || root.has("test");
    }

    private static String taskName(Path file) {
        String name = file.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }

    private static DataFormatException solutionsNotWanted(Path solutions, String why) {
        return new DataFormatException(solutions + ": a solutions file goes with a challenges file, but " + why
                + " (its test outputs, where known, are in the task itself)");
    }

    private static List<ArcTask> challenges(String file, JsonObject root, Path solutionsPath) throws IOException {
        Map<String, List<Grid>> solutions = solutionsPath == null ? null : solutions(solutionsPath, file, root);
        List<ArcTask> all = new ArrayList<>();
        for (Map.Entry<String, JsonElement> en : root.entrySet()) {
            String id = en.getKey();
            List<Grid> sol = solutions == null ? null : solutions.get(id);
            all.addAll(tasks(file, id, en.getValue(), sol, solutionsPath == null ? null : solutionsPath.toString()));
        }
        if (all.isEmpty()) throw new DataFormatException(file + ": the file holds no tasks (an empty object)");
        return unique(all, file);
    }

    /** The solutions by task id, checked against the challenges: the same ids, one output per test input. */
    private static Map<String, List<Grid>> solutions(Path path, String challengesFile, JsonObject challenges)
            throws IOException {
        String file = path.toString();
        JsonObject root = rootObject(path);
        Map<String, List<Grid>> out = new HashMap<>();
        for (Map.Entry<String, JsonElement> en : root.entrySet()) {
            String id = en.getKey();
            String where = file + ": task " + id;
            if (!challenges.has(id)) {
                throw new DataFormatException(where + ": not in the challenges file " + challengesFile);
            }
            JsonElement v = en.getValue();
            if (!v.isJsonArray()) {
                throw new DataFormatException(where + ": expected a list of output grids (one per test input), found "
                        + kind(v));
            }
            List<Grid> grids = new ArrayList<>();
            for (int i = 0; i < v.getAsJsonArray().size(); i++) {
                grids.add(grid(v.getAsJsonArray().get(i), where + ": output " + i));
            }
            JsonElement task = challenges.get(id);
            JsonElement test = task.isJsonObject() ? task.getAsJsonObject().get("test") : null;
            if (test != null && test.isJsonArray() && test.getAsJsonArray().size() != grids.size()) {
                int n = test.getAsJsonArray().size();
                throw new DataFormatException(where + ": " + Counts.of(grids.size(), "output") + ", but the challenges file "
                        + challengesFile + " gives the task " + Counts.of(n, "test input") + " (one output per test input)");
            }
            out.put(id, grids);
        }
        for (String id : challenges.keySet()) {
            if (!out.containsKey(id)) {
                throw new DataFormatException(file + ": no outputs for task " + id + " of the challenges file "
                        + challengesFile);
            }
        }
        return out;
    }

    /** One task object: one ArcTask per test input. {@code solutions}: the outputs from a solutions file, or null. */
    private static List<ArcTask> tasks(String file, String id, JsonElement e, List<Grid> solutions, String solutionsFile)
            throws DataFormatException {
        String where = file + ": task " + id;
        if (!e.isJsonObject()) {
            throw new DataFormatException(where + ": expected an object with \"train\" and \"test\", found " + kind(e));
        }
        JsonObject o = e.getAsJsonObject();
        JsonArray train = list(o, "train", where);
        if (train.isEmpty()) throw new DataFormatException(where + ": no train pairs (\"train\" is an empty list)");
        List<ArcExample> pairs = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            pairs.add(pair(train.get(i), where, "train pair " + i, true));
        }
        JsonArray test = list(o, "test", where);
        if (test.isEmpty()) throw new DataFormatException(where + ": no test input (\"test\" is an empty list)");
        List<ArcTask> out = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            ArcExample t = pair(test.get(i), where, "test pair " + i, false);
            if (solutions != null) {
                Grid s = solutions.get(i);
                if (t.hasOutput() && !t.output().equals(s)) {
                    throw new DataFormatException(solutionsFile + ": task " + id + ": output " + i + " differs from the"
                            + " output test pair " + i + " has in " + file);
                }
                t = new ArcExample(t.input(), s);
            }
            out.add(new ArcTask(test.size() == 1 ? id : id + "-" + i, pairs, t));
        }
        return out;
    }

    private static JsonArray list(JsonObject o, String key, String where) throws DataFormatException {
        JsonElement v = o.get(key);
        if (v == null) throw new DataFormatException(where + ": \"" + key + "\" is missing");
        if (!v.isJsonArray()) {
            throw new DataFormatException(where + ": \"" + key + "\": expected a list of pairs, found " + kind(v));
        }
        return v.getAsJsonArray();
    }

    private static ArcExample pair(JsonElement e, String where, String what, boolean needsOutput)
            throws DataFormatException {
        if (!e.isJsonObject()) {
            throw new DataFormatException(where + ": " + what + ": expected an object with \"input\""
                    + (needsOutput ? " and \"output\"" : "") + ", found " + kind(e));
        }
        JsonObject o = e.getAsJsonObject();
        JsonElement in = o.get("input");
        if (in == null || in.isJsonNull()) throw new DataFormatException(where + ": " + what + ": \"input\" is missing");
        Grid input = grid(in, where + ": " + what + " input");
        JsonElement out = o.get("output");
        if (out == null || out.isJsonNull()) {
            if (needsOutput) {
                throw new DataFormatException(where + ": " + what + ": \"output\" is missing (a train pair needs its output)");
            }
            return new ArcExample(input, null);
        }
        return new ArcExample(input, grid(out, where + ": " + what + " output"));
    }

    /** A grid: a list of rows, each a list of whole numbers; its shape and colours are checked by {@link Grid#of}. */
    private static Grid grid(JsonElement e, String where) throws DataFormatException {
        if (!e.isJsonArray()) {
            throw new DataFormatException(where + ": expected a grid (a list of rows, each a list of numbers 0-9), found "
                    + kind(e));
        }
        JsonArray rows = e.getAsJsonArray();
        int[][] cells = new int[rows.size()][];
        for (int r = 0; r < rows.size(); r++) {
            JsonElement row = rows.get(r);
            if (!row.isJsonArray()) {
                throw new DataFormatException(where + ": row " + r + " is " + shown(row) + ", not a list; a grid is a list"
                        + " of rows, each a list of numbers 0-9");
            }
            JsonArray a = row.getAsJsonArray();
            cells[r] = new int[a.size()];
            for (int c = 0; c < a.size(); c++) {
                cells[r][c] = cell(a.get(c), where, r, c);
            }
        }
        try {
            return Grid.of(cells);
        } catch (IllegalArgumentException ex) {
            throw new DataFormatException(where + ": " + ex.getMessage(), ex);
        }
    }

    /** A cell's whole number (out-of-range ones are left to Grid, or reported here beyond an int). */
    private static int cell(JsonElement v, String where, int r, int c) throws DataFormatException {
        String at = where + ": row " + r + ", column " + c + " holds ";
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
            throw new DataFormatException(at + shown(v) + "; ARC colours are the numbers 0-9");
        }
        BigDecimal d = v.getAsBigDecimal();
        String text = d.toString();
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            throw new DataFormatException(at + text + ", not a whole number; ARC colours are 0-9");
        }
        if (d.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0 || d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new DataFormatException(at + text + "; ARC colours are 0-9");
        }
        return d.intValueExact();
    }

    private static List<ArcTask> unique(List<ArcTask> tasks, String file) throws DataFormatException {
        Map<String, Integer> seen = new HashMap<>();
        for (ArcTask t : tasks) {
            if (seen.merge(t.name(), 1, Integer::sum) > 1) {
                throw new DataFormatException(file + ": two tasks are named " + t.name() + " (a task with several test"
                        + " inputs is read as <id>-0, <id>-1, ..., and another task has one of those names)");
            }
        }
        return tasks;
    }

    // ---------------------------------------------------------------------------------------------------------
    // JSON

    /** The file's one JSON value, which must be an object. */
    private static JsonObject rootObject(Path path) throws IOException {
        String file = path.toString();
        JsonElement root = parse(path);
        if (!root.isJsonObject()) {
            throw new DataFormatException(file + ": expected a JSON object (ARC tasks by id, one task's \"train\" and"
                    + " \"test\", or solutions by task id), found " + kind(root));
        }
        return root.getAsJsonObject();
    }

    private static JsonElement parse(Path path) throws IOException {
        String file = path.toString();
        String text;
        try (Reader r = StrictUtf8Reader.open(path)) {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[1 << 16];
            for (int n; (n = r.read(buf)) >= 0; ) sb.append(buf, 0, n);
            text = sb.toString();
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        if (text.isEmpty()) throw new DataFormatException(file + ": the file is empty");
        if (text.isBlank()) throw new DataFormatException(file + ": the file is empty (only white space)");
        JsonReader in = new JsonReader(new StringReader(text));
        try {
            JsonElement e = value(in);
            in.setStrictness(com.google.gson.Strictness.LENIENT); // only to look past the value
            if (in.peek() != JsonToken.END_DOCUMENT) {
                throw new DataFormatException(file + ": not valid JSON: unexpected content after "
                        + (e.isJsonObject() ? "the closing '}'" : e.isJsonArray() ? "the closing ']'" : "the JSON value")
                        + place(in));
            }
            return e;
        } catch (EOFException ex) {
            throw new DataFormatException(file + ": not valid JSON: truncated: the file ends before its JSON value does", ex);
        } catch (MalformedJsonException | IllegalStateException | NumberFormatException ex) {
            if (String.valueOf(ex.getMessage()).startsWith("Unterminated string")) {
                throw new DataFormatException(file + ": not valid JSON: truncated: the file ends inside a string", ex);
            }
            throw new DataFormatException(file + ": not valid JSON: "
                    + JsonErrors.describe(ex, JsonErrors.ofFile(file), true), ex);
        }
    }

    /**
     * One JSON value as a tree, strictly, refusing an object with the same key twice
     * ({@link JsonSyntax#elementUniqueKeys}): a task id given twice would lose a task without a word.
     */
    private static JsonElement value(JsonReader in) throws IOException {
        try {
            return JsonSyntax.elementUniqueKeys(in);
        } catch (JsonSyntax.DuplicateKey d) {
            throw new MalformedJsonException(d.getMessage()); // worded with its place below, as Gson's own errors
        }
    }

    /** Gson's " at line L column C path P", which {@link JsonErrors#describe} turns into "(line L, column C)". */
    private static String location(JsonReader in) {
        String s = in.toString();
        int at = s.indexOf(" at line ");
        return at < 0 ? "" : s.substring(at);
    }

    private static String place(JsonReader in) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" at line (\\d+) column (\\d+)").matcher(location(in));
        return m.find() ? " (line " + m.group(1) + ", column " + m.group(2) + ")" : "";
    }


    private static String kind(JsonElement e) {
        if (e == null || e.isJsonNull()) return "NULL";
        if (e.isJsonArray()) return "ARRAY";
        if (e.isJsonObject()) return "OBJECT";
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isNumber() ? "NUMBER" : p.isBoolean() ? "BOOLEAN" : "STRING";
    }

    /** A value as a message shows it: the string "3", a list, an object, true, null, 7. */
    private static String shown(JsonElement e) {
        if (e == null || e.isJsonNull()) return "null";
        if (e.isJsonArray()) return "a list";
        if (e.isJsonObject()) return "an object";
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isString()) {
            String s = p.getAsString();
            return "the string \"" + (s.length() > 20 ? s.substring(0, 20) + "..." : s) + "\"";
        }
        return p.getAsString();
    }
}
