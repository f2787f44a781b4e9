package org.sealworkbench.data.arc;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.DataFormatException;

class ArcTaskReaderTest {
    private static final Path ARC = Path.of("sample-data", "arc");
    private static final Path TRAIN_CHALLENGES = ARC.resolve("arc-agi_training_challenges_filtered_1B_training_set.json");
    private static final Path TRAIN_SOLUTIONS = ARC.resolve("arc-agi_training_solutions_filtered_1B_training_set.json");
    private static final Path EVAL_CHALLENGES = ARC.resolve("arc-agi_evaluation_challenges_filtered_1B_eval_set.json");
    private static final Path EVAL_SOLUTIONS = ARC.resolve("arc-agi_evaluation_solutions_filtered_1B_eval_set.json");

    /** A good pair / grid, for building bad files around one fault. */
    private static final String G = "[[1,2,3],[4,5,6]]";
    private static final String PAIR = "{\"input\":" + G + ",\"output\":[[0]]}";

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static List<String> names(List<ArcTask> tasks) {
        return tasks.stream().map(ArcTask::name).toList();
    }

    /** The message of the DataFormatException that {@code read} throws; it must name {@code file}. */
    private static String error(Path file, Executable read) {
        DataFormatException e = assertThrows(DataFormatException.class, read);
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        return e.getMessage();
    }

    private static void assertHas(String message, String part) {
        assertTrue(message.contains(part), () -> "expected \"" + part + "\" in: " + message);
    }

    // ---- the bundled sample files -------------------------------------------------------------------------

    @Test
    void sampleTrainingSetWithSolutions() throws IOException {
        List<ArcTask> tasks = ArcTaskReader.readChallenges(TRAIN_CHALLENGES, TRAIN_SOLUTIONS);
        // 12 task ids; 44f52bb0 has two test inputs, so 13 tasks, in the file's order.
        assertEquals(13, tasks.size());
        assertEquals(List.of("44f52bb0-0", "44f52bb0-1", "4be741c5", "5582e5ca", "5614dbcf", "5bd6f4ac", "6150a2bd",
                "67e8384a", "6d0aefbc", "6e02f1e3", "8be77c9e", "8d5021e8", "8e1813be"), names(tasks));
        assertTrue(tasks.stream().allMatch(ArcTask::hasSolution));
        ArcTask first = tasks.get(0);
        ArcTask second = tasks.get(1);
        assertEquals(6, first.train().size());
        assertEquals(first.train(), second.train());
        // By hand in the files: test 0 is [[2,0,2],[2,2,2],[2,0,2]] -> [[1]]; test 1 is [[0,0,0],[2,0,0],[2,0,0]] -> [[7]].
        assertEquals(Grid.of(new int[][] {{2, 0, 2}, {2, 2, 2}, {2, 0, 2}}), first.test().input());
        assertEquals(Grid.of(new int[][] {{1}}), first.test().output());
        assertEquals(Grid.of(new int[][] {{0, 0, 0}, {2, 0, 0}, {2, 0, 0}}), second.test().input());
        assertEquals(Grid.of(new int[][] {{7}}), second.test().output());
        assertEquals(Grid.of(new int[][] {{3, 2, 1, 8}}), tasks.get(2).test().output());
    }

    @Test
    void sampleEvaluationSetWithSolutions() throws IOException {
        List<ArcTask> tasks = ArcTaskReader.read(EVAL_CHALLENGES, EVAL_SOLUTIONS);
        // 10 task ids; b1fc8b8e has two test inputs.
        assertEquals(11, tasks.size());
        assertEquals(List.of("358ba94e", "59341089", "66e6c45b", "68b67ca3", "903d1b4a", "af24b4cc", "b1fc8b8e-0",
                "b1fc8b8e-1", "bc4146bd", "c7d4e6ad", "ce8d95cc"), names(tasks));
        Grid g = tasks.get(0).train().get(0).input();
        assertEquals(14, g.height());
        assertEquals(18, g.width());
        assertEquals(0, g.at(0, 0));
        assertEquals(7, g.at(1, 2));
        assertEquals(0, g.at(2, 5)); // the hole in the first square
        assertEquals(7, g.at(2, 4));
        ArcTask b1 = tasks.get(7);
        assertEquals("b1fc8b8e-1", b1.name());
        assertEquals(Grid.of(new int[][] {{0, 8, 0, 8, 0, 0}, {8, 8, 8, 8, 8, 0}, {0, 0, 0, 8, 8, 8}, {0, 0, 0, 0, 8, 8},
                {0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0}}), b1.test().input());
        assertEquals(Grid.of(new int[][] {{0, 8, 0, 0, 8}, {8, 8, 0, 8, 8}, {0, 0, 0, 0, 0}, {0, 8, 0, 0, 8},
                {8, 8, 0, 8, 8}}), b1.test().output());
        assertEquals(Grid.of(new int[][] {{8, 8, 0, 8, 8}, {8, 8, 0, 8, 8}, {0, 0, 0, 0, 0}, {8, 8, 0, 8, 8},
                {8, 8, 0, 8, 8}}), tasks.get(6).test().output());
    }

    @Test
    void challengesWithoutSolutionsHaveNoTestOutputs() throws IOException {
        List<ArcTask> tasks = ArcTaskReader.read(TRAIN_CHALLENGES, null);
        assertEquals(13, tasks.size());
        assertTrue(tasks.stream().noneMatch(ArcTask::hasSolution));
        assertEquals(names(ArcTaskReader.readChallenges(TRAIN_CHALLENGES, TRAIN_SOLUTIONS)), names(tasks));
        assertEquals(10 + 1, ArcTaskReader.readChallenges(EVAL_CHALLENGES, null).size());
    }

    // ---- the other layouts ------------------------------------------------------------------------------

    @Test
    void singleTaskFileWithAndWithoutTestOutput() throws IOException {
        Path solved = write("0a1b2c3d.json", "{\"train\":[" + PAIR + ",{\"input\":[[5]],\"output\":[[6]]}],"
                + "\"test\":[{\"input\":[[7,7]],\"output\":[[8],[9]]}]}");
        List<ArcTask> tasks = ArcTaskReader.readTaskFile(solved);
        assertEquals(List.of("0a1b2c3d"), names(tasks));
        ArcTask t = tasks.get(0);
        assertEquals(2, t.train().size());
        assertEquals(Grid.of(new int[][] {{1, 2, 3}, {4, 5, 6}}), t.train().get(0).input());
        assertEquals(Grid.of(new int[][] {{6}}), t.train().get(1).output());
        assertEquals(Grid.of(new int[][] {{8}, {9}}), t.test().output());
        assertEquals(tasks, ArcTaskReader.read(solved, null));

        Path open = write("open.json", "{\"test\":[{\"input\":[[7]]}],\"train\":[" + PAIR + "]}");
        ArcTask o = ArcTaskReader.read(open, null).get(0);
        assertEquals("open", o.name());
        assertFalse(o.hasSolution());
        assertEquals(Grid.of(new int[][] {{7}}), o.test().input());
    }

    @Test
    void singleTaskFileWithSeveralTestInputs() throws IOException {
        Path f = write("multi.json", "{\"train\":[" + PAIR + "],\"test\":[{\"input\":[[1]],\"output\":[[2]]},"
                + "{\"input\":[[3]]},{\"input\":[[4]],\"output\":[[5]]}]}");
        List<ArcTask> tasks = ArcTaskReader.read(f, null);
        assertEquals(List.of("multi-0", "multi-1", "multi-2"), names(tasks));
        assertEquals(Grid.of(new int[][] {{2}}), tasks.get(0).test().output());
        assertFalse(tasks.get(1).hasSolution());
        assertEquals(Grid.of(new int[][] {{4}}), tasks.get(2).test().input());
        assertEquals(Grid.of(new int[][] {{5}}), tasks.get(2).test().output());
    }

    @Test
    void folderOfTaskFilesInNameOrder() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("tasks"));
        Files.writeString(dir.resolve("bbb.json"), "{\"train\":[" + PAIR + "],\"test\":[{\"input\":[[2]]}]}");
        Files.writeString(dir.resolve("aaa.json"), "{\"train\":[" + PAIR + "],\"test\":[{\"input\":[[1]]},{\"input\":[[3]]}]}");
        Files.writeString(dir.resolve("notes.txt"), "not a task");
        Files.createDirectory(dir.resolve("sub.json"));
        List<ArcTask> tasks = ArcTaskReader.read(dir, null);
        assertEquals(List.of("aaa-0", "aaa-1", "bbb"), names(tasks));
        assertEquals(Grid.of(new int[][] {{3}}), tasks.get(1).test().input());
        assertEquals(tasks, ArcTaskReader.readFolder(dir));

        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertHas(error(empty, () -> ArcTaskReader.read(empty, null)), "no .json task files");
        Path sol = write("sol.json", "{}");
        assertHas(error(sol, () -> ArcTaskReader.read(dir, sol)), "a solutions file goes with a challenges file");
    }

    @Test
    void solutionsGoToTheirTestInputsInOrder() throws IOException {
        Path c = write("c.json", "{\"bb\":{\"train\":[" + PAIR + "],\"test\":[{\"input\":[[1]]},{\"input\":[[2]]}]},"
                + "\"aa\":{\"train\":[" + PAIR + "],\"test\":[{\"input\":[[3]]}]}}");
        Path s = write("s.json", "{\"aa\":[[[9]]],\"bb\":[[[4,4]],[[5],[5]]]}");
        List<ArcTask> tasks = ArcTaskReader.read(c, s);
        assertEquals(List.of("bb-0", "bb-1", "aa"), names(tasks));
        assertEquals(Grid.of(new int[][] {{1}}), tasks.get(0).test().input());
        assertEquals(Grid.of(new int[][] {{4, 4}}), tasks.get(0).test().output());
        assertEquals(Grid.of(new int[][] {{2}}), tasks.get(1).test().input());
        assertEquals(Grid.of(new int[][] {{5}, {5}}), tasks.get(1).test().output());
        assertEquals(Grid.of(new int[][] {{9}}), tasks.get(2).test().output());
    }

    @Test
    void wholeNumbersWrittenWithAPointAreColours() throws IOException {
        Path f = write("t.json", "{\"train\":[{\"input\":[[1.0,2]],\"output\":[[0e3]]}],\"test\":[{\"input\":[[3]]}]}");
        assertEquals(Grid.of(new int[][] {{1, 2}}), ArcTaskReader.read(f, null).get(0).train().get(0).input());
    }

    // ---- bad inputs: each names the file and the problem ------------------------------------------------

    private String challengeError(String json) throws IOException {
        Path f = write("bad.json", json);
        return error(f, () -> ArcTaskReader.read(f, null));
    }

    /** A challenges file with one task "t" whose train pairs are {@code pairs}. */
    private String trainError(String pairs) throws IOException {
        return challengeError("{\"t\":{\"train\":[" + pairs + "],\"test\":[{\"input\":[[0]]}]}}");
    }

    @Test
    void notJson() throws IOException {
        String m = challengeError("{\"t\": {\"train\": x}}");
        assertHas(m, "not valid JSON: unexpected character 'x'");
        assertHas(m, "(line 1, column 17)");
        assertHas(challengeError("{\"t\": {\"train\": [}}"), "not valid JSON");
        assertHas(challengeError("{\"t\": {\"train\": ["), "not valid JSON: truncated");
        assertHas(challengeError("{\"t\": \"abc"), "not valid JSON: truncated: the file ends inside a string");
        assertHas(challengeError("{\"t\":{\"train\":[" + PAIR + "],\"test\":[{\"input\":[[0]]}]}} {"),
                "not valid JSON: unexpected content after the closing '}'");
        assertHas(challengeError("{'t': 1}"), "not valid JSON: unexpected character");
    }

    @Test
    void emptyFile() throws IOException {
        assertEquals(tmp.resolve("bad.json") + ": the file is empty", challengeError(""));
        assertHas(challengeError(" \n\t"), "the file is empty (only white space)");
    }

    @Test
    void notUtf8() throws IOException {
        Path f = tmp.resolve("latin1.json");
        Files.write(f, "{\"t\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertHas(error(f, () -> ArcTaskReader.read(f, null)), "not UTF-8 text");
    }

    @Test
    void wrongTypes() throws IOException {
        assertHas(challengeError("[1, 2]"), "expected a JSON object");
        assertHas(challengeError("{\"t\": []}"), "task t: expected an object with \"train\" and \"test\", found ARRAY");
        assertHas(challengeError("{\"t\": {\"train\": {}, \"test\": []}}"),
                "task t: \"train\": expected a list of pairs, found OBJECT");
        assertHas(trainError("7"), "task t: train pair 0: expected an object with \"input\" and \"output\", found NUMBER");
        assertHas(trainError("{\"input\": {\"a\": 1}, \"output\": [[0]]}"),
                "task t: train pair 0 input: expected a grid (a list of rows, each a list of numbers 0-9), found OBJECT");
        assertHas(challengeError("{\"t\": {\"train\": [" + PAIR + "], \"test\": [{\"output\": [[1]]}]}}"),
                "task t: test pair 0: \"input\" is missing");
        assertHas(challengeError("{}"), "the file holds no tasks");
    }

    @Test
    void gridNotAListOfLists() throws IOException {
        assertHas(trainError(PAIR + "," + PAIR + ",{\"input\":[1,2,3],\"output\":[[0]]}"),
                "task t: train pair 2 input: row 0 is 1, not a list; a grid is a list of rows");
        assertHas(trainError("{\"input\":" + G + ",\"output\":[[0],{}]}"), "task t: train pair 0 output: row 1 is an object, not a list");
    }

    @Test
    void raggedGrid() throws IOException {
        assertHas(trainError(PAIR + "," + PAIR + ",{\"input\":[[1,2,3],[4,5]],\"output\":[[0]]}"),
                "task t: train pair 2 input: row 1 has 2 cells, row 0 has 3 (a grid is a rectangle)");
        assertHas(trainError("{\"input\":[],\"output\":[[0]]}"), "task t: train pair 0 input: a grid needs at least one row");
        assertHas(trainError("{\"input\":[[]],\"output\":[[0]]}"), "task t: train pair 0 input: row 0 of the grid is empty");
    }

    @Test
    void colourOutOfRange() throws IOException {
        assertHas(trainError(PAIR + "," + PAIR + ",{\"input\":[[1,2],[12,3]],\"output\":[[0]]}"),
                "task t: train pair 2 input: row 1, column 0 holds 12; ARC colours are 0-9");
        assertHas(trainError("{\"input\":[[0,-1]],\"output\":[[0]]}"), "row 0, column 1 holds -1; ARC colours are 0-9");
        assertHas(trainError("{\"input\":[[0,1e12]],\"output\":[[0]]}"), "row 0, column 1 holds 1E+12; ARC colours are 0-9");
    }

    @Test
    void cellsThatAreNotWholeNumbers() throws IOException {
        assertHas(trainError("{\"input\":[[0,1.5]],\"output\":[[0]]}"),
                "task t: train pair 0 input: row 0, column 1 holds 1.5, not a whole number; ARC colours are 0-9");
        assertHas(trainError("{\"input\":[[0,1],[\"3\",2]],\"output\":[[0]]}"),
                "task t: train pair 0 input: row 1, column 0 holds the string \"3\"; ARC colours are the numbers 0-9");
        assertHas(trainError("{\"input\":[[null]],\"output\":[[0]]}"), "row 0, column 0 holds null");
        assertHas(trainError("{\"input\":[[true]],\"output\":[[0]]}"), "row 0, column 0 holds true");
        assertHas(trainError("{\"input\":[[[1]]],\"output\":[[0]]}"), "row 0, column 0 holds a list");
    }

    @Test
    void gridOver30() throws IOException {
        String row31 = "[" + "0,".repeat(30) + "0]";
        String rows31 = "[" + (row31 + ",").repeat(30) + row31 + "]";
        assertHas(trainError("{\"input\":" + G + ",\"output\":" + rows31 + "}"),
                "task t: train pair 0 output: the grid is 31 x 31; ARC grids have at most 30 rows and columns");
        String row30 = "[" + "0,".repeat(29) + "0]";
        String tall = "[" + (row30 + ",").repeat(30) + row30 + "]";
        assertHas(trainError("{\"input\":" + tall + ",\"output\":[[0]]}"), "the grid is 31 x 30");
        // 30 x 30 is allowed.
        Path ok = write("ok.json", "{\"train\":[{\"input\":[" + (row30 + ",").repeat(29) + row30 + "],\"output\":[[0]]}],"
                + "\"test\":[{\"input\":[[0]]}]}");
        assertEquals(30, ArcTaskReader.read(ok, null).get(0).train().get(0).input().height());
    }

    @Test
    void taskWithoutTrainPairsOrTestInputs() throws IOException {
        assertHas(challengeError("{\"t\":{\"train\":[],\"test\":[{\"input\":[[0]]}]}}"),
                "task t: no train pairs (\"train\" is an empty list)");
        assertHas(challengeError("{\"t\":{\"test\":[{\"input\":[[0]]}]}}"), "task t: \"train\" is missing");
        assertHas(trainError("{\"input\":[[0]]}"), "task t: train pair 0: \"output\" is missing");
        assertHas(trainError("{\"input\":[[0]],\"output\":null}"), "task t: train pair 0: \"output\" is missing");
        assertHas(challengeError("{\"t\":{\"train\":[" + PAIR + "],\"test\":[]}}"), "task t: no test input");
        assertHas(challengeError("{\"t\":{\"train\":[" + PAIR + "]}}"), "task t: \"test\" is missing");
        Path single = write("lone.json", "{\"train\":[]}");
        assertHas(error(single, () -> ArcTaskReader.read(single, null)), "task lone: no train pairs");
    }

    private Path twoTasks() throws IOException {
        return write("c.json", "{\"t\":{\"train\":[" + PAIR + "],\"test\":[{\"input\":[[1]]},{\"input\":[[2]]}]},"
                + "\"u\":{\"train\":[" + PAIR + "],\"test\":[{\"input\":[[3]]}]}}");
    }

    @Test
    void solutionsMissingATask() throws IOException {
        Path c = twoTasks();
        Path s = write("s.json", "{\"t\":[[[1]],[[2]]]}");
        assertEquals(s + ": no outputs for task u of the challenges file " + c, error(s, () -> ArcTaskReader.read(c, s)).strip());
    }

    @Test
    void solutionsWithTheWrongNumberOfOutputs() throws IOException {
        Path c = twoTasks();
        Path s = write("s.json", "{\"t\":[[[1]]],\"u\":[[[3]]]}");
        assertHas(error(s, () -> ArcTaskReader.readChallenges(c, s)),
                "task t: 1 output, but the challenges file " + c + " gives the task 2 test inputs");
        Path s3 = write("s3.json", "{\"t\":[[[1]],[[2]]],\"u\":[[[3]],[[4]]]}");
        assertHas(error(s3, () -> ArcTaskReader.readChallenges(c, s3)), "task u: 2 outputs, but");
    }

    @Test
    void solutionIdNotInTheChallenges() throws IOException {
        Path c = twoTasks();
        Path s = write("s.json", "{\"t\":[[[1]],[[2]]],\"u\":[[[3]]],\"zzz\":[[[0]]]}");
        assertHas(error(s, () -> ArcTaskReader.read(c, s)), "task zzz: not in the challenges file " + c);
    }

    @Test
    void badSolutionsFile() throws IOException {
        Path c = twoTasks();
        Path empty = write("empty.json", "");
        assertHas(error(empty, () -> ArcTaskReader.read(c, empty)), "the file is empty");
        Path notList = write("s.json", "{\"t\":[[[1]],[[2]]],\"u\":{\"a\":1}}");
        assertHas(error(notList, () -> ArcTaskReader.read(c, notList)),
                "task u: expected a list of output grids (one per test input), found OBJECT");
        Path badGrid = write("s2.json", "{\"t\":[[[1]],[[2,\"x\"]]],\"u\":[[[3]]]}");
        assertHas(error(badGrid, () -> ArcTaskReader.read(c, badGrid)),
                "task t: output 1: row 0, column 1 holds the string \"x\"");
        Path single = write("single.json", "{\"train\":[" + PAIR + "],\"test\":[{\"input\":[[0]]}]}");
        assertHas(error(notList, () -> ArcTaskReader.read(single, notList)), "a solutions file goes with a challenges file");
    }

    @Test
    void solutionDisagreesWithAnOutputInTheChallenges() throws IOException {
        Path c = write("c.json", "{\"t\":{\"train\":[" + PAIR + "],\"test\":[{\"input\":[[1]],\"output\":[[5]]}]}}");
        Path same = write("same.json", "{\"t\":[[[5]]]}");
        assertEquals(Grid.of(new int[][] {{5}}), ArcTaskReader.read(c, same).get(0).test().output());
        Path other = write("other.json", "{\"t\":[[[6]]]}");
        assertHas(error(other, () -> ArcTaskReader.read(c, other)), "task t: output 0 differs from the output test pair 0 has in " + c);
    }

    @Test
    void taskIdGivenTwice() throws IOException {
        String m = challengeError("{\"t\":{\"train\":[" + PAIR + "],\"test\":[{\"input\":[[0]]}]},\n"
                + "\"t\":{\"train\":[" + PAIR + "],\"test\":[{\"input\":[[1]]}]}}");
        assertHas(m, "not valid JSON: the key \"t\" appears twice in one object (line 2");
    }

    @Test
    void taskNamesThatCollide() throws IOException {
        assertHas(challengeError("{\"a\":{\"train\":[" + PAIR + "],\"test\":[{\"input\":[[0]]},{\"input\":[[1]]}]},"
                + "\"a-1\":{\"train\":[" + PAIR + "],\"test\":[{\"input\":[[2]]}]}}"), "two tasks are named a-1");
    }

    @Test
    void wrongLayoutForTheMethod() throws IOException {
        Path single = write("single.json", "{\"train\":[" + PAIR + "],\"test\":[{\"input\":[[0]]}]}");
        assertHas(error(single, () -> ArcTaskReader.readChallenges(single, null)), "this is a single ARC task");
        assertHas(error(TRAIN_CHALLENGES, () -> ArcTaskReader.readTaskFile(TRAIN_CHALLENGES)), "expected a single ARC task");
        Path dir = Files.createDirectory(tmp.resolve("mixed"));
        Files.copy(TRAIN_CHALLENGES, dir.resolve("all.json"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> ArcTaskReader.readFolder(dir));
        assertHas(e.getMessage(), dir.resolve("all.json") + ": expected a single ARC task");
    }
}
