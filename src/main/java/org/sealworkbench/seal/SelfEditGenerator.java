package org.sealworkbench.seal;

import org.sealworkbench.util.Seeds;
import org.sealworkbench.util.Progress;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.sealworkbench.llm.generation.Generation;
import org.sealworkbench.llm.generation.GenerationOptions;
import org.sealworkbench.llm.generation.Generator;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.NewSelfEdit;
import org.sealworkbench.store.PassageDetail;
import org.sealworkbench.store.SelfEditRecord;

/**
 * Samples k self-edits per passage from a model with one of SEAL's prompt templates (SEAL.md section 1:
 * k = 5, temperature 1.0, top-p 0.95, until EOS or the settings' token cap), the k samples of a passage in
 * one batch through the {@link Generator} (the prompt is prefilled once). Each is stored as a self-edit
 * written by the model, with its template, prompt text and sampling settings (JSON, including the seed and
 * the sample's index).
 *
 * <p>A {@code tag} names the batch a set of self-edits belongs to (e.g. "rl round 1", "eval"); it is stored
 * as the self-edit's source label and enters the seed. Asking again for a passage that already has k
 * self-edits of this model, template and tag returns the stored ones, so a resumed job generates nothing twice
 * (the k samples of a passage are stored in one transaction).
 */
public final class SelfEditGenerator {
    private final ExperimentLog log;
    private final SealModel model;
    private final GenerationSettings settings;

    public SelfEditGenerator(ExperimentLog log, SealModel model, GenerationSettings settings) {
        this.log = log;
        this.model = model;
        this.settings = settings;
    }

    /** The seed of a passage's batch: from the settings' seed, the tag and the passage. */
    public long seedFor(String tag, long passageId) {
        return Seeds.derive(settings.seed(), tag.hashCode(), passageId);
    }

    /** This model's self-edits of the passage with this template and tag, oldest first (empty when none). */
    public List<SelfEditRecord> stored(long passageId, String tag) {
        List<SelfEditRecord> out = new ArrayList<>();
        for (SelfEditRecord r : log.selfEdits(passageId)) {
            if (r.author() == AuthorKind.MODEL && r.modelId() != null && r.modelId() == model.modelId()
                    && settings.template().key().equals(r.promptTemplate()) && tag.equals(r.sourceLabel())) {
                out.add(r);
            }
        }
        return out;
    }

    /** The k self-edits of one passage: the stored ones, or k new samples stored now. */
    public List<SelfEditRecord> forPassage(long passageId, String tag, BooleanSupplier cancelled) {
        List<SelfEditRecord> have = stored(passageId, tag);
        if (have.size() >= settings.k()) return have.subList(0, settings.k());
        PassageDetail p = log.passage(passageId)
                .orElseThrow(() -> new IllegalArgumentException("no passage with id " + passageId + " in the workspace"));
        String prompt = settings.template().render(p.title(), p.context());
        long seed = seedFor(tag, passageId);
        int[] ids = model.tokenizer().encode(prompt, true);
        GenerationOptions opts = GenerationOptions.sampling(settings.maxTokens(), settings.temperature(), settings.topP(), seed);
        List<Generation> gens = new Generator(model.model(), model.tokenizer())
                .generate(Collections.nCopies(settings.k(), ids), opts, null, cancelled);
        if (cancelled.getAsBoolean()) throw new CancellationException("cancelled while generating self-edits of passage " + passageId);
        List<Long> added = log.inTransaction(() -> {
            List<Long> rows = new ArrayList<>();
            for (int i = 0; i < gens.size(); i++) {
                rows.add(log.addSelfEdit(new NewSelfEdit(passageId, gens.get(i).text(), AuthorKind.MODEL, model.modelId(), null,
                        settings.template().key(), prompt, samplingJson(seed, i, gens.get(i)), tag)));
            }
            return rows;
        });
        List<SelfEditRecord> out = new ArrayList<>();
        for (long id : added) out.add(log.selfEdit(id).orElseThrow());
        return out;
    }

    /** The k self-edits of each passage, in the order given. */
    public Map<Long, List<SelfEditRecord>> forPassages(List<Long> passageIds, String tag, Progress progress,
                                                       BooleanSupplier cancelled) {
        Map<Long, List<SelfEditRecord>> out = new LinkedHashMap<>();
        int done = 0;
        for (long id : passageIds) {
            if (cancelled.getAsBoolean()) throw new CancellationException("cancelled");
            progress.update(done, passageIds.size(), "self-edits of passage " + (done + 1) + " of " + passageIds.size());
            out.put(id, forPassage(id, tag, cancelled));
            done++;
        }
        progress.update(done, passageIds.size(), "self-edits of " + done + " passages");
        return out;
    }

    private String samplingJson(long seed, int index, Generation g) {
        return samplingJson(settings.template().key(), settings.k(), index, settings.temperature(), settings.topP(),
                settings.maxTokens(), seed, g.finish().name(), g.tokens().length, model.name());
    }

    /**
     * The sampling record stored with a model-written self-edit (its {@code sampling_json}): what was asked, which
     * sample of the k it is, how it ended. One writer for the CLI's generation and the window's streaming one, so
     * both store the same fields in the same order.
     */
    public static String samplingJson(String template, int k, int index, double temperature, double topP, int maxTokens,
                                      long seed, String finish, int newTokens, String modelName) {
        JsonObject o = new JsonObject();
        o.addProperty("template", template);
        o.addProperty("k", k);
        o.addProperty("index", index);
        o.addProperty("temperature", temperature);
        o.addProperty("top_p", topP);
        o.addProperty("max_tokens", maxTokens);
        o.addProperty("seed", seed);
        o.addProperty("finish", finish.toLowerCase(java.util.Locale.ROOT));
        o.addProperty("new_tokens", newTokens);
        o.addProperty("model", modelName);
        return o.toString();
    }
}
