package org.sealworkbench.jobs;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Format;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.data.SelfEditMeta;
import org.sealworkbench.seal.RestEm;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.NewSelfEdit;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/**
 * Issue 21: {@code seal export --what self-edits} chooses one author's, template's or round's self-edits and writes SEAL's
 * {@code .meta} beside the file. Workspace (hand-made): passages P1, P2; model "base" wrote 2 implications of each in RL
 * round 1 (temperature 1.0, top_p 0.95, max_tokens 64), model "round-1" wrote 1 self-qa of P1 (temperature 0.7), and a
 * person edited one of base's.
 */
class ExportSelfEditsFilterTest {
    @TempDir Path tmp;

    private static String sampling(double t, double p, int max, String model) {
        return "{\"template\":\"implications\",\"temperature\":" + t + ",\"top_p\":" + p + ",\"max_tokens\":" + max + ",\"model\":\"" + model + "\"}";
    }

    private Path workspace() {
        Path ws = tmp.resolve("ws");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            long p1 = log.addPassage(new Passage("P1", "Context one.", List.of(new Question("q1?", "a1"))), "t");
            long p2 = log.addPassage(new Passage("P2", "Context two.", List.of(new Question("q2?", "a2"))), "t");
            long base = log.addModel("/m/base", "llama", "base", null);
            long r1 = log.addModel("/m/round-1", "llama", "round-1", base);
            long first = 0;
            for (long p : new long[] {p1, p2}) {
                for (int i = 0; i < 2; i++) {
                    long id = log.addSelfEdit(new NewSelfEdit(p, "base " + p + "." + i, AuthorKind.MODEL, base, null, "implications",
                            "prompt of " + p, sampling(1.0, 0.95, 64, "base"), RestEm.tag(1)));
                    if (first == 0) first = id;
                }
            }
            log.addSelfEdit(new NewSelfEdit(p1, "Question 1: q1? Answer: a1", AuthorKind.MODEL, r1, null, "self-qa", "qa prompt",
                    sampling(0.7, 0.95, 64, "round-1"), "eval"));
            log.addSelfEdit(new NewSelfEdit(p1, "base edited by a person", AuthorKind.HUMAN_EDIT, base, first, "implications",
                    "prompt of " + p1, null, "human"));
        }
        return ws;
    }

    private static ExportJob.Report export(Path ws, Path out, SelfEditFilter f) {
        return ExportJob.run(new ExportRequest(ws, out, Format.SEAL_JSON, ExportJob.What.SELF_EDITS, f), Progress.none(), new CancelToken());
    }

    private static List<List<String>> completions(Path file) throws Exception {
        JsonArray arr = JsonParser.parseString(Files.readString(file)).getAsJsonArray();
        return arr.asList().stream().map(e -> e.getAsJsonObject().getAsJsonArray("completions").asList().stream()
                .map(c -> c.getAsString()).toList()).toList();
    }

    @Test
    void oneAuthorsRoundExportsOnlyItsSelfEditsWithSealsMetaBeside() throws Exception {
        Path ws = workspace();
        Path out = tmp.resolve("base_round1.json");
        ExportJob.Report r = export(ws, out, new SelfEditFilter("base", null, 1));
        assertEquals(2, r.records());
        assertEquals(4, r.selfEdits());
        assertEquals(List.of(List.of("base 1.0", "base 1.1"), List.of("base 2.0", "base 2.1")), completions(out));
        assertEquals(tmp.resolve("base_round1.meta"), r.metaFile());
        JsonObject meta = JsonParser.parseString(Files.readString(r.metaFile())).getAsJsonObject();
        assertEquals("base", meta.get("model").getAsString());
        assertEquals(1.0, meta.get("temperature").getAsDouble());
        assertEquals(0.95, meta.get("top_p").getAsDouble());
        assertEquals(64, meta.get("max_tokens").getAsInt());
        assertEquals(2, meta.get("k").getAsInt());
        assertTrue(meta.has("timestamp"));
        // SEAL's scripts and our own import find and read it as the file's .meta.
        assertEquals(r.metaFile(), SelfEditMeta.findBeside(out).orElseThrow());
        try (ExperimentLog dst = ExperimentLog.open(tmp.resolve("dst"))) {
            ImportReport ir = new ImportJob(out, dst).run(Progress.none(), new CancelToken());
            assertEquals(4, ir.selfEdits());
            long pid = dst.passages().get(0).id();
            assertEquals("base", dst.model(dst.selfEdits(pid).get(0).modelId()).orElseThrow().name(), "the .meta names the author");
        }
    }

    @Test
    void templateHumanAndMixedExportsSayWhatTheyHold() throws Exception {
        Path ws = workspace();
        ExportJob.Report qa = export(ws, tmp.resolve("qa.json"), new SelfEditFilter(null, "self-qa", null));
        assertEquals(List.of(List.of("Question 1: q1? Answer: a1")), completions(tmp.resolve("qa.json")));
        JsonObject qaMeta = JsonParser.parseString(Files.readString(qa.metaFile())).getAsJsonObject();
        assertEquals("round-1", qaMeta.get("model").getAsString());
        assertEquals(0.7, qaMeta.get("temperature").getAsDouble());
        assertEquals(1, qaMeta.get("k").getAsInt());

        ExportJob.Report human = export(ws, tmp.resolve("human.json"), new SelfEditFilter("human", null, null));
        assertEquals(List.of(List.of("base edited by a person")), completions(tmp.resolve("human.json")));
        assertEquals(1, human.selfEdits());

        // Everything: 6 self-edits; authors, temperature and k differ, so the .meta leaves them out and the notes say so.
        ExportJob.Report all = export(ws, tmp.resolve("all.json"), null);
        assertEquals(6, all.selfEdits());
        assertEquals(List.of(List.of("base 1.0", "base 1.1", "Question 1: q1? Answer: a1", "base edited by a person"),
                List.of("base 2.0", "base 2.1")), completions(tmp.resolve("all.json")));
        JsonObject allMeta = JsonParser.parseString(Files.readString(all.metaFile())).getAsJsonObject();
        assertFalse(allMeta.has("model"));
        assertFalse(allMeta.has("temperature"));
        assertFalse(allMeta.has("k"));
        assertTrue(all.notes().stream().anyMatch(n -> n.contains("differ in model (base, human, round-1)") && n.contains("--author")),
                all.notes().toString());
        assertTrue(all.notes().stream().anyMatch(n -> n.contains("[2, 4]")), all.notes().toString());

        assertEquals(0, export(ws, tmp.resolve("none.json"), new SelfEditFilter("nobody", null, null)).records());
        assertThrows(IllegalArgumentException.class, () -> new SelfEditFilter(null, "no-such-template", null));
        assertThrows(IllegalArgumentException.class, () -> new ExportRequest(ws, tmp.resolve("p.json"), Format.SEAL_JSON,
                ExportJob.What.PASSAGES, new SelfEditFilter("base", null, null)));
    }

    @Test
    void theFilterTravelsWithTheStoredRequestAndOldRequestsExportEverything() {
        ExportRequest r = new ExportRequest(tmp, tmp.resolve("o.json"), Format.SEAL_JSON, ExportJob.What.SELF_EDITS,
                new SelfEditFilter("base", "implications", 2));
        assertEquals(r, RequestJson.read(ExportRequest.KIND, RequestJson.write(r)));
        String old = "{\"workspace\":\"" + tmp + "\",\"out\":\"o.json\",\"format\":\"SEAL_JSON\",\"what\":\"SELF_EDITS\"}";
        assertEquals(SelfEditFilter.ALL, ((ExportRequest) RequestJson.read(ExportRequest.KIND, old)).filter());
    }
}
