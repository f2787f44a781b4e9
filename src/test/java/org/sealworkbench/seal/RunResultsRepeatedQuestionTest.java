package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.jobs.ImportReport;
import org.sealworkbench.store.AnswerRecord;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.QuestionRecord;

/**
 * Issue 21: a passage of SEAL's validation set may ask the same question twice with the same gold answer; SEAL counts
 * both (974 questions), so the import keeps both. Fixture (hand-computed): one article asking
 * ["When was it built?" / "1871", the same again, "What colour?" / "white"], one completion, two reps.
 * <pre>
 *   adapter verdicts  rep 0: T F T   rep 1: T T F   -> 2/3, 2/3: accuracy 2/3, micro 4/6
 *   baseline verdicts rep 0: F F T   rep 1: F F F   -> 1/3, 0:   accuracy 1/6, micro 1/6
 * </pre>
 * The file counts 3 questions; the table must say 3 (the old import said 2).
 */
class RunResultsRepeatedQuestionTest {
    @TempDir Path tmp;

    static final String[][] QS = {{"When was it built?", "1871"}, {"When was it built?", "1871"}, {"What colour?", "white"}};
    static final boolean[][] ADAPTER = {{true, false, true}, {true, true, false}};
    static final boolean[][] BASELINE = {{false, false, true}, {false, false, false}};

    static Path write(Path file) throws Exception {
        JsonObject root = new JsonObject();
        root.addProperty("exp_name", "eval_base");
        root.addProperty("n_articles", 1);
        root.addProperty("k_completions", 1);
        root.addProperty("eval_times", 2);
        JsonObject overall = new JsonObject();
        overall.addProperty("baseline_mean_accuracy", 0.1667);
        overall.addProperty("adapter_mean_accuracy", 0.6667);
        root.add("overall", overall);
        JsonObject art = new JsonObject();
        art.addProperty("title", "Vessary Lighthouse");
        art.addProperty("context", "The lighthouse was built in 1871 and painted white.");
        art.addProperty("prompt", PromptTemplates.IMPLICATIONS.render("Vessary Lighthouse", "The lighthouse was built in 1871 and painted white."));
        JsonObject stats = new JsonObject();
        stats.addProperty("baseline_accuracy", 0.1667);
        stats.addProperty("adapter_mean_accuracy", 0.6667);
        art.add("stats", stats);
        JsonObject comp = new JsonObject();
        comp.addProperty("text", "1. It is old\n2. It is white");
        comp.add("stats", new JsonObject());
        JsonArray qs = new JsonArray();
        for (int r = 0; r < 2; r++) {
            for (int q = 0; q < QS.length; q++) {
                JsonObject o = new JsonObject();
                o.addProperty("rep", r);
                o.addProperty("question", QS[q][0]);
                o.addProperty("answer", QS[q][1]);
                o.addProperty("baseline_answer", "b" + r + q);
                o.addProperty("adapter_answer", "a" + r + q);
                o.addProperty("baseline_correct", BASELINE[r][q]);
                o.addProperty("adapter_correct", ADAPTER[r][q]);
                qs.add(o);
            }
        }
        comp.add("questions", qs);
        JsonArray comps = new JsonArray();
        comps.add(comp);
        art.add("completions", comps);
        JsonArray arts = new JsonArray();
        arts.add(art);
        root.add("articles", arts);
        Files.writeString(file, root.toString(), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aQuestionAskedTwiceIsKeptTwiceSoCountsAndMicroAccuracyAreTheFiles() throws Exception {
        Path file = write(tmp.resolve("run.json"));
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            ImportReport r = RunResultsImportTest.importFile(file, log, "base");
            assertEquals(3, r.questions(), "the file's 3 questions, the repeated one twice");
            long pid = log.passages().get(0).id();
            List<QuestionRecord> stored = log.questions(pid);
            assertEquals(List.of("When was it built?", "When was it built?", "What colour?"), stored.stream().map(QuestionRecord::question).toList());

            ResultsTable t = ResultsTable.compute(log, null, "imported");
            ResultRow base = t.rows().get(0);
            ResultRow adapter = t.rows().get(1);
            assertEquals(3, adapter.nQuestions());
            assertEquals(3, base.nQuestions());
            assertEquals(6, adapter.nAnswers());
            assertEquals(4.0 / 6, adapter.microAccuracy(), 1e-12);
            assertEquals(1.0 / 6, base.microAccuracy(), 1e-12);
            assertEquals(2.0 / 3, adapter.macroAccuracy(), 1e-12);
            assertEquals(1.0 / 6, base.macroAccuracy(), 1e-12);
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("match its verdicts")), r.notes().toString());
            // The file records no run times; the import's own storing time is not passed off as one.
            assertTrue(Double.isNaN(adapter.runSeconds()), "imported runs have no known run time");
            assertTrue(ResultsTableFormat.csv(t).lines().skip(1).allMatch(l -> l.contains(",2,,")), ResultsTableFormat.csv(t));

            // The second asking has its own answers: per rep one baseline and one adapter answer, in file order.
            List<AnswerRecord> second = log.answersToQuestion(stored.get(1).id());
            assertEquals(List.of("b01", "a01", "b11", "a11"), second.stream().map(AnswerRecord::text).toList());
            assertEquals(4, log.answersToQuestion(stored.get(0).id()).size());

            // Re-import: the passage and both askings are found, nothing is added twice.
            ImportReport again = RunResultsImportTest.importFile(file, log, "base");
            assertEquals(0, again.questions());
            assertEquals(3, log.questions(pid).size());
            assertEquals(1, log.passages().size());
            ResultsTable second2 = ResultsTable.compute(log, log.experiments().get(1).id(), "imported");
            assertEquals(3, second2.rows().get(1).nQuestions());
            assertEquals(4.0 / 6, second2.rows().get(1).microAccuracy(), 1e-12);
        }
    }

    @Test
    void aPassageStoredWithOneAskingGetsTheSecondAndSeedsFromPassageFilesKeepBoth() throws Exception {
        Path file = write(tmp.resolve("run.json"));
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            // As an older import stored it: the repeated question once.
            log.addPassage(new Passage("Vessary Lighthouse", "The lighthouse was built in 1871 and painted white.",
                    List.of(new Question("When was it built?", "1871"), new Question("What colour?", "white"))), "older");
            ImportReport r = RunResultsImportTest.importFile(file, log, "base");
            assertEquals(1, r.questions(), "only the second asking is added");
            ResultRow adapter = ResultsTable.compute(log, null, "imported").rows().get(1);
            assertEquals(3, adapter.nQuestions());
            assertEquals(4.0 / 6, adapter.microAccuracy(), 1e-12);
        }
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws2"))) {
            // A passage file that asks it twice stores both (ordinals 0..2); the run results then find all three.
            log.addPassage(new Passage("Vessary Lighthouse", "The lighthouse was built in 1871 and painted white.",
                    List.of(new Question(QS[0][0], QS[0][1]), new Question(QS[1][0], QS[1][1]), new Question(QS[2][0], QS[2][1]))), "seal json");
            ImportReport r = RunResultsImportTest.importFile(file, log, "base");
            assertEquals(0, r.questions());
            assertEquals(3, ResultsTable.compute(log, null, "imported").rows().get(1).nQuestions());
        }
    }
}
