package org.sealworkbench.seal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.llm.LocalModel;
import org.sealworkbench.llm.tokenizer.Tokenizer;
import org.sealworkbench.store.ExperimentLog;

/**
 * A checkpoint loaded once and shared by generation, inner loops and answering (adapters come and go on
 * it; the base weights stay), with the id of its row in the experiment log.
 */
public final class SealModel implements AutoCloseable {
    private final LlamaModel model;
    private final Tokenizer tokenizer;
    private final long modelId;
    private final String name;
    private final Path dir;
    private final boolean ownsTokenizer;

    public SealModel(LlamaModel model, Tokenizer tokenizer, long modelId, String name, Path dir) {
        this(model, tokenizer, modelId, name, dir, true);
    }

    private SealModel(LlamaModel model, Tokenizer tokenizer, long modelId, String name, Path dir, boolean ownsTokenizer) {
        this.ownsTokenizer = ownsTokenizer;
        this.model = model;
        this.tokenizer = tokenizer;
        this.modelId = modelId;
        this.name = name;
        this.dir = dir;
    }

    /**
     * Loads a Hugging Face checkpoint folder (it needs tokenizer.json) and finds or adds its row in the log
     * (by absolute path; the name is the folder's name).
     */
    public static SealModel open(Path dir, ExperimentLog log, ComputeDevice device) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs.resolve("tokenizer.json"))) {
            throw new IllegalArgumentException(abs.resolve("tokenizer.json") + ": file not found (SEAL needs the model's tokenizer)");
        }
        LocalModel local = LocalModel.open(abs, device);
        LlamaModel m = local.model();
        Tokenizer t = local.tokenizer();
        String name = abs.getFileName() == null ? abs.toString() : abs.getFileName().toString();
        long id = log.findOrAddModel(abs.toString(), m.config().modelType(), name);
        String stored = log.model(id).map(r -> r.name()).orElse(name);
        return new SealModel(m, t, id, stored, abs);
    }

    /**
     * The same loaded weights under another identity (e.g. after a LoRA was merged into them in place and
     * saved as a new model version). The returned object owns the weights now: close it, not this one.
     */
    public SealModel renamed(long newModelId, String newName, Path newDir) {
        return new SealModel(model, tokenizer, newModelId, newName, newDir.toAbsolutePath().normalize());
    }

    /**
     * This model on a {@link LlamaModel#replica()} of its weights, with the same tokenizer and identity: for a worker thread
     * that attaches adapters of its own (issue 19). Closing it closes the replica only; close it before this one.
     */
    public SealModel replica() {
        return new SealModel(model.replica(), tokenizer, modelId, name, dir, false);
    }

    public LlamaModel model() {
        return model;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The model's row in the experiment log. */
    public long modelId() {
        return modelId;
    }

    /** The name stored with the model (e.g. the folder's name, or "round-1"). */
    public String name() {
        return name;
    }

    public Path dir() {
        return dir;
    }

    /** EOS id used to pad training sequences and to stop generation (the tokenizer's first, else the model's). */
    public int eosId() {
        if (!tokenizer.eosIds().isEmpty()) return tokenizer.eosIds().get(0);
        if (!model.config().eosTokenIds().isEmpty()) return model.config().eosTokenIds().get(0);
        throw new IllegalStateException(dir + ": the model names no EOS token (tokenizer_config.json / config.json)");
    }

    @Override
    public void close() {
        if (ownsTokenizer) tokenizer.close();
        model.close();
    }
}
