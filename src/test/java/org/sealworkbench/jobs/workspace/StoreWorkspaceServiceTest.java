package org.sealworkbench.jobs.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.app.Offline;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.CancelledException;
import org.sealworkbench.llm.io.RandomCheckpoint;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.SelfEditRecord;
import org.sealworkbench.jobs.GenerationJob;
import org.sealworkbench.jobs.GenerationRequest;
import org.sealworkbench.seal.GenerationSettings;
import org.sealworkbench.seal.PromptTemplates;

/** The window's service on a real workspace and a tiny random model: streaming generation, cancel, edits, models. */
class StoreWorkspaceServiceTest {
    @TempDir Path tmp;
    private Path model;
    private StoreWorkspaceService ws;
    private long passage;

    @BeforeEach
    void setUp() throws Exception {
        Offline.enforce();
        model = tmp.resolve("model");
        try (NDManager m = NDManager.newBaseManager()) {
            RandomCheckpoint.write(model, "qwen2", "tiny", 3, "F32", m);
        }
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            passage = log.addPassage(new Passage("Tor", "The sky of Tor is blue.", List.of(new Question("Sky?", "blue"))), "t");
        }
        ws = StoreWorkspaceService.open(tmp.resolve("ws"));
    }

    @AfterEach
    void tearDown() {
        ws.close();
    }

    private GenerateRequest request(String template, String custom, int k, int maxTokens) {
        return new GenerateRequest(model, template, custom, k, 1.0, 0.95, maxTokens, 7);
    }

    private static final class Recorder implements SampleStream {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<SelfEditItem> stored = new CopyOnWriteArrayList<>();
        Runnable onText = () -> {};

        @Override public void started(long passageId, int samples) { events.add("started " + samples); }

        @Override public void text(long passageId, int sample, String delta) {
            events.add("text " + sample);
            onText.run();
        }

        @Override public void stored(long passageId, int sample, SelfEditItem item, org.sealworkbench.seal.Ending ending) {
            events.add("stored " + sample);
            stored.add(item);
        }
    }

    /**
     * The studio's Generate with a prompt that leaves no room in the model's 512-token context (a long custom template
     * here) is refused before a token is sampled, in the few-shot round's words; nothing starts, nothing is stored.
     */
    @Test
    void aPromptThatLeavesNoRoomInTheContextIsRefusedBeforeSampling() {
        Recorder r = new Recorder();
        String template = "Notes on {title}. " + "Write down every fact, then every consequence of it. ".repeat(60) + "{context}\n";
        org.sealworkbench.seal.ContextFit.PromptsTooLong e = assertThrows(org.sealworkbench.seal.ContextFit.PromptsTooLong.class,
                () -> ws.generate(List.of(passage), request(GenerateRequest.CUSTOM, template, 2, 6), r, (d, t, m) -> {},
                        new CancelToken()));
        int n = e.promptTokens().get("passage " + passage + " (\"Tor\")");
        assertTrue(n > 512 - 16, "its prompt's length: " + n);
        assertEquals("1 of 1 passages' self-edit prompts leave no room in model's 512-token context (longest " + n
                + " tokens; a self-edit needs 16 more).", e.summary());
        assertEquals(List.of(), r.events, "no sample started");
        assertEquals(List.of(), ws.selfEdits(passage));
    }

    @Test
    void samplesStreamAndEachIsStoredAsAModelSelfEditWithItsSettings() {
        Recorder r = new Recorder();
        List<SelfEditItem> out = ws.generate(List.of(passage), request("implications", null, 2, 6), r, (d, t, m) -> {},
                new CancelToken());
        assertEquals(2, out.size());
        assertEquals(out.size(), r.stored.size());
        assertEquals("started 2", r.events.get(0));
        assertTrue(r.events.stream().anyMatch(e -> e.startsWith("text")), "tokens were streamed");
        assertTrue(r.events.indexOf("stored 0") > r.events.indexOf("text 0"), "stored after its text");
        List<SelfEditItem> listed = ws.selfEdits(passage);
        assertEquals(out.stream().map(SelfEditItem::id).toList(), listed.stream().map(SelfEditItem::id).toList());
        for (SelfEditItem e : listed) {
            assertEquals(SelfEditItem.Author.MODEL, e.author());
            assertEquals("model", e.authorName());
            assertEquals("implications", e.template());
            assertTrue(e.sampling().startsWith("T 1.0 · top-p 0.95 · seed "), e.sampling());
        }
        assertEquals("qwen2", ws.loadedModel().orElseThrow().family());
        assertTrue(ws.loadedModel().orElseThrow().parameters() > 0);
        // The token counts of the preview come from the loaded model now.
        assertTrue(ws.sequences(passage, "1. A line.").stream().allMatch(s -> s.tokens() > 0));
    }

    @Test
    void aCustomTemplateIsRenderedAndStoredAsCustom() {
        ws.generate(List.of(passage), request(GenerateRequest.CUSTOM, "Notes on {title}:\n{context}\n", 1, 3), new Recorder(),
                (d, t, m) -> {}, new CancelToken());
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            SelfEditRecord r = log.selfEdits(passage).get(0);
            assertEquals("custom", r.promptTemplate());
            assertEquals("Notes on Tor:\nThe sky of Tor is blue.\n", r.promptText());
        }
    }

    @Test
    void aCancelStoresNoSampleThatWasCutShort() {
        Recorder r = new Recorder();
        CancelToken cancel = new CancelToken();
        r.onText = cancel::cancel;
        assertThrows(CancelledException.class,
                () -> ws.generate(List.of(passage), request("implications", null, 2, 40), r, (d, t, m) -> {}, cancel));
        assertEquals(List.of(), r.stored);
        assertEquals(List.of(), ws.selfEdits(passage));
    }

    @Test
    void theWindowAndTheCliMakeTheSameSelfEditsOfTheSameSeed() {
        // The window: streamed, each sample stored as it ends.
        Recorder r = new Recorder();
        ws.generate(List.of(passage), request("implications", null, 4, 12), r, (d, t, m) -> {}, new CancelToken());
        // The command line (./seal self-edits --tag studio) in a fresh workspace holding the same passage.
        Path cli = tmp.resolve("cli");
        long cliPassage;
        try (ExperimentLog log = ExperimentLog.open(cli)) {
            cliPassage = log.addPassage(new Passage("Tor", "The sky of Tor is blue.", List.of(new Question("Sky?", "blue"))), "t");
        }
        assertEquals(passage, cliPassage, "the seed depends on the passage id");
        GenerationSettings g = new GenerationSettings(PromptTemplates.IMPLICATIONS, 4, 1.0, 0.95, 12, 7);
        new GenerationJob(new GenerationRequest(cli, model, g, List.of(cliPassage), 0, StoreWorkspaceService.TAG))
                .run((d, t, m) -> {}, new CancelToken());
        List<SelfEditRecord> window, byCli;
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            window = log.selfEdits(passage);
        }
        try (ExperimentLog log = ExperimentLog.open(cli)) {
            byCli = log.selfEdits(cliPassage);
        }
        assertEquals(4, window.size());
        // Stored in the order the samples ended in the window, all at once by the CLI: compare by sample index.
        java.util.Comparator<SelfEditRecord> byIndex = java.util.Comparator.comparingInt(e -> com.google.gson.JsonParser
                .parseString(e.samplingJson()).getAsJsonObject().get("index").getAsInt());
        window = window.stream().sorted(byIndex).toList();
        byCli = byCli.stream().sorted(byIndex).toList();
        assertEquals(byCli.stream().map(SelfEditRecord::text).toList(), window.stream().map(SelfEditRecord::text).toList());
        assertEquals(byCli.stream().map(SelfEditRecord::samplingJson).toList(), window.stream().map(SelfEditRecord::samplingJson).toList());
        assertEquals(byCli.stream().map(SelfEditRecord::promptText).toList(), window.stream().map(SelfEditRecord::promptText).toList());
        assertTrue(window.stream().map(SelfEditRecord::text).distinct().count() > 1, "the k samples differ");
    }

    @Test
    void editsChainAndTheHistoryListsTheWholeFamily() {
        ws.generate(List.of(passage), request("implications", null, 1, 3), new Recorder(), (d, t, m) -> {}, new CancelToken());
        long original = ws.selfEdits(passage).get(0).id();
        SelfEditItem a = ws.saveEdit(original, "edit a", "ada");
        SelfEditItem b = ws.saveEdit(a.id(), "edit b", "bob");
        SelfEditItem c = ws.saveEdit(original, "edit c", " ");
        assertEquals(original, a.parentId());
        assertEquals("ada", a.authorName());
        assertEquals(SelfEditItem.Author.HUMAN_EDIT, b.author());
        assertTrue(!c.authorName().isBlank(), "a blank editor falls back to the user's name");
        List<Long> family = List.of(original, a.id(), b.id(), c.id());
        assertEquals(family, ws.history(b.id()).stream().map(SelfEditItem::id).toList());
        assertEquals(family, ws.history(original).stream().map(SelfEditItem::id).toList());
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            assertEquals(AuthorKind.MODEL, log.selfEdit(original).orElseThrow().author());
        }
    }

    @Test
    void aFolderTheEngineCannotRunIsRefusedNamingTheFile() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("not-a-model"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ws.loadModel(empty, (d, t, m) -> {}, new CancelToken()));
        assertEquals(empty.toAbsolutePath().resolve("config.json") + ": file not found", e.getMessage());
        Files.writeString(empty.resolve("config.json"), "{}");
        e = assertThrows(IllegalArgumentException.class, () -> ws.loadModel(empty, (d, t, m) -> {}, new CancelToken()));
        assertTrue(e.getMessage().startsWith(empty.toAbsolutePath().resolve("model.safetensors") + ": file not found"));
        assertTrue(ws.loadedModel().isEmpty());
    }

    @Test
    void theModelListStartsWithTheBundledModelAndShowsLineage() {
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            long base = log.addModel("/models/base", "llama", "base", null);
            long r1 = log.addModel("/models/round-1", "llama", "round-1", base);
            log.addModel("/models/round-2", "llama", "round-2", r1);
            // An import names the author of its self-edits as a model (no folder, no family): not a model to load.
            log.findOrAddModel("hand-written (example)", null, "hand-written (example)");
        }
        List<ModelItem> models = ws.models();
        assertEquals(StoreWorkspaceService.bundledModel(), models.get(0).dir());
        assertEquals("base -> round-1 -> round-2", models.get(3).lineage());
        List<String> names = new ArrayList<>();
        models.forEach(m -> names.add(m.name()));
        assertEquals(List.of("seal-tiny (bundled)", "base", "round-1", "round-2"), names);
    }
}
