package org.sealworkbench.seal;

import org.sealworkbench.util.Seeds;
import org.sealworkbench.util.Progress;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
        return seedFor(settings.seed(), tag, passageId);
    }

    /** The seed of a passage's batch from a base seed, the batch's tag and the passage (the CLI's and the window's). */
    public static long seedFor(long baseSeed, String tag, long passageId) {
        return Seeds.derive(baseSeed, tag.hashCode(), passageId);
    }

    /** One finished sample of a batch: which of the k, its text, how it ended ("eos", "max_tokens"), new tokens (EOS included). */
    public record Sample(int index, String text, String finish, int newTokens) {}

    /** Receives a batch's samples as they are made, on the generating thread. */
    public interface SampleListener {
        SampleListener NONE = new SampleListener() {};

        /** New text of sample {@code index}. */
        default void text(int index, String delta) {}

        /**
         * Sample {@code index} ended: at its EOS token while the others go on, or, at the token cap, when the batch
         * ends. A sample cut short by a cancel never ends.
         */
        default void ended(Sample sample) {}
    }

    /**
     * The one routine that samples self-edits, for the CLI's {@link #forPassage} and the window's streaming generation
     * alike (so both make the same self-edits of the same seed): the k samples of a prompt in one batch through the
     * {@link Generator}, text streamed per token to {@code listener}. Returns the samples that ended, in index order; after
     * a cancel, those cut short are left out.
     */
    public static List<Sample> sample(SealModel model, String prompt, int k, double temperature, double topP, int maxTokens,
                                      long seed, SampleListener listener, BooleanSupplier cancelled) {
        SampleListener to = listener == null ? SampleListener.NONE : listener;
        int[] ids = model.tokenizer().encode(prompt, true);
        // The Generator's own end-of-sequence set (the config's, then the tokenizer's).
        Set<Integer> eos = new LinkedHashSet<>(model.model().config().eosTokenIds());
        eos.addAll(model.tokenizer().eosIds());
        List<List<Integer>> tokens = new ArrayList<>();
        for (int r = 0; r < k; r++) tokens.add(new ArrayList<>());
        Sample[] done = new Sample[k];
        GenerationOptions opts = GenerationOptions.sampling(maxTokens, temperature, topP, seed);
        List<Generation> gens = new Generator(model.model(), model.tokenizer()).generate(Collections.nCopies(k, ids), opts,
                (row, tok, delta) -> {
                    tokens.get(row).add(tok);
                    if (eos.contains(tok)) {
                        // Decoded as the Generator decodes its result (EOS included, special tokens left out).
                        int[] own = tokens.get(row).stream().mapToInt(Integer::intValue).toArray();
                        done[row] = new Sample(row, model.tokenizer().decode(own), "eos", own.length);
                        to.ended(done[row]);
                    } else if (!delta.isEmpty()) {
                        to.text(row, delta);
                    }
                }, cancelled);
        List<Sample> out = new ArrayList<>();
        for (int r = 0; r < k; r++) {
            Generation g = gens.get(r);
            if (done[r] == null && g.tokens().length >= maxTokens) {
                done[r] = new Sample(r, g.text(), g.finish().name().toLowerCase(Locale.ROOT), g.tokens().length);
                to.ended(done[r]);
            }
            if (done[r] != null) out.add(done[r]);
        }
        return out;
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
        List<Sample> samples = sample(model, prompt, settings.k(), settings.temperature(), settings.topP(), settings.maxTokens(),
                seed, null, cancelled);
        if (cancelled.getAsBoolean()) throw new CancellationException("cancelled while generating self-edits of passage " + passageId);
        List<Long> added = log.inTransaction(() -> {
            List<Long> rows = new ArrayList<>();
            for (Sample smp : samples) {
                rows.add(log.addSelfEdit(new NewSelfEdit(passageId, smp.text(), AuthorKind.MODEL, model.modelId(), null,
                        settings.template().key(), prompt, samplingJson(seed, smp), tag)));
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

    private String samplingJson(long seed, Sample smp) {
        return samplingJson(settings.template().key(), settings.k(), smp.index(), settings.temperature(), settings.topP(),
                settings.maxTokens(), seed, smp.finish(), smp.newTokens(), model.name());
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
