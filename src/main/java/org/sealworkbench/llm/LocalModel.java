package org.sealworkbench.llm;

import org.sealworkbench.llm.generation.GenerationConfig;
import org.sealworkbench.llm.generation.Generator;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.tokenizer.Tokenizer;

import ai.djl.Device;
import java.nio.file.Path;

/**
 * A checkpoint folder ready to use: the model on a device, its tokenizer and its generation config.
 * What the workbench's jobs hold while they generate or evaluate; closing it frees everything.
 */
public final class LocalModel implements AutoCloseable {
    private final Path dir;
    private final LlamaModel model;
    private final Tokenizer tokenizer;
    private final GenerationConfig generationConfig;

    private LocalModel(Path dir, LlamaModel model, Tokenizer tokenizer, GenerationConfig generationConfig) {
        this.dir = dir;
        this.model = model;
        this.tokenizer = tokenizer;
        this.generationConfig = generationConfig;
    }

    /** Loads the folder on {@link Devices#pick()}; tokenizer.json is required. */
    public static LocalModel open(Path dir) {
        return open(dir, Devices.pick());
    }

    public static LocalModel open(Path dir, ComputeDevice device) {
        return open(dir, device.toDjl());
    }

    public static LocalModel open(Path dir, Device device) {
        Tokenizer tok = Tokenizer.load(dir); // fail fast on a missing tokenizer before loading weights
        try {
            LlamaModel model = LlamaModel.load(dir, device);
            return new LocalModel(dir, model, tok, GenerationConfig.read(dir));
        } catch (RuntimeException e) {
            tok.close();
            throw e;
        }
    }

    public Path dir() {
        return dir;
    }

    public LlamaModel model() {
        return model;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public GenerationConfig generationConfig() {
        return generationConfig;
    }

    /** A generator over this model and tokenizer (cheap; make one per job). */
    public Generator generator() {
        return new Generator(model, tokenizer);
    }

    @Override
    public void close() {
        tokenizer.close();
        model.close();
    }
}
