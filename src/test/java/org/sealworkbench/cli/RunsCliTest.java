package org.sealworkbench.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.jobs.history.FewShotFixture;
import org.sealworkbench.store.ExperimentLog;

/**
 * `seal runs` lists the few-shot (ARC) runs after the inner-loop runs, in the same columns and JSON keys, each run by an
 * id of its own ("1", "A1"), in columns that stay aligned whatever their values' lengths.
 */
class RunsCliTest {
    @TempDir Path tmp;

    @Test
    void fewShotRunsAreListedInTheSameShape() {
        FewShotFixture f = FewShotFixture.build(tmp.resolve("ws"));
        CliTest.Result text = CliTest.run("runs", "--workspace", f.workspace().toString());
        assertEquals(0, text.code(), text.err());
        List<String> lines = text.out().lines().toList();
        assertEquals(1 + 1 + 6, lines.size(), "a header, the inner-loop run, six few-shot runs: " + text.out());
        assertTrue(lines.get(0).contains("passage/task"), lines.get(0));
        assertTrue(lines.get(1).contains("evaluation") && lines.get(1).contains("Owls"), lines.get(1));
        // inner-loop run 1 and few-shot run 1 (numbered apart in their tables) by ids of their own, as History shows them
        assertEquals("1", lines.get(1).strip().split("\\s+")[0], lines.get(1));
        assertEquals("A" + f.solvedB(), lines.get(2).strip().split("\\s+")[0], lines.get(2));
        assertEquals(1, f.innerRun());
        assertEquals(1, f.solvedB());
        String solved = lines.get(2);
        for (String part : List.of("few-shot (ARC)", "seal-tiny", "66e6c45b", "config: aug b · output tokens · lr 0.003 · 8 ep",
                "pass@2", "1.000", "13.0s", "done")) {
            assertTrue(solved.contains(part), part + " in " + solved);
        }
        assertTrue(lines.get(4).contains("no test-time training") && lines.get(4).contains("0.000"), lines.get(4));
        assertTrue(lines.get(7).contains("self-edit of seal-tiny: aug none · all tokens"), lines.get(7));

        CliTest.Result json = CliTest.run("runs", "--workspace", f.workspace().toString(), "--json");
        assertEquals(0, json.code(), json.err());
        JsonArray rows = JsonParser.parseString(json.out()).getAsJsonArray();
        assertEquals(7, rows.size());
        JsonObject inner = rows.get(0).getAsJsonObject(), arc = rows.get(1).getAsJsonObject();
        assertEquals(inner.keySet(), arc.keySet(), "the same keys for both kinds");
        assertEquals(f.solvedB(), arc.get("run").getAsLong(), "run: the number within its kind");
        assertEquals("A" + f.solvedB(), arc.get("id").getAsString(), "id: as the text table and the window name it");
        assertEquals("1", inner.get("id").getAsString());
        assertEquals("few-shot (ARC)", arc.get("kind").getAsString());
        assertEquals("66e6c45b", arc.get("passage").getAsString());
        assertEquals("pass@2", arc.get("grader").getAsString());
        assertEquals(1.0, arc.get("accuracy").getAsDouble());
        assertEquals(13.0, arc.get("durationSeconds").getAsDouble(), 1e-9);
        assertEquals(3, arc.get("lossSteps").getAsInt());
        assertEquals(0.0, rows.get(2).getAsJsonObject().get("accuracy").getAsDouble(), "config C did not solve it");
    }

    /**
     * Long conditions, titles and model names do not push the columns out of line: every column starts where its heading
     * does, a value longer than its column's limit is cut with "…", and the JSON keeps it whole.
     */
    @Test
    void columnsStayAlignedBesideLongConditionsAndTheJsonKeepsThemWhole() {
        FewShotFixture f = FewShotFixture.build(tmp.resolve("ws"));
        String longCondition = "passage + self-edit (implications-very-long, hand-written example, second repeat of three)";
        String longTitle = "The Velmoran river delta and its seasonal floods";
        try (ExperimentLog log = ExperimentLog.open(f.workspace())) {
            long model = log.addModel("/models/m", "llama", "a-model-whose-name-runs-on-for-a-while", null);
            long p = log.addPassage(new Passage(longTitle, "The delta floods in spring.",
                    List.of(new Question("When does the delta flood?", "spring"))), "t");
            long run = log.startRun(null, model, p, null, longCondition, "{}", 7);
            log.finishRun(run, "done");
        }
        CliTest.Result text = CliTest.run("runs", "--workspace", f.workspace().toString());
        assertEquals(0, text.code(), text.err());
        List<String> lines = text.out().lines().toList();
        assertEquals(1 + 2 + 6, lines.size(), text.out());
        String header = lines.get(0);
        for (String column : List.of("kind", "model", "passage/task", "condition", "settings", "grader", "status", "date")) {
            int at = header.indexOf("  " + column) + 2;
            for (String line : lines.subList(1, lines.size())) {
                assertEquals(' ', line.charAt(at - 1), column + " starts at " + at + " in every line:\n" + text.out());
                assertNotEquals(' ', line.charAt(at), column + " starts at " + at + " in every line:\n" + text.out());
            }
        }
        int right = header.indexOf("accuracy") + "accuracy".length();   // numbers end under their heading's end
        for (String line : lines.subList(1, lines.size())) assertNotEquals(' ', line.charAt(right - 1), line);
        String row = lines.stream().filter(l -> l.contains("Velmoran")).findFirst().orElseThrow();
        assertTrue(row.contains(longCondition.substring(0, RunsCommand.CONDITION_WIDTH - 1) + "…"), row);
        assertFalse(row.contains(longCondition), "cut in the text table: " + row);
        assertTrue(row.contains(longTitle.substring(0, RunsCommand.PASSAGE_WIDTH - 1) + "…"), row);
        assertTrue(row.contains("a-model-whose-name-runs…"), row);

        CliTest.Result json = CliTest.run("runs", "--workspace", f.workspace().toString(), "--json");
        JsonArray rows = JsonParser.parseString(json.out()).getAsJsonArray();
        JsonObject whole = rows.get(1).getAsJsonObject();
        assertEquals(longCondition, whole.get("condition").getAsString(), "whole in the JSON");
        assertEquals(longTitle, whole.get("passage").getAsString());
        assertEquals("a-model-whose-name-runs-on-for-a-while", whole.get("model").getAsString());
        assertEquals("2", whole.get("id").getAsString());
    }

    @Test
    void aCutKeepsShortTextsAndCountsCharactersNotBytes() {
        assertEquals("passage only", RunsCommand.cut("passage only", 12));
        assertEquals("passage on…", RunsCommand.cut("passage only", 11));
        assertEquals("aug b · ou…", RunsCommand.cut("aug b · output tokens", 11));
        assertEquals("-", RunsCommand.cut(null, 5));
    }

    @Test
    void anEmptyWorkspaceSaysWhichCommandsFillIt() {
        Path ws = tmp.resolve("empty");
        org.sealworkbench.store.ExperimentLog.open(ws).close();
        CliTest.Result r = CliTest.run("runs", "--workspace", ws.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("`seal arc`"), r.out());
    }
}
