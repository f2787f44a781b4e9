package org.sealworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.annotate.AnnotationFixture;
import org.sealworkbench.jobs.annotate.AnnotationPair;
import org.sealworkbench.jobs.annotate.AnnotationService;
import org.sealworkbench.jobs.annotate.Options;
import org.sealworkbench.jobs.annotate.PairingRule;
import org.sealworkbench.jobs.annotate.TaskSpec;
import org.sealworkbench.seal.annotate.Verdict;

class AnnotationsCliTest {
    @TempDir Path tmp;

    @Test
    void measuresAsTextAndJsonAndAnExportImportRoundTrip() throws Exception {
        Path ws = tmp.resolve("ws");
        AnnotationFixture.create(ws);
        try (AnnotationService s = AnnotationService.open(ws)) {
            List<Long> ids = s.passages().stream().map(Options.PassageOption::id).toList();
            // ann says "left" on all 9 pairs: left share 9/9, Clopper-Pearson [0.664, 1].
            for (AnnotationPair p : s.pairs(new TaskSpec("ann", ids, PairingRule.ALL_PAIRS, null, null, true, 1))) {
                s.judge("ann", p, Verdict.LEFT, null, null, null);
            }
        }
        CliTest.Result text = CliTest.run("annotations", "--workspace", ws.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("Position bias (all annotators): 100.0% of 9 [66.4%, 100.0%]"), text.out());
        assertTrue(text.out().contains("the interval leaves out 0.5"), text.out());

        Path jsonl = tmp.resolve("j.jsonl");
        Path csv = tmp.resolve("j.csv");
        CliTest.Result json = CliTest.run("annotations", "--workspace", ws.toString(), "--json", "--export-jsonl", jsonl.toString(),
                "--export-csv", csv.toString());
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().contains("\"left_share\": 1.0"), json.out());
        assertTrue(json.out().contains("\"method\": \"Clopper-Pearson\""), json.out());
        assertEquals(9, Files.readAllLines(jsonl).size());
        assertEquals(10, Files.readAllLines(csv).size());

        Path ws2 = tmp.resolve("ws2");
        AnnotationFixture.create(ws2);
        CliTest.Result imp = CliTest.run("annotations", "--workspace", ws2.toString(), "--import", jsonl.toString());
        assertEquals(0, imp.code(), imp.err());
        assertTrue(imp.out().contains("Imported 9 judgements and 0 retractions"), imp.out());
        assertTrue(imp.out().contains("ann "), imp.out());

        CliTest.Result none = CliTest.run("annotations", "--workspace", tmp.resolve("nothing").toString());
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no workspace at"), none.err());
    }
}
