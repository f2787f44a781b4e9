package org.sealworkbench.seal;

import org.sealworkbench.util.Seeds;
import org.sealworkbench.util.Progress;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.sealworkbench.llm.Devices;
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
 * k = 5, temperature 1.0, top-p 0.95, until EOS or the settings' token cap; here also where prompt and sample fill the
 * model's context, which the {@link Generator} never passes: such a sample's finish is "context"), the k samples of a passage in
 * one batch through the {@link Generator} (the prompt is prefilled once). Each is stored as a self-edit
 * written by the model, with its template, prompt text and sampling settings (JSON, including the seed and
 * the sample's index).
 *
 * <p>A {@code tag} names the batch a set of self-edits belongs to (e.g. "rl round 1", "eval"); it is stored
 * as the self-edit's source label and enters the seed. Asking again for a passage that already has k
 * self-edits of this model, template and tag returns the stored ones, so a resumed job generates nothing twice
 * (the k samples of a passage are stored in one transaction).
 *
 * <p>{@link #forPassages} samples up to {@code passagesPerBatch} passages' k self-edits in one generator batch (an
 * execution setting, not part of the settings or their digest): each passage keeps its own seed and its rows their own
 * random streams ({@link Generator.PromptGroup}), so the self-edits are those of one passage at a time.
 */
public final class SelfEditGenerator {
    /** Passages whose self-edits are sampled in one batch unless told otherwise: 16 x k rows. */
    public static final int DEFAULT_PASSAGES_PER_BATCH = 16;
    /** The system property that overrides {@link #DEFAULT_PASSAGES_PER_BATCH} for the process (the CLI's --generation-batch). */
    public static final String BATCH_PROPERTY = "seal.generationBatch";

    private final ExperimentLog log;
    private final SealModel model;
    private final GenerationSettings settings;
    private final int passagesPerBatch;
    private int workers;   // 0: not decided yet (see workers())

    public SelfEditGenerator(ExperimentLog log, SealModel model, GenerationSettings settings) {
        this(log, model, settings, defaultPassagesPerBatch());
    }

    /** A generator that samples the self-edits of up to {@code passagesPerBatch} passages in one batch (1: one at a time). */
    public SelfEditGenerator(ExperimentLog log, SealModel model, GenerationSettings settings, int passagesPerBatch) {
        if (passagesPerBatch < 1) throw new IllegalArgumentException("passages per generation batch must be >= 1, got " + passagesPerBatch);
        this.log = log;
        this.model = model;
        this.settings = settings;
        this.passagesPerBatch = passagesPerBatch;
    }

    /** {@value #BATCH_PROPERTY} when set (a whole number >= 1), else {@link #DEFAULT_PASSAGES_PER_BATCH}. */
    public static int defaultPassagesPerBatch() {
        String v = System.getProperty(BATCH_PROPERTY);
        if (v == null || v.isBlank()) return DEFAULT_PASSAGES_PER_BATCH;
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException("generation batch (" + BATCH_PROPERTY + "): expected a whole number >= 1, got '" + v + "'");
    }

    /** The seed of a passage's batch: from the settings' seed, the tag and the passage. */
    public long seedFor(String tag, long passageId) {
        return seedFor(settings.seed(), tag, passageId);
    }

    /** The seed of a passage's batch from a base seed, the batch's tag and the passage (the CLI's and the window's). */
    public static long seedFor(long baseSeed, String tag, long passageId) {
        return Seeds.derive(baseSeed, tag.hashCode(), passageId);
    }

    /**
     * One finished sample of a batch: which of the k, its text, how it ended ("eos", "max_tokens", or "context": the prompt
     * and the sample filled the model's context, {@link Generation.Finish#CONTEXT}), new tokens (EOS included).
     */
    public record Sample(int index, String text, String finish, int newTokens) {
        /** Whether the model's context cut it short (before its EOS or the token cap). */
        public boolean stoppedByContext() {
            return finish.equals(finishName(Generation.Finish.CONTEXT));
        }
    }

    /** How a sample's end is stored in its sampling record ({@link Sample#finish}): the finish's name in lower case. */
    static String finishName(Generation.Finish f) {
        return Ending.stored(f);
    }

    /** Receives a batch's samples as they are made, on the generating thread. */
    public interface SampleListener {
        SampleListener NONE = new SampleListener() {};

        /** New text of sample {@code index}. */
        default void text(int index, String delta) {}

        /**
         * Sample {@code index} ended: at its EOS token while the others go on, or, at the token cap or where it filled the
         * model's context ({@link Sample#stoppedByContext}), when the batch ends. A sample cut short by a cancel never ends.
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
            // at the cap, or at the model's context (a cancel leaves a row short of both: not ended)
            if (done[r] == null && (g.tokens().length >= maxTokens || g.finish() == Generation.Finish.CONTEXT)) {
                done[r] = new Sample(r, g.text(), finishName(g.finish()), g.tokens().length);
                to.ended(done[r]);
            }
            if (done[r] != null) out.add(done[r]);
        }
        return out;
    }

    /**
     * This model's self-edits of the passage with this template and tag, sampled as these settings sample (temperature,
     * top-p, max tokens, and the seed they derive for the tag and passage), oldest first (empty when none). Samples drawn
     * otherwise, e.g. by an earlier run at another temperature, are another run's and are not reused.
     */
    public List<SelfEditRecord> stored(long passageId, String tag) {
        List<SelfEditRecord> out = new ArrayList<>();
        long seed = seedFor(tag, passageId);
        for (SelfEditRecord r : log.selfEdits(passageId)) {
            if (r.author() == AuthorKind.MODEL && r.modelId() != null && r.modelId() == model.modelId()
                    && settings.template().key().equals(r.promptTemplate()) && tag.equals(r.sourceLabel())
                    && sampledAsNow(r.samplingJson(), seed)) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Whether a stored sampling record (its {@code sampling_json}) says these settings drew it: each of temperature, top-p,
     * max tokens and seed it records equals ours. A field it lacks, or a record that is not JSON (written by hand or by an
     * older version), does not count against it, so such self-edits are reused as before.
     */
    private boolean sampledAsNow(String samplingJson, long seed) {
        if (samplingJson == null || samplingJson.isBlank()) return true;
        try {
            JsonObject o = com.google.gson.JsonParser.parseString(samplingJson).getAsJsonObject();
            return (!o.has("temperature") || o.get("temperature").getAsDouble() == settings.temperature())
                    && (!o.has("top_p") || o.get("top_p").getAsDouble() == settings.topP())
                    && (!o.has("max_tokens") || o.get("max_tokens").getAsInt() == settings.maxTokens())
                    && (!o.has("seed") || o.get("seed").getAsLong() == seed);
        } catch (RuntimeException notOurs) {
            return true;
        }
    }

    /** The k self-edits of one passage: the stored ones, or k new samples stored now. */
    public List<SelfEditRecord> forPassage(long passageId, String tag, BooleanSupplier cancelled) {
        List<SelfEditRecord> have = stored(passageId, tag);
        if (have.size() >= settings.k()) return have.subList(0, settings.k());
        PassageDetail p = log.passage(passageId)
                .orElseThrow(() -> new IllegalArgumentException("no passage with id " + passageId + " in the workspace"));
        checkPrompts(List.of(p));
        String prompt = settings.template().render(p.title(), p.context());
        long seed = seedFor(tag, passageId);
        List<Sample> samples = sample(model, prompt, settings.k(), settings.temperature(), settings.topP(), settings.maxTokens(),
                seed, null, cancelled);
        if (cancelled.getAsBoolean()) throw new CancellationException("cancelled while generating self-edits of passage " + passageId);
        return store(passageId, prompt, seed, tag, samples);
    }

    /**
     * The k self-edits of each passage, in the order given: the stored ones, the others sampled {@code passagesPerBatch}
     * passages at a time in one generator batch and stored passage by passage (each passage's k in one transaction). With
     * more than one {@link #workers}, batches sample side by side, each on a worker with a replica of the model (and at
     * least one batch per worker where there are enough passages); the log is written on the calling thread, batch after
     * batch in passage order (a batch that finishes before an earlier one waits for it), so that the self-edits' ids do
     * not depend on which worker was faster: two workspaces given the same work hold the same ids. A passage's samples
     * depend only on its own seed, not on its batch or worker. A cancel stores nothing of the batches in flight; batches
     * that finished stay stored, as whole passages.
     */
    public Map<Long, List<SelfEditRecord>> forPassages(List<Long> passageIds, String tag, Progress progress,
                                                       BooleanSupplier cancelled) {
        Map<Long, List<SelfEditRecord>> found = new LinkedHashMap<>();
        List<Long> todo = new ArrayList<>();
        for (long id : new LinkedHashSet<>(passageIds)) {
            List<SelfEditRecord> have = stored(id, tag);
            if (have.size() >= settings.k()) found.put(id, have.subList(0, settings.k()));
            else todo.add(id);
        }
        List<PassageDetail> toSample = new ArrayList<>();
        for (long id : todo) {
            toSample.add(log.passage(id).orElseThrow(() -> new IllegalArgumentException("no passage with id " + id + " in the workspace")));
        }
        checkPrompts(toSample);   // before any sampling: a prompt that leaves no room in the context is refused
        int total = found.size() + todo.size();
        int[] done = {found.size()};
        List<List<Long>> batches = cut(todo, passagesPerBatch, workers());
        if (workers() == 1 || batches.size() == 1) {
            for (List<Long> batch : batches) {
                if (cancelled.getAsBoolean()) throw new CancellationException("cancelled");
                progress.update(done[0], total, batchMessage(done[0], batch.size(), total));
                Prepared p = prepare(batch, tag);
                found.putAll(store(p, compute(p, model, cancelled)));
                done[0] += batch.size();
            }
        } else {
            // finished batches wait here for the earlier ones, then are stored in order (on this thread, as they finish)
            InOrder<Map.Entry<Prepared, List<List<Generation>>>> inOrder = new InOrder<>(batches.size(), (i, r) -> {
                found.putAll(store(r.getKey(), r.getValue()));
                done[0] += r.getKey().ids().size();
                progress.update(done[0], total, "self-edits of " + done[0] + " of " + total + " passages");
            });
            Map<List<Long>, Integer> number = new java.util.HashMap<>();
            for (int i = 0; i < batches.size(); i++) number.put(batches.get(i), i);
            try {
                ReplicaWorkers.pipeline(model, workers(), "generation", batches, cancelled, new ReplicaWorkers.Steps<List<Long>, Prepared, List<List<Generation>>>() {
                    @Override
                    public Prepared prepare(List<Long> batch) {
                        progress.update(done[0], total, batchMessage(done[0], batch.size(), total));
                        return SelfEditGenerator.this.prepare(batch, tag);
                    }

                    @Override
                    public List<List<Generation>> compute(Prepared p, SealModel replica, BooleanSupplier stopped) {
                        return SelfEditGenerator.this.compute(p, replica, stopped);
                    }

                    @Override
                    public void finish(Prepared p, List<List<Generation>> generations) {
                        inOrder.done(number.get(p.ids()), Map.entry(p, generations));
                    }
                });
            } finally {
                // stopped early (cancel, error): what finished is stored all the same, still in batch order
                inOrder.releaseWaiting();
            }
        }
        progress.update(done[0], total, "self-edits of " + done[0] + " passages");
        Map<Long, List<SelfEditRecord>> out = new LinkedHashMap<>();
        for (long id : passageIds) out.put(id, found.get(id));
        return out;
    }

    /**
     * Refuses ({@link ContextFit.PromptsTooLong}) when a passage's self-edit prompt leaves fewer than
     * {@link ContextFit#MIN_ROOM} tokens in the model's context: the model would write past what it can read.
     */
    public void checkPrompts(List<PassageDetail> passages) {
        ContextFit.checkPrompts(model.name(), model.tokenizer(), model.model().config().maxPositionEmbeddings(),
                settings.template(), passages);
    }

    private static String batchMessage(int done, int size, int total) {
        return size == 1 ? "self-edits of passage " + (done + 1) + " of " + total
                : "self-edits of passages " + (done + 1) + "-" + (done + size) + " of " + total;
    }

    /**
     * The passages to sample cut into batches of at most {@code size}, in order: consecutive batches of {@code size} (the
     * last shorter), or when that would leave a worker idle, one batch per worker (near-equal sizes).
     */
    static List<List<Long>> cut(List<Long> todo, int size, int workers) {
        int n = todo.size();
        List<List<Long>> out = new ArrayList<>();
        if (n == 0) return out;
        int bySize = (n + size - 1) / size, byWorkers = Math.min(workers, n);
        if (byWorkers <= bySize) {
            for (int from = 0; from < n; from += size) out.add(todo.subList(from, Math.min(n, from + size)));
        } else {
            for (int b = 0; b < byWorkers; b++) out.add(todo.subList(b * n / byWorkers, (b + 1) * n / byWorkers));
        }
        return out;
    }

    /** How many batches {@link #forPassages} samples at once: {@link Devices#workers} for the model unless set. */
    public int workers() {
        if (workers < 1) workers = Devices.workers(model.model());
        return workers;
    }

    /** Sets {@link #workers} (at least 1). */
    public SelfEditGenerator useWorkers(int n) {
        if (n < 1) throw new IllegalArgumentException("workers must be at least 1, got " + n);
        workers = n;
        return this;
    }

    /** A batch's prompts, seeds and token groups, read from the log on the calling thread. */
    private record Prepared(List<Long> ids, String tag, List<String> prompts, List<Long> seeds, List<Generator.PromptGroup> groups) {}

    private Prepared prepare(List<Long> passageIds, String tag) {
        List<String> prompts = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        List<Generator.PromptGroup> groups = new ArrayList<>();
        for (long id : passageIds) {
            PassageDetail p = log.passage(id)
                    .orElseThrow(() -> new IllegalArgumentException("no passage with id " + id + " in the workspace"));
            String prompt = settings.template().render(p.title(), p.context());
            long seed = seedFor(tag, id);
            prompts.add(prompt);
            seeds.add(seed);
            groups.add(new Generator.PromptGroup(model.tokenizer().encode(prompt, true), settings.k(), seed));
        }
        return new Prepared(List.copyOf(passageIds), tag, prompts, seeds, groups);
    }

    /** k new samples of each passage of the batch, in one generator batch on {@code on}; no log. */
    private List<List<Generation>> compute(Prepared p, SealModel on, BooleanSupplier cancelled) {
        // The seed of the options is not used: every group has its own.
        GenerationOptions opts = GenerationOptions.sampling(settings.maxTokens(), settings.temperature(), settings.topP(), 0);
        List<List<Generation>> gens = new Generator(on.model(), on.tokenizer()).generateGroups(p.groups(), opts, cancelled);
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled while generating self-edits of passages " + p.ids());
        }
        return gens;
    }

    /** The batch's samples stored passage by passage (each passage's k in one transaction). */
    private Map<Long, List<SelfEditRecord>> store(Prepared p, List<List<Generation>> gens) {
        Map<Long, List<SelfEditRecord>> out = new LinkedHashMap<>();
        for (int i = 0; i < p.ids().size(); i++) {
            long id = p.ids().get(i);
            List<Sample> samples = new ArrayList<>();
            for (int r = 0; r < gens.get(i).size(); r++) {
                Generation g = gens.get(i).get(r);
                // as sample() ends them: at EOS (its text decoded with the EOS, special tokens left out), at the cap, or
                // at the model's context
                samples.add(new Sample(r, g.text(), finishName(g.finish()), g.tokens().length));
            }
            out.put(id, store(id, p.prompts().get(i), p.seeds().get(i), p.tag(), samples));
        }
        return out;
    }

    private List<SelfEditRecord> store(long passageId, String prompt, long seed, String tag, List<Sample> samples) {
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
