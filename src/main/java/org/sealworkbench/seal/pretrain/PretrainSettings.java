package org.sealworkbench.seal.pretrain;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sealworkbench.llm.model.ModelConfig;
import org.sealworkbench.llm.tokenizer.PreTokenizer;

/**
 * Everything that decides a pretraining run: the world and corpus, the tokenizer (size and pre-tokenizer, see
 * {@link PreTokenizer}; settings written before the choice existed mean byte-level), the architecture and the optimisation.
 * {@code copyFirst}: the corpus's copying documents (rewrite demonstrations and copy drills) are packed into windows of their own that the first epoch
 * sees before everything else, a curriculum for copying. {@code ropeTheta}: RoPE's base (0 in old files means 10,000).
 * {@code inductionInit}: the weights start with an induction circuit ({@link org.sealworkbench.llm.model.InductionInit}). Saved beside the checkpoint so a resumed run can refuse different settings.
 */
public record PretrainSettings(long worldSeed, int entities, CorpusSpec corpus, int vocabSize,
                               int layers, int hidden, int heads, int kvHeads, int intermediate, int context,
                               long steps, int batch, double lr, long warmup, double weightDecay,
                               long seed, int checkpointEvery, double validationShare, String preTokenizer,
                               boolean copyFirst, double ropeTheta, boolean inductionInit) {
    public static final String FILE = "pretrain-settings.json";
    /** Llama's and Qwen2's usual rope theta, and what settings written before the choice existed mean. */
    public static final double DEFAULT_ROPE_THETA = 10_000.0;

    /** Without a rope theta or induction initialisation (Llama's default theta, Hugging Face's random init). */
    public PretrainSettings(long worldSeed, int entities, CorpusSpec corpus, int vocabSize, int layers, int hidden, int heads, int kvHeads,
                            int intermediate, int context, long steps, int batch, double lr, long warmup, double weightDecay, long seed,
                            int checkpointEvery, double validationShare, String preTokenizer, boolean copyFirst) {
        this(worldSeed, entities, corpus, vocabSize, layers, hidden, heads, kvHeads, intermediate, context, steps, batch, lr, warmup,
                weightDecay, seed, checkpointEvery, validationShare, preTokenizer, copyFirst, DEFAULT_ROPE_THETA, false);
    }

    /** The same settings with another step count. */
    public PretrainSettings withSteps(long newSteps) {
        return new PretrainSettings(worldSeed, entities, corpus, vocabSize, layers, hidden, heads, kvHeads, intermediate, context, newSteps,
                batch, lr, warmup, weightDecay, seed, checkpointEvery, validationShare, preTokenizer, copyFirst, ropeTheta, inductionInit);
    }

    /** Without a validation share: the world's default split (WorldSpec.of). */
    public PretrainSettings(long worldSeed, int entities, CorpusSpec corpus, int vocabSize, int layers, int hidden, int heads, int kvHeads,
                            int intermediate, int context, long steps, int batch, double lr, long warmup, double weightDecay, long seed,
                            int checkpointEvery) {
        this(worldSeed, entities, corpus, vocabSize, layers, hidden, heads, kvHeads, intermediate, context, steps, batch, lr, warmup,
                weightDecay, seed, checkpointEvery, 0, null, false);
    }

    /** The world's spec: the default split, or the given validation share (RL-train keeps its default share). */
    public org.sealworkbench.data.world.WorldSpec worldSpec() {
        org.sealworkbench.data.world.WorldSpec d = org.sealworkbench.data.world.WorldSpec.of(worldSeed, entities);
        return validationShare <= 0 ? d : new org.sealworkbench.data.world.WorldSpec(worldSeed, entities, validationShare, d.rlTrainShare());
    }

    public PretrainSettings {
        preTokenizer = PreTokenizer.byId(preTokenizer).id();
        if (ropeTheta == 0) ropeTheta = DEFAULT_ROPE_THETA;   // absent from settings files written before it existed
        if (!(ropeTheta > 1)) throw new IllegalArgumentException("rope theta must be above 1, got " + ropeTheta);
        if (inductionInit && (layers < 2 || kvHeads < 2)) {
            throw new IllegalArgumentException("--induction-init needs at least 2 layers and 2 kv-heads (it builds its circuit in layers 0 and 1)");
        }
        if (entities <= 0 || vocabSize <= 0 || layers <= 0 || hidden <= 0 || heads <= 0 || kvHeads <= 0
                || intermediate <= 0 || context < 8 || steps <= 0 || batch <= 0 || checkpointEvery <= 0) {
            throw new IllegalArgumentException("pretrain settings must be positive (context at least 8)");
        }
        if (hidden % heads != 0 || (hidden / heads) % 2 != 0) throw new IllegalArgumentException("hidden " + hidden + " must split into " + heads + " heads of even size");
        if (heads % kvHeads != 0) throw new IllegalArgumentException("heads " + heads + " must be a multiple of kv-heads " + kvHeads);
        if (!(lr > 0)) throw new IllegalArgumentException("learning rate must be positive, got " + lr);
    }

    public PreTokenizer preTokenizerKind() {
        return PreTokenizer.byId(preTokenizer);
    }

    /** The Llama architecture for a tokenizer of {@code vocab} ids whose EOS (and pad) is {@code eos}. */
    public ModelConfig modelConfig(int vocab, int eos) {
        return new ModelConfig("llama", vocab, hidden, intermediate, layers, heads, kvHeads, hidden / heads,
                1e-5, ropeTheta, null, context, true, false, false, null, List.of(eos), eos);
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(FILE), new GsonBuilder().setPrettyPrinting().create().toJson(this) + "\n", StandardCharsets.UTF_8);
    }

    /** The settings saved in {@code dir}, or null when there are none. */
    public static PretrainSettings read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) return null;
        try {
            PretrainSettings s = new Gson().fromJson(Files.readString(f, StandardCharsets.UTF_8), PretrainSettings.class);
            if (s == null || s.corpus() == null) throw new IllegalArgumentException("empty or incomplete");
            return new PretrainSettings(s.worldSeed, s.entities, s.corpus, s.vocabSize, s.layers, s.hidden, s.heads, s.kvHeads,
                    s.intermediate, s.context, s.steps, s.batch, s.lr, s.warmup, s.weightDecay, s.seed, s.checkpointEvery, s.validationShare, s.preTokenizer, s.copyFirst, s.ropeTheta, s.inductionInit);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(f + ": unreadable pretrain settings: " + e.getMessage(), e);
        }
    }
}
