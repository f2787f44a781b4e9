package org.sealworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.JobRecord;

/**
 * A passage under the import limit but longer than seal-tiny's 512-token context: writing its self-edits, or an
 * evaluation that trains on it, is refused before any work, naming the passage and its length in tokens, in the few-shot
 * round's words; the job row says "refused". Until now seal-tiny sampled past its context (noise) and the inner loop
 * trained on positions the model never learnt.
 */
class ContextFitCliTest {
    @TempDir Path tmp;

    /** Three passages; the second about 4,000 characters (well over 512 tokens, far under the import limit). */
    private String workspace() throws Exception {
        JsonArray a = new JsonArray();
        for (int i = 0; i < 3; i++) {
            JsonObject o = new JsonObject();
            o.addProperty("title", i == 1 ? "The Long Chronicle" : "Short " + i);
            o.addProperty("context", i == 1 ? "The harbour of Velm keeps forty boats and a lighthouse. ".repeat(70)
                    : "The lamp of house " + i + " is green.");
            JsonArray qs = new JsonArray();
            JsonObject q = new JsonObject();
            q.addProperty("question", "What colour is the lamp?");
            q.addProperty("answer", "green");
            qs.add(q);
            o.add("questions", qs);
            a.add(o);
        }
        Path f = tmp.resolve("passages.json");
        Files.writeString(f, a.toString());
        String ws = tmp.resolve("ws").toString();
        assertEquals(0, CliTest.run("import", f.toString(), "--workspace", ws).code());
        return ws;
    }

    private static int tokens(String message, String before) {
        Matcher m = Pattern.compile(Pattern.quote(before) + "(\\d+) tokens").matcher(message);
        assertTrue(m.find(), message);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void selfEditsOfAPassageWhosePromptDoesNotFitAreRefusedBeforeAnySampling() throws Exception {
        String ws = workspace();
        CliTest.Result r = CliTest.run("self-edits", "--workspace", ws, "--preset", "seal-tiny-cpu", "--k", "1",
                "--max-tokens", "8");
        assertEquals(1, r.code(), r.err());
        String err = r.err().strip();
        int n = tokens(err, "its self-edit prompt is ");
        assertTrue(n > 512 - 16, "the prompt's real length: " + n);
        assertEquals("seal self-edits: seal-tiny has a context of 512 tokens, which leaves no room (16 tokens at least) for a"
                + " self-edit after the prompt of 1 of 3 passages: passage 2 (\"The Long Chronicle\"): its self-edit prompt is "
                + n + " tokens. Use a model with a longer context, or leave those passages out (or split them into shorter"
                + " passages)", err);
        try (ExperimentLog log = ExperimentLog.open(Path.of(ws))) {
            assertEquals(0, log.counts().selfEdits(), "nothing sampled, not even the passages that fit");
            JobRecord job = log.jobs().get(log.jobs().size() - 1);
            assertEquals("refused", job.status(), "refused as it stands: not offered for resume");
        }
    }

    @Test
    void anEvaluationThatTrainsOnAPassageLongerThanTheContextIsRefusedBeforeItsFirstCondition() throws Exception {
        String ws = workspace();
        CliTest.Result r = CliTest.run("eval", "--workspace", ws, "--preset", "seal-tiny-cpu", "--validation", "3",
                "--passages", "3", "--inner-repeats", "1", "--condition", "no-adaptation,passage-only");
        assertEquals(1, r.code(), r.err());
        String err = r.err().strip();
        int n = tokens(err, "passage 2 (\"The Long Chronicle\"): ");
        assertTrue(n > 512, "the passage's real length: " + n);
        assertEquals("seal eval: seal-tiny has a context of 512 tokens, and the inner loop trains on each passage as one"
                + " sequence (its title and text), which must fit it; 1 of 3 passages are longer: passage 2 (\"The Long"
                + " Chronicle\"): " + n + " tokens. Use a model with a longer context, or leave those passages out (or split"
                + " them into shorter passages)", err);
        try (ExperimentLog log = ExperimentLog.open(Path.of(ws))) {
            assertEquals(0, log.runs().size(), "no condition ran, not even no-adaptation, which trains nothing");
            assertEquals("refused", log.jobs().get(log.jobs().size() - 1).status());
        }
        // without the long passage's condition that trains, the same workspace evaluates
        CliTest.Result ok = CliTest.run("eval", "--workspace", ws, "--preset", "seal-tiny-cpu", "--validation", "3",
                "--passages", "3", "--condition", "no-adaptation");
        assertEquals(0, ok.code(), ok.err());
    }
}
