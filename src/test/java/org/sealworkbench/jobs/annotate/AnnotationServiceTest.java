package org.sealworkbench.jobs.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;
import org.sealworkbench.seal.annotate.AnnotationMeasures;
import org.sealworkbench.seal.annotate.Verdict;
import org.sealworkbench.store.AnnotationRecord;
import org.sealworkbench.store.ExperimentLog;

/** The annotation service on a real (temporary) workspace. */
class AnnotationServiceTest {
    @TempDir Path tmp;
    private Path ws;
    private AnnotationService service;

    @BeforeEach
    void open() {
        ws = tmp.resolve("ws");
        AnnotationFixture.create(ws);
        service = AnnotationService.open(ws);
    }

    @AfterEach
    void close() {
        service.close();
    }

    private List<Long> allPassages() {
        return service.passages().stream().map(Options.PassageOption::id).toList();
    }

    private TaskSpec allPairs(String annotator, long seed) {
        return new TaskSpec(annotator, allPassages(), PairingRule.ALL_PAIRS, null, null, true, seed);
    }

    private static Progress quiet() {
        return Progress.none();
    }

    @Test
    void allPairsTaskHasEveryPairOnceWithSidesFixedBySeed() {
        List<AnnotationPair> pairs = service.pairs(allPairs("ann", 7));
        assertEquals(9, pairs.size()); // three passages, 3 choose 2 pairs each
        Set<String> keys = new HashSet<>();
        for (AnnotationPair p : pairs) {
            assertTrue(keys.add(p.pairKey()));
            assertNotEquals(p.left().selfEditId(), p.right().selfEditId());
        }
        assertEquals(pairs, service.pairs(allPairs("ann", 7)));
        List<AnnotationPair> other = service.pairs(allPairs("ann", 8));
        long sameLeft = 0;
        for (AnnotationPair p : other) {
            sameLeft += pairs.stream().filter(q -> q.pairKey().equals(p.pairKey()) && q.left().selfEditId() == p.left().selfEditId()).count();
        }
        assertTrue(sameLeft < 9, "another seed puts some self-edits on the other side");
        long leftIsLower = pairs.stream().filter(p -> p.left().selfEditId() < p.right().selfEditId()).count();
        assertTrue(leftIsLower > 0 && leftIsLower < 9, "the left side is drawn, not always the older self-edit: " + leftIsLower);
    }

    @Test
    void authorVsAuthorPairsOnlyTheTwoAuthors() {
        assertEquals(List.of(new Options.AuthorOption("seal-tiny", 6), new Options.AuthorOption("teacher", 3)), service.authors());
        List<AnnotationPair> pairs = service.pairs(new TaskSpec("ann", allPassages(), PairingRule.AUTHOR_VS_AUTHOR,
                "seal-tiny", "teacher", false, 1));
        assertEquals(6, pairs.size());
        for (AnnotationPair p : pairs) {
            assertEquals(Set.of("seal-tiny", "teacher"), Set.of(p.left().author(), p.right().author()));
        }
        AnnotationPair first = pairs.stream().filter(p -> p.passageTitle().equals("Lighthouses")).findFirst().orElseThrow();
        EditSide teacher = first.left().author().equals("teacher") ? first.left() : first.right();
        assertEquals(0.8, teacher.reward());
    }

    @Test
    void aJudgedPairIsStoredWithTheSideShown() {
        AnnotationPair pair = service.pairs(allPairs("ann", 7)).get(0);
        Judgement j = service.judge("ann", pair, Verdict.RIGHT, 2, 5, "right one has the date");
        assertEquals(pair.right().selfEditId(), j.preferredId());

        List<Judgement> stored = service.judgements();
        assertEquals(1, stored.size());
        Judgement back = stored.get(0);
        assertEquals(pair.left().selfEditId(), back.leftId());
        assertEquals(pair.right().selfEditId(), back.rightId());
        assertEquals(Verdict.RIGHT, back.verdict());
        assertEquals(2, back.ratingLeft());
        assertEquals(5, back.ratingRight());
        assertEquals("right one has the date", back.note());
        assertFalse(back.retracted());
        assertEquals(Optional.of("ann"), service.lastAnnotator());

        try (ExperimentLog log = ExperimentLog.open(ws)) {
            AnnotationRecord row = log.annotations(null).get(0);
            assertEquals("pairwise", row.kind());
            long lo = Math.min(pair.left().selfEditId(), pair.right().selfEditId());
            long hi = Math.max(pair.left().selfEditId(), pair.right().selfEditId());
            assertEquals("self_edit:" + lo + ",self_edit:" + hi, row.target());
            JsonObject o = JsonParser.parseString(row.payloadJson()).getAsJsonObject();
            assertEquals(pair.left().selfEditId(), o.get("left").getAsLong());
            assertEquals("right", o.get("verdict").getAsString());
        }
    }

    @Test
    void undoAppendsARetractionAndRemovesNothingAlreadyExported() throws IOException {
        List<AnnotationPair> pairs = service.pairs(allPairs("ann", 7));
        service.judge("ann", pairs.get(0), Verdict.LEFT, null, null, null);
        Judgement second = service.judge("ann", pairs.get(1), Verdict.TIE, null, null, null);
        Path first = tmp.resolve("before-undo.jsonl");
        assertEquals(2, service.exportJsonl(first, quiet(), new CancelToken()));
        String exported = Files.readString(first);

        service.retract("ann", second.uid());

        assertEquals(exported, Files.readString(first), "the earlier export is untouched");
        List<Judgement> all = service.judgements();
        assertEquals(2, all.size(), "the judgement's row stays in the log");
        assertTrue(all.get(1).retracted());
        assertFalse(all.get(0).retracted());
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(3, log.annotations(null).size());
        }
        AnnotationMeasures m = service.measures();
        assertEquals(1, m.annotators().get(0).judged(), "a retracted judgement does not count");

        Path after = tmp.resolve("after-undo.jsonl");
        assertEquals(3, service.exportJsonl(after, quiet(), new CancelToken()));
        List<String> lines = Files.readAllLines(after);
        assertTrue(lines.get(2).contains("\"type\":\"retraction\"") && lines.get(2).contains(second.uid()), lines.get(2));
        Path csv = tmp.resolve("after-undo.csv");
        assertEquals(2, service.exportCsv(csv, quiet(), new CancelToken()));
        List<String> rows = Files.readAllLines(csv);
        assertEquals(String.join(",", AnnotationService.CSV_COLUMNS), rows.get(0));
        assertTrue(rows.get(2).endsWith(",true"), rows.get(2));
        assertTrue(rows.get(1).endsWith(",false"), rows.get(1));
    }

    @Test
    void csvQuotesNotesWithCommasQuotesAndLineBreaks() throws IOException {
        AnnotationPair pair = service.pairs(allPairs("ann", 7)).get(0);
        service.judge("ann", pair, Verdict.LEFT, 4, null, "says \"rocks\", twice\nand more");
        Path csv = tmp.resolve("j.csv");
        service.exportCsv(csv, quiet(), new CancelToken());
        String text = Files.readString(csv);
        assertTrue(text.contains(",4,,\"says \"\"rocks\"\", twice\nand more\",ann,"), text);
    }

    @Test
    void judgementsFromASeparateCopyOfTheWorkspaceMergeByImportOnce() throws IOException {
        service.close();
        Path ws2 = tmp.resolve("ws2");
        Files.createDirectories(ws2);
        try (Stream<Path> files = Files.list(ws)) {
            for (Path f : files.toList()) Files.copy(f, ws2.resolve(f.getFileName()));
        }
        service = AnnotationService.open(ws);
        List<AnnotationPair> annPairs = service.pairs(allPairs("ann", 1));
        for (AnnotationPair p : annPairs) service.judge("ann", p, Verdict.LEFT, null, null, null);

        Path export = tmp.resolve("bob.jsonl");
        try (AnnotationService bob = AnnotationService.open(ws2)) {
            List<AnnotationPair> bobPairs = bob.pairs(allPairs("bob", 2));
            Judgement j = null;
            for (AnnotationPair p : bobPairs) {
                // bob prefers the same self-edit as ann on every pair, whichever side it is shown on
                AnnotationPair annSaw = annPairs.stream().filter(q -> q.pairKey().equals(p.pairKey())).findFirst().orElseThrow();
                Verdict v = p.left().selfEditId() == annSaw.left().selfEditId() ? Verdict.LEFT : Verdict.RIGHT;
                j = bob.judge("bob", p, v, null, null, null);
            }
            Judgement extra = bob.judge("bob", bobPairs.get(0), Verdict.TIE, null, null, null);
            bob.retract("bob", extra.uid());
            assertEquals(11, bob.exportJsonl(export, quiet(), new CancelToken()));
        }
        ImportResult r = service.importJsonl(export, quiet(), new CancelToken());
        assertEquals(new ImportResult(10, 1, 0), r);
        AnnotationMeasures m = service.measures();
        assertEquals(2, m.annotators().size());
        var agreement = m.agreements().get(0);
        assertEquals(9, agreement.pairs());
        assertEquals(1.0, agreement.percent(), 1e-12);

        assertEquals(new ImportResult(0, 0, 11), service.importJsonl(export, quiet(), new CancelToken()),
                "a second import adds nothing");
    }

    @Test
    void aBadLineRejectsTheWholeFileNamingFileAndLine() throws IOException {
        AnnotationPair pair = service.pairs(allPairs("ann", 7)).get(0);
        service.judge("ann", pair, Verdict.LEFT, null, null, null);
        Path good = tmp.resolve("good.jsonl");
        service.exportJsonl(good, quiet(), new CancelToken());
        String line = Files.readAllLines(good).get(0);

        try (AnnotationService other = freshWorkspace("other")) {
            Path bad = Files.writeString(tmp.resolve("bad.jsonl"), line + "\n{\"type\": \"judgement\", \"uid\": \"x\"\n");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> other.importJsonl(bad, quiet(), new CancelToken()));
            assertTrue(e.getMessage().startsWith(bad + ", line 2: not valid JSON"), e.getMessage());
            assertEquals(List.of(), other.judgements(), "nothing of the file was imported");

            Path wrongVerdict = Files.writeString(tmp.resolve("verdict.jsonl"), line.replace("\"verdict\":\"left\"", "\"verdict\":\"up\""));
            e = assertThrows(IllegalArgumentException.class, () -> other.importJsonl(wrongVerdict, quiet(), new CancelToken()));
            assertTrue(e.getMessage().contains("verdict.jsonl, line 1: unknown verdict 'up'"), e.getMessage());

            Path badRating = Files.writeString(tmp.resolve("rating.jsonl"), line.replace("\"rating_left\":null", "\"rating_left\":\"good\""));
            e = assertThrows(IllegalArgumentException.class, () -> other.importJsonl(badRating, quiet(), new CancelToken()));
            assertTrue(e.getMessage().contains("rating.jsonl, line 1: a rating is not a whole number"), e.getMessage());
            Path outOfRange = Files.writeString(tmp.resolve("range.jsonl"), line.replace("\"rating_left\":null", "\"rating_left\":7"));
            e = assertThrows(IllegalArgumentException.class, () -> other.importJsonl(outOfRange, quiet(), new CancelToken()));
            assertTrue(e.getMessage().contains("range.jsonl, line 1: a rating is 1 to 5, got 7"), e.getMessage());
            assertEquals(List.of(), other.judgements());
        }
    }

    @Test
    void importIntoAWorkspaceWithOtherSelfEditTextIsRefused() throws IOException {
        AnnotationPair pair = service.pairs(allPairs("ann", 7)).get(0);
        service.judge("ann", pair, Verdict.LEFT, null, null, null);
        Path file = tmp.resolve("j.jsonl");
        service.exportJsonl(file, quiet(), new CancelToken());
        String edited = Files.readString(file).replaceFirst("\"left_text_sha256\":\"[0-9a-f]+\"", "\"left_text_sha256\":\"00\"");
        Path tampered = Files.writeString(tmp.resolve("tampered.jsonl"), edited);
        try (AnnotationService other = freshWorkspace("other")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> other.importJsonl(tampered, quiet(), new CancelToken()));
            assertTrue(e.getMessage().contains("tampered.jsonl, line 1: self-edit " + pair.left().selfEditId()
                    + " (left) has other text in this workspace"), e.getMessage());
        }
    }

    @Test
    void rewardAgreementCountsPairsWithRewardsOnBothSides() {
        // Lighthouses: self-edits 1 (0.5), 2 (0.2), 3 teacher (0.8); Glaciers: 4 (0.6), 5 (0.2), 6 (none).
        TaskSpec spec = allPairs("ann", 3);
        for (AnnotationPair p : service.pairs(spec)) {
            if (p.passageTitle().equals("Sourdough")) continue;
            // prefer the older self-edit (lower id) every time
            service.judge("ann", p, p.left().selfEditId() < p.right().selfEditId() ? Verdict.LEFT : Verdict.RIGHT, null, null, null);
        }
        // Preferred-over pairs: 1>2 (0.5>0.2 agree), 1>3 (0.5<0.8 disagree), 2>3 (0.2<0.8 disagree),
        // 4>5 (0.6>0.2 agree), 4>6 and 5>6 (6 has no reward).
        var r = service.measures().reward();
        assertEquals(4, r.withRewards());
        assertEquals(2, r.agree());
        assertEquals(2, r.disagree());
        assertEquals(2, r.withoutRewards());
    }

    @Test
    void guidelineIsTheLatestSaved() {
        assertEquals("", service.guideline());
        service.saveGuideline("ann", "Prefer edits that keep every fact.");
        service.saveGuideline("ann", "Prefer edits that keep every fact and name.");
        assertEquals("Prefer edits that keep every fact and name.", service.guideline());
        assertEquals(Optional.empty(), service.lastAnnotator(), "a guideline is not a judgement");
    }

    private AnnotationService freshWorkspace(String name) {
        Path dir = tmp.resolve(name);
        AnnotationFixture.create(dir);
        return AnnotationService.open(dir);
    }
}
