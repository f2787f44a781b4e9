package org.sealworkbench.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.history.FewShotFixture;

/** `seal runs` lists the few-shot (ARC) runs after the inner-loop runs, in the same columns and JSON keys. */
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
        assertEquals(f.solvedB(), arc.get("run").getAsLong());
        assertEquals("few-shot (ARC)", arc.get("kind").getAsString());
        assertEquals("66e6c45b", arc.get("passage").getAsString());
        assertEquals("pass@2", arc.get("grader").getAsString());
        assertEquals(1.0, arc.get("accuracy").getAsDouble());
        assertEquals(13.0, arc.get("durationSeconds").getAsDouble(), 1e-9);
        assertEquals(3, arc.get("lossSteps").getAsInt());
        assertEquals(0.0, rows.get(2).getAsJsonObject().get("accuracy").getAsDouble(), "config C did not solve it");
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
