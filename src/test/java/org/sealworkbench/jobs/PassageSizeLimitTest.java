package org.sealworkbench.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.seal.PromptTemplates;
import org.sealworkbench.store.Counts;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/**
 * One passage over {@link Passage#MAX_CONTEXT_CHARS} (a book pasted into a record) refuses the whole file, as any other
 * bad record does (import is all or nothing), naming the file, the record and the passage's title, in every format that
 * carries passages. Until now a 5 MB passage was imported like any other.
 */
class PassageSizeLimitTest {
    @TempDir Path tmp;

    /** Three SEAL records; the second's context is {@code n} characters long. */
    private static JsonArray sealRecords(int n) {
        JsonArray a = new JsonArray();
        for (int i = 0; i < 3; i++) {
            JsonObject o = new JsonObject();
            o.addProperty("title", i == 1 ? "The Whole Book" : "Short " + i);
            o.addProperty("context", i == 1 ? "a".repeat(n) : "A short passage " + i + ".");
            JsonArray qs = new JsonArray();
            JsonObject q = new JsonObject();
            q.addProperty("question", "Q" + i + "?");
            q.addProperty("answer", "A" + i);
            qs.add(q);
            o.add("questions", qs);
            a.add(o);
        }
        return a;
    }

    private Path write(String name, String text) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private String refused(Path f) {
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws-" + f.getFileName()))) {
            JobFailedException e = assertThrows(JobFailedException.class,
                    () -> new ImportJob(f, log).run(Progress.none(), new CancelToken()));
            Counts c = log.counts();
            assertEquals(0, c.passages() + c.questions() + c.selfEdits(), "nothing of the file is kept: " + c);
            return e.getMessage();
        }
    }

    @Test
    void aFiveMegabytePassageRefusesTheFileNamingTheRecordAndTitle() throws Exception {
        Path f = write("book.json", sealRecords(5 * 1024 * 1024).toString());
        assertEquals(f + ": record 2: field \"context\": the passage (\"The Whole Book\") is 5,242,880 characters long, more"
                + " than a passage may have (100,000 characters, about 25,000 tokens; SEAL trains on a passage as one sequence,"
                + " which must fit the model's context): split the text into passages (nothing imported)", refused(f));
    }

    @Test
    void theLimitItselfImportsAndOneMoreCharacterDoesNot() throws Exception {
        Path ok = write("at-limit.json", sealRecords(Passage.MAX_CONTEXT_CHARS).toString());
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws-ok"))) {
            ImportReport r = new ImportJob(ok, log).run(Progress.none(), new CancelToken());
            assertEquals(3, r.passages());
        }
        String m = refused(write("over.json", sealRecords(Passage.MAX_CONTEXT_CHARS + 1).toString()));
        assertTrue(m.contains("record 2: field \"context\": the passage (\"The Whole Book\") is 100,001 characters long"), m);
    }

    @Test
    void jsonlSquadRunResultsAndSftSetsAreRefusedTheSameWay() throws Exception {
        int n = Passage.MAX_CONTEXT_CHARS + 10;
        StringBuilder jsonl = new StringBuilder();
        for (var e : sealRecords(n)) jsonl.append(e).append('\n');
        String m = refused(write("book.jsonl", jsonl.toString()));
        assertTrue(m.startsWith(tmp.resolve("book.jsonl") + ": line 2: field \"context\": the passage (\"The Whole Book\") is"
                + " 100,010 characters long"), m);

        String squad = "{\"version\":\"v2.0\",\"data\":[{\"title\":\"Atlas\",\"paragraphs\":[{\"context\":\"Short.\",\"qas\":[]},"
                + "{\"context\":\"" + "b".repeat(n) + "\",\"qas\":[]}]}]}";
        m = refused(write("squad.json", squad));
        assertTrue(m.startsWith(tmp.resolve("squad.json") + ": record 2: field \"data[0].paragraphs[1].context\": the passage"
                + " (\"Atlas\") is 100,010 characters long"), m);
        assertTrue(m.endsWith("(nothing imported)"), m);

        Path results = org.sealworkbench.seal.RunResultsFixture.write(tmp.resolve("run-results.json"), false);
        Files.writeString(results, Files.readString(results).replace("Context of Orrin Canal.", "c".repeat(n)));
        m = refused(results);
        assertTrue(m.startsWith(results + ": articles[1].context: the passage (\"Orrin Canal\") is 100,010 characters long"), m);

        StringBuilder sft = new StringBuilder();
        sft.append(pair(PromptTemplates.IMPLICATIONS.render("Short", "A short passage."))).append('\n');
        sft.append(pair(PromptTemplates.IMPLICATIONS.render("The Whole Book", "d".repeat(n)))).append('\n');
        m = refused(write("sft.jsonl", sft.toString()));
        assertTrue(m.startsWith(tmp.resolve("sft.jsonl") + ": pair 2: its prompt's passage is too long: the passage (\"The"
                + " Whole Book\") is 100,010 characters long"), m);
    }

    private static String pair(String prompt) {
        JsonObject o = new JsonObject();
        o.addProperty("prompt", prompt);
        o.addProperty("completion", "An implication.");
        return o.toString();
    }
}
