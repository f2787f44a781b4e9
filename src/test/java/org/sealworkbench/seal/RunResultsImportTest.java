package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.DataFormatException;
import org.sealworkbench.data.Format;
import org.sealworkbench.data.FormatDetector;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.jobs.ImportJob;
import org.sealworkbench.jobs.ImportReport;
import org.sealworkbench.jobs.JobFailedException;
import org.sealworkbench.util.Progress;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.Counts;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.PassageSummary;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.store.SelfEditRecord;

class RunResultsImportTest {
    @TempDir
    Path tmp;

    static ImportReport importFile(Path file, ExperimentLog log, String modelName) {
        return new ImportJob(file, log, modelName).run(Progress.none(), new CancelToken());
    }

    @Test
    void reportReproducesTheFilesOverallAndPerArticleAccuracies() throws Exception {
        Path file = RunResultsFixture.write(tmp.resolve("run_0612_101010.json"), false);
        assertEquals(Format.RUN_RESULTS, FormatDetector.detect(file).format());
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            ImportReport r = importFile(file, log, null);
            assertEquals("seal-results", r.format());
            assertEquals(3, r.passages());
            assertEquals(6, r.questions());
            assertEquals(6, r.selfEdits());
            assertTrue(r.notes().get(0).startsWith("Format: SEAL run results JSON"), r.notes().toString());
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("match its verdicts")), r.notes().toString());
            // 3 articles x 2 completions x 2 reps x (baseline + adapter) runs; answers = 2 x 2 x 2 x 6 questions.
            assertEquals(24, log.counts().runs());
            assertEquals(48, log.counts().answers());
            assertEquals(48, log.counts().grades());

            ResultsTable t = ResultsTable.compute(log, null, "imported");
            assertEquals(List.of(Conditions.NO_ADAPTATION, Conditions.selfEditsOf("base_val")),
                    t.rows().stream().map(ResultRow::condition).toList());
            ResultRow base = t.rows().get(0);
            ResultRow adapter = t.rows().get(1);
            assertEquals(RunResultsFixture.OVERALL_BASELINE, base.macroAccuracy(), 5.01e-5);
            assertEquals(RunResultsFixture.OVERALL_ADAPTER, adapter.macroAccuracy(), 5.01e-5);
            for (int a = 0; a < 3; a++) {
                assertEquals(RunResultsFixture.ARTICLE_BASELINE[a], base.passages().get(a).accuracy(), 5.01e-5, "article " + a);
                assertEquals(RunResultsFixture.ARTICLE_ADAPTER[a], adapter.passages().get(a).accuracy(), 5.01e-5, "article " + a);
            }
            assertEquals(3, adapter.nPassages());
            assertEquals(6, adapter.nQuestions());
            // Micro: adapter correct 4 + 7 + 3 = 14 of 24 answers; baseline 3 + 4 + 0 = 7 of 24.
            assertEquals(14.0 / 24, adapter.microAccuracy(), 1e-12);
            assertEquals(7.0 / 24, base.microAccuracy(), 1e-12);
            assertEquals("imported", adapter.grader());

            // What was stored: passages with their questions, the completions as imported self-edits of base_val,
            // runs per rep with the file's lora_params in their settings.
            PassageSummary p0 = log.passages().get(0);
            assertEquals("Vessary Lighthouse", p0.title());
            assertEquals(2, p0.questionCount());
            List<SelfEditRecord> edits = log.selfEdits(p0.id());
            assertEquals(2, edits.size());
            assertEquals(AuthorKind.IMPORT, edits.get(0).author());
            assertEquals("base_val", log.model(edits.get(0).modelId()).orElseThrow().name());
            assertEquals("implications", edits.get(0).promptTemplate());
            List<RunRecord> runs = log.runsOfSelfEdit(edits.get(0).id());
            assertEquals(2, runs.size());
            assertEquals(List.of(0L, 1L), runs.stream().map(RunRecord::seed).toList());
            assertEquals("done", runs.get(0).status());
            assertTrue(runs.get(0).settingsJson().contains("\"lora_params\":{\"alpha\":64"), runs.get(0).settingsJson());
            assertEquals("import run_0612_101010.json", log.experiments().get(0).name());
            assertEquals(12, adapter.nRuns());
        }
    }

    @Test
    void namedModelReusedPassagesAndSelfEditsAndADisagreeingFileIsReported() throws Exception {
        Path file = RunResultsFixture.write(tmp.resolve("results.json"), true);
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            // The passage was imported before with one of its questions: it is reused and the other question added.
            log.addPassage(new Passage("Orrin Canal", "Context of Orrin Canal.", List.of(new Question("Who dug it?", "the Orrin company"))), "earlier");
            ImportReport r = importFile(file, log, "gpt4_1");
            assertEquals(2, r.passages());
            assertEquals(2 + 2 + 1, r.questions());
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("1 passage already in the workspace was reused")), r.notes().toString());
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("1 article(s) whose recorded stats differ")), r.notes().toString());
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("\"Orrin Canal\"") && n.contains("0.5833")), r.notes().toString());
            assertEquals(3, log.questions(log.passages().get(0).id()).size());
            ResultsTable t = ResultsTable.compute(log, null, null);
            assertEquals(Conditions.selfEditsOf("gpt4_1"), t.rows().get(1).condition());
            // The table follows the verdicts, not the corrupted stat.
            assertEquals(7.0 / 12, t.rows().get(1).passages().get(0).accuracy(), 1e-12);

            // A second import of the same file reuses passages and self-edits, adds a second experiment.
            Counts before = log.counts();
            importFile(file, log, "gpt4_1");
            assertEquals(before.passages(), log.counts().passages());
            assertEquals(before.selfEdits(), log.counts().selfEdits());
            assertEquals(2, log.experiments().size());
            ResultsTable first = ResultsTable.compute(log, log.experiments().get(0).id(), null);
            assertEquals(12, first.rows().get(1).nRuns());
        }
    }

    @Test
    void malformedResultFilesAreRefusedWithFileAndFieldAndNothingIsStored() throws Exception {
        Path file = RunResultsFixture.write(tmp.resolve("bad.json"), false);
        String json = Files.readString(file);
        Files.writeString(file, json.replaceFirst("\"adapter_correct\": true", "\"adapter_correct\": \"yes\""));
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            JobFailedException e = assertThrows(JobFailedException.class, () -> importFile(file, log, null));
            assertTrue(e.getMessage().contains("bad.json: articles[0].completions[0].questions[0].adapter_correct: "
                    + "expected true or false, found STRING"), e.getMessage());
            assertTrue(e.getMessage().endsWith("(nothing imported)"), e.getMessage());
            assertEquals(0, log.counts().passages());
            assertEquals(0, log.counts().runs());

            Path cut = tmp.resolve("cut.json");
            Files.writeString(cut, json.substring(0, json.length() / 2), StandardCharsets.UTF_8);
            e = assertThrows(JobFailedException.class, () -> importFile(cut, log, null));
            assertTrue(e.getMessage().contains("cut.json") && e.getMessage().contains("truncated"), e.getMessage());

            Path noArticles = tmp.resolve("noarticles.json");
            Files.writeString(noArticles, "{\"overall\": {\"adapter_mean_accuracy\": 0.5}}");
            e = assertThrows(JobFailedException.class, () -> importFile(noArticles, log, null));
            assertTrue(e.getMessage().contains("noarticles.json: field \"articles\": missing"), e.getMessage());
            assertEquals(0, log.counts().passages());
            assertEquals(0, log.counts().models());
        }
    }

    @Test
    void sftJsonlIsStoredAsSelfEditsWithTheirPrompt() throws Exception {
        Path file = tmp.resolve("sft_round1.jsonl");
        String p1 = PromptTemplates.IMPLICATIONS.render("Talmey Bell", "The bell is bronze.\nIt rings at noon.");
        String p2 = PromptTemplates.SELF_QA.render("Orrin Canal", "The canal is 12 km long.");
        Files.writeString(file, jsonLine(p1, "1. The bell is metal.") + "\n" + jsonLine(p2, "How long?\nAnswer: 12 km")
                + "\n\n" + jsonLine("Summarise: something", "x") + "\n" + jsonLine(p1, "1. The bell is metal.") + "\n");
        assertEquals(Format.SFT_JSONL, FormatDetector.detect(file).format());
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            log.addPassage(new Passage("Talmey Bell", "The bell is bronze.\nIt rings at noon.", List.of(new Question("Metal?", "bronze"))), "x");
            ImportReport r = importFile(file, log, null);
            assertEquals("sft-jsonl", r.format());
            assertEquals(1, r.passages());
            assertEquals(2, r.selfEdits());
            assertEquals(1, r.skipped());
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("self-edit of \"sft_round1\"") && n.contains("1 already stored")),
                    r.notes().toString());
            assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("pair 3: its prompt is not one of SEAL's")), r.notes().toString());
            SelfEditRecord bell = log.selfEdits(log.passages().get(0).id()).get(0);
            assertEquals("1. The bell is metal.", bell.text());
            assertEquals(p1, bell.promptText());
            assertEquals("implications", bell.promptTemplate());
            SelfEditRecord canal = log.selfEdits(log.passages().get(1).id()).get(0);
            assertEquals("self-qa", canal.promptTemplate());
            assertEquals(0, log.passages().get(1).questionCount());
        }
        Path bad = tmp.resolve("bad.jsonl");
        Files.writeString(bad, jsonLine("p", "c") + "\n{\"prompt\": \"p\", \"completion\": 3}\n");
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws2"))) {
            JobFailedException e = assertThrows(JobFailedException.class, () -> importFile(bad, log, null));
            assertTrue(e.getMessage().contains("bad.jsonl: line 2: field \"completion\": expected a string, found NUMBER"), e.getMessage());
        }
    }

    @Test
    void selfEditFilesTakeTheGivenModelNameOrTheFileName() throws Exception {
        Path file = tmp.resolve("iter1.json");
        Files.writeString(file, "[{\"title\": \"T\", \"context\": \"C\", \"questions\": [], \"prompt\": \"P\", "
                + "\"completions\": [\"a\", \"b\"]}]");
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            importFile(file, log, null);
            assertEquals("iter1", log.models().get(0).name());
            importFile(file, log, "SEAL iter1");
            assertEquals("SEAL iter1", log.models().get(1).name());
            assertEquals(log.models().get(1).id(), log.selfEdits(log.passages().get(0).id()).get(2).modelId());
        }
    }

    private static String jsonLine(String prompt, String completion) {
        com.google.gson.JsonObject o = new com.google.gson.JsonObject();
        o.addProperty("prompt", prompt);
        o.addProperty("completion", completion);
        return o.toString();
    }
}
