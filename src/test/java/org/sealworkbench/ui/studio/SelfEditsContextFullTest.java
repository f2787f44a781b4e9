package org.sealworkbench.ui.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.jobs.workspace.GenerateRequest;
import org.sealworkbench.jobs.workspace.SelfEditItem;
import org.sealworkbench.jobs.workspace.StoreWorkspaceService;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.llm.tokenizer.Tokenizer;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.SelfEditRecord;
import org.sealworkbench.ui.Background;
import org.sealworkbench.ui.FxThread;
import org.sealworkbench.ui.JobRunner;

/**
 * The Studio's streaming generation when the samples fill the model's context before their token cap (a tiny random model
 * whose context is its prompt and 20 tokens, 60 new tokens asked): each sample stops there, is stored, and its column
 * says why under its header in brief ("context full (C)", a column is narrow), the whole sentence in the line's tooltip
 * and in the job's end in the status bar; the stored self-edit's sampling record and its picker line say it too. The
 * same for samples the new-token limit cut ("token limit (N)").
 */
class SelfEditsContextFullTest {
    private static final int ROOM = 20;
    @TempDir Path tmp;
    private StoreWorkspaceService ws;
    private JobRunner runner;
    private long tor;
    private final List<String> errors = new ArrayList<>();

    @BeforeAll
    static void fx() {
        FxThread.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (runner != null) FxThread.run(runner::close);
        if (ws != null) ws.close();
        assertEquals(List.of(), errors);
    }

    @Test
    void aSampleStoppedByTheContextSaysSoInItsColumn() throws Exception {
        GenerateRequest request = modelAndPassage(60);
        int prompt;
        try (Tokenizer tok = Tokenizer.load(request.modelDir())) {
            prompt = tok.encode(request.render("Tor", "The sky of Tor is blue."), true).length;
        }
        int context = prompt + ROOM;   // room for 20 new tokens of the 60 asked
        TestEngine.widenContext(request.modelDir(), context);
        SelfEditsViewModel vm = generate(request);
        Path dir = tmp.resolve("ws");

        String full = "stopped: the model's context (" + context + " tokens) is full";
        String brief = "context full (" + context + ")";
        int stopped = 0;
        try (ExperimentLog log = ExperimentLog.open(dir)) {
            for (int i = 0; i < 2; i++) {
                Column c = column(vm, log, i);
                SelfEditItem shown = c.shown();
                String status = c.status();
                String tip = c.tip();
                JsonObject sampling = c.sampling();
                if (sampling.get("finish").getAsString().equals("context")) {
                    // the sample took exactly the room the context left, and its column says why it stopped there
                    stopped++;
                    assertEquals(ROOM, sampling.get("new_tokens").getAsInt());
                    assertEquals(brief, status, "column " + i);
                    assertEquals(full, tip, "column " + i + ": the whole sentence in the line's tooltip");
                    assertTrue(shown.sampling().endsWith(" · stopped at the model's context"), shown.sampling());
                } else {
                    // an early end-of-sequence token: nothing to tell
                    assertEquals("eos", sampling.get("finish").getAsString());
                    assertEquals("", status, "column " + i);
                    assertEquals("", tip, "column " + i);
                }
            }
        }
        assertTrue(stopped > 0, "the model's context stopped a sample (a random model rarely draws its one EOS id)");
        // the window's status bar: how the job ended, with the samples the context stopped
        FxThread.await("the job's end announced", () -> runner.lastEndedProperty().get() != null);
        assertEquals("Generating 2 self-edits of passage " + tor + ": done · Generated 2 self-edits · " + stopped + " " + full,
                FxThread.call(() -> runner.lastEndedProperty().get()));
    }
    /**
     * A sample the new-token limit cut (the limit below the context's room) says so in its column, as one the context cut,
     * and the status bar counts them in whole.
     */
    @Test
    void aSampleStoppedByTheTokenLimitSaysSoInItsColumn() throws Exception {
        SelfEditsViewModel vm = generate(modelAndPassage(6));
        Path dir = tmp.resolve("ws");
        int capped = 0;
        try (ExperimentLog log = ExperimentLog.open(dir)) {
            for (int i = 0; i < 2; i++) {
                Column c = column(vm, log, i);
                String status = c.status();
                String tip = c.tip();
                JsonObject sampling = c.sampling();
                if (sampling.get("finish").getAsString().equals("max_tokens")) {
                    capped++;
                    assertEquals(6, sampling.get("new_tokens").getAsInt());
                    assertEquals("token limit (6)", status, "column " + i);
                    assertEquals("stopped: the new-token limit (6 tokens) is reached", tip, "column " + i);
                } else {
                    assertEquals("eos", sampling.get("finish").getAsString());
                    assertEquals("", status, "column " + i);
                }
            }
        }
        assertTrue(capped > 0, "the limit stopped a sample (a random model rarely draws its one EOS id)");
        FxThread.await("the job's end announced", () -> runner.lastEndedProperty().get() != null);
        assertEquals("Generating 2 self-edits of passage " + tor + ": done · Generated 2 self-edits · " + capped
                + " stopped: the new-token limit (6 tokens) is reached", FxThread.call(() -> runner.lastEndedProperty().get()));
        // a later line under the header (an edit, a save) says it all: the tooltip follows it, not the old sentence
        FxThread.run(() -> vm.columns().get(0).statusProperty().set("unsaved edits"));
        assertEquals("unsaved edits", FxThread.call(() -> vm.columns().get(0).statusTip()));
    }

    /** What a column shows (its self-edit, the line under its header and that line's tooltip) and its stored sampling. */
    private record Column(SelfEditItem shown, String status, String tip, JsonObject sampling) {}

    private static Column column(SelfEditsViewModel vm, ExperimentLog log, int col) throws Exception {
        SelfEditItem shown = FxThread.call(() -> vm.columns().get(col).choice().edit());
        String status = FxThread.call(() -> vm.columns().get(col).statusProperty().get());
        String tip = FxThread.call(() -> vm.columns().get(col).statusTip());
        SelfEditRecord stored = log.selfEdit(shown.id()).orElseThrow();
        return new Column(shown, status, tip, JsonParser.parseString(stored.samplingJson()).getAsJsonObject());
    }

    /** The passage "Tor" stored in a new workspace, and a request for 2 samples of at most {@code maxTokens} on a tiny model. */
    private GenerateRequest modelAndPassage(int maxTokens) throws Exception {
        TestEngine.setUp();
        Path model = TestEngine.tinyLlama(tmp.resolve("model"));
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            tor = log.addPassage(new Passage("Tor", "The sky of Tor is blue.", List.of(new Question("Sky?", "blue"))), "t");
        }
        return new GenerateRequest(model, "implications", null, 2, 1.0, 0.95, maxTokens, 7);
    }

    /** The studio's view model on the workspace, having generated the request's samples of "Tor" and stored them. */
    private SelfEditsViewModel generate(GenerateRequest request) throws Exception {
        ws = StoreWorkspaceService.open(tmp.resolve("ws"));
        runner = new JobRunner();
        SelfEditsViewModel vm = FxThread.call(() -> new SelfEditsViewModel(() -> ws, Background.DIRECT, runner,
                (t, e) -> errors.add(t + ": " + e)));
        FxThread.run(() -> vm.showPassage(tor));
        FxThread.run(() -> vm.generate(request, List.of(tor)));
        FxThread.await("generated", 120, () -> !vm.generatingProperty().get() && vm.selfEdits().size() == 2, () -> errors.toString());
        return vm;
    }

}
